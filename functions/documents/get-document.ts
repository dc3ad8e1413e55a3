import { httpHandler, type RouteHandler } from '../http/http-handler';
import { assertCanReadProject } from '../../shared/domain/access';
import { DOWNLOAD_URL_TTL_SECONDS } from '../../shared/domain/documents';
import { NotFoundError } from '../../shared/domain/errors';
import { config } from '../../shared/store/config';
import { getDocument as load } from '../../shared/store/documents';
import { presignDownload } from '../../shared/store/objects';
import { accessFacts, getProjectHeader } from '../../shared/store/projects';
import { assertCanReadDocument } from '../../shared/services/document-access';
import * as api from '../../shared/api/routes/documents';
import { msg } from '../../shared/domain/i18n/catalog';

/** The document's metadata and, once available, a short-lived presigned GET. */
export const getDocument: RouteHandler<typeof api.getDocument> = async (req) => {
  const doc = await load(req.params.docId ?? '');
  if (!doc) throw new NotFoundError(msg('document.notFound'));
  const header = await getProjectHeader(doc.projectId);
  assertCanReadProject(req.principal, header ? accessFacts(header) : null);
  assertCanReadDocument(req.principal, doc);
  if (doc.status !== 'available' || !doc.objectKey) return { status: 200, body: { document: doc, download: null } };
  // Only the copy made at confirmation, never the form's upload key (docs/documents.md).
  const url = await presignDownload(config.documentsBucket, doc.objectKey, doc.fileName, doc.contentType, DOWNLOAD_URL_TTL_SECONDS);
  return {
    status: 200,
    body: { document: doc, download: { url, expiresAt: new Date(Date.now() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString() } },
    headers: { 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler(api.getDocument, getDocument);
