import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { loadReadableProject } from '../../shared/services/load-project';
import { documentUploadKey, DOCUMENT_TYPES, sanitizeFileName, UPLOAD_URL_TTL_SECONDS, type DocumentRecord } from '../../shared/domain/documents';
import { fieldError } from '../../shared/domain/validation';
import { ValidationError } from '../../shared/domain/errors';
import { config } from '../../shared/store/config';
import { createDocument } from '../../shared/store/documents';
import { presignUpload } from '../../shared/store/objects';
import { newId } from '../../shared/store/organizations';
import * as api from '../../shared/api/routes/documents';
import { runIdempotent } from '../http/idempotency';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * Starts an upload: records a pending document and returns a presigned POST whose policy accepts exactly the
 * declared size (at most 25 MB) and pins the content type and the key — an `incoming/` key that is never
 * served. The client then POSTs the file to S3 and confirms (which copies it to the served key).
 */
export const createUpload: RouteHandler<typeof api.createUpload> = async (req) => {
  const input = req.body;
  const header = await loadReadableProject(req);
  const p = req.principal;
  const orgId = p.role === 'partner' ? p.organizationId! : input.organizationId;
  if (p.role === 'partner' && input.organizationId && input.organizationId !== p.organizationId) {
    throw new ValidationError(msg('document.ownOrganizationOnly'), { errors: [fieldError(['organizationId'], msg('document.notYourOrganization'))] });
  }
  if (!orgId || !header.members.some((m) => m.organizationId === orgId)) {
    throw new ValidationError(msg('document.nameOrganization'), { errors: [fieldError(['organizationId'], msg('document.mustBePartner'))] });
  }
  const id = newId('doc');
  const now = new Date();
  const doc: DocumentRecord = {
    id,
    projectId: header.project.id,
    organizationId: orgId,
    fileName: sanitizeFileName(input.fileName),
    contentType: input.contentType,
    ...(input.description ? { description: input.description } : {}),
    status: 'pending',
    uploadKey: documentUploadKey(header.project.id, id),
    declaredSize: input.size,
    uploadedBy: { sub: p.sub, role: p.role, email: p.email ?? null },
    createdAt: now.toISOString(),
    version: 1,
  };
  await createDocument(doc, actorOf(p));
  const upload = await presignUpload({
    bucket: config.documentsBucket,
    key: doc.uploadKey!,
    contentType: doc.contentType,
    size: input.size,
    expiresSeconds: UPLOAD_URL_TTL_SECONDS,
    // S3 metadata is ASCII: the display name (any script) stays in DynamoDB.
    metadata: { 'document-id': id, 'file-extension': DOCUMENT_TYPES[doc.contentType].ext },
  });
  return {
    status: 201,
    body: {
      document: doc,
      upload: {
        method: 'POST',
        url: upload.url,
        fields: upload.fields,
        expiresAt: new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString(),
        maxBytes: input.size,
      },
    },
    headers: { location: `/documents/${id}` },
  };
};

export const handler = httpHandler(api.createUpload, createUpload, { idempotency: runIdempotent });
