import { randomBytes } from 'node:crypto';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { logger } from '../../shared/services/logger';
import { loadReadableProject } from '../../shared/services/load-project';
import { assertCanReadDocument } from '../../shared/services/document-access';
import { documentObjectKey, uploadRejection, type DocumentRecord } from '../../shared/domain/documents';
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/domain/errors';
import { config } from '../../shared/store/config';
import { getDocument, settleDocument } from '../../shared/store/documents';
import { copyObject, deleteObject, digestObject } from '../../shared/store/objects';
import * as api from '../../shared/api/routes/documents';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * After the client's upload: copies the uploaded object from its `incoming/` key (the only key the presigned
 * form can write) to a key of its own under `documents/`, then reads that copy — size, SHA-256, magic bytes —
 * and records it. The recorded hash is thus that of the very bytes served, and a later POST with the same form
 * (still valid for a while) only lands on the incoming key, which is never served. A file whose bytes do not
 * match its declared type (an EXE renamed .pdf) or size, or that is over the limit, is deleted and the
 * document marked rejected (422 with the reason). See docs/documents.md.
 */
export const confirmUpload: RouteHandler<typeof api.confirmUpload> = async (req) => {
  const header = await loadReadableProject(req);
  const doc = await getDocument(req.params.docId ?? '');
  if (!doc || doc.projectId !== header.project.id) throw new NotFoundError(msg('document.notFound'));
  assertCanReadDocument(req.principal, doc);
  if (doc.status !== 'pending') throw new ConflictError(msg('document.alreadySettled', { status: msg(`document.status.${doc.status}`) }));
  const bucket = config.documentsBucket;
  // Records from before incoming/ keys had their form write to `objectKey`.
  const uploadKey = doc.uploadKey ?? doc.objectKey!;
  // A key of this confirmation's own: two simultaneous confirmations never write the same served key.
  const objectKey = documentObjectKey(doc.projectId, doc.id, randomBytes(16).toString('hex'));
  if (!(await copyObject(bucket, uploadKey, objectKey))) throw new ConflictError(msg('document.nothingUploaded'));
  const digest = await digestObject(bucket, objectKey);
  if (!digest) throw new Error(`The copy ${objectKey} of document ${doc.id} vanished before it was read.`);
  const reason = uploadRejection(doc.contentType, doc.declaredSize, digest);
  const now = new Date().toISOString();
  const measured = { size: digest.size, sha256: digest.sha256, confirmedAt: now };
  const next: DocumentRecord = reason
    ? { ...doc, status: 'rejected', rejectionReason: reason, ...measured }
    : { ...doc, status: 'available', objectKey, ...measured };
  if (reason) await deleteObject(bucket, objectKey);
  let settled: DocumentRecord;
  try {
    settled = await settleDocument(doc, next, actorOf(req.principal));
  } catch (e) {
    // Another confirmation won (409): its own copy is the one recorded; drop ours.
    if (!reason) await deleteObject(bucket, objectKey).catch(() => undefined);
    throw e;
  }
  // The upload has served its purpose; a later POST with the form can only write there again, never served.
  await deleteObject(bucket, uploadKey).catch((error: Error) => logger.warn('Could not delete the incoming upload', { error, key: uploadKey }));
  if (reason) throw new UnprocessableError(msg('document.refused', { reason: { english: reason } }), { extra: { document: settled } });
  return { status: 200, body: settled };
};

export const handler = httpHandler(api.confirmUpload, confirmUpload);
