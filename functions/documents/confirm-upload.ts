import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { loadReadableProject } from '../../shared/services/load-project';
import { assertCanReadDocument } from '../../shared/services/document-access';
import { magicMismatch, MAX_DOCUMENT_BYTES, type DocumentRecord } from '../../shared/domain/documents';
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/domain/errors';
import { config } from '../../shared/store/config';
import { getDocument, settleDocument } from '../../shared/store/documents';
import { deleteObject, digestObject } from '../../shared/store/objects';
import * as api from '../../shared/api/routes/documents';

/**
 * After the client's upload: reads the object, records SHA-256, size and type; a file whose bytes do not
 * match its declared type (an EXE renamed .pdf), or that is over the limit, is deleted and the document
 * marked rejected (422 with the reason).
 */
export const confirmUpload: RouteHandler<typeof api.confirmUpload> = async (req) => {
  const header = await loadReadableProject(req);
  const doc = await getDocument(req.params.docId ?? '');
  if (!doc || doc.projectId !== header.project.id) throw new NotFoundError('No such document.');
  assertCanReadDocument(req.principal, doc);
  if (doc.status !== 'pending') throw new ConflictError(`This document is already ${doc.status}.`);
  const digest = await digestObject(config.documentsBucket, doc.objectKey);
  if (!digest) throw new ConflictError('Nothing was uploaded yet: POST the file to the upload URL first.');
  const reason = digest.size > MAX_DOCUMENT_BYTES ? `The file is larger than ${MAX_DOCUMENT_BYTES} bytes` : digest.size === 0 ? 'The file is empty' : magicMismatch(doc.contentType, digest.head);
  const now = new Date().toISOString();
  const next: DocumentRecord = reason
    ? { ...doc, status: 'rejected', rejectionReason: reason, size: digest.size, sha256: digest.sha256, confirmedAt: now }
    : { ...doc, status: 'available', size: digest.size, sha256: digest.sha256, confirmedAt: now };
  if (reason) await deleteObject(config.documentsBucket, doc.objectKey);
  const settled = await settleDocument(doc, next, actorOf(req.principal));
  if (reason) throw new UnprocessableError(`The file was refused and deleted: ${reason}.`, { extra: { document: settled } });
  return { status: 200, body: settled };
};

export const handler = httpHandler(api.confirmUpload, confirmUpload);
