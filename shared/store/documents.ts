import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { msg } from '../domain/i18n/catalog';
import { ddb } from './clients';
import { config } from './config';
import { documentKey, documentProjectGsi, projectChain, queries, stripKeys } from './keys';
import { writeWithAudit, type TxWrite } from './tx';
import { queryPage, type Page, type PageRequest } from './query';
import { batchGetAll } from './batch-get';
import type { DocumentRecord } from '../domain/documents';
import type { Actor } from '../domain/audit';
import { ConflictError } from '../domain/errors';
import { lockedPut } from './locking';

const T = () => config.tableName;
const item = (d: DocumentRecord) => ({ ...documentKey(d.id), ...documentProjectGsi(d.projectId, d.createdAt, d.id), entity: 'document', ...d });

export async function getDocument(id: string): Promise<DocumentRecord | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: T(), Key: documentKey(id) }));
  return Item ? stripKeys<DocumentRecord>(Item) : null;
}

/** A page of a project's documents, oldest first; with `organizationId`, only that organization's (a filtered page). */
export async function listDocuments(projectId: string, page: PageRequest, organizationId?: string): Promise<Page<DocumentRecord>> {
  return queryPage<DocumentRecord>(queries.documentsOfProject(projectId), page, organizationId ? { filter: (i) => i.organizationId === organizationId } : {});
}

export async function createDocument(doc: DocumentRecord, actor: Actor): Promise<void> {
  await writeWithAudit(
    [lockedPut(item(doc), { entity: 'document', expect: 'absent' })],
    [
      {
        chain: projectChain(doc.projectId),
        actor,
        action: 'document.upload-started',
        target: { type: 'document', id: doc.id },
        after: { fileName: doc.fileName, contentType: doc.contentType, organizationId: doc.organizationId },
      },
    ],
  );
}

/** Moves a pending document to available or rejected (once: a second confirmation is a 409). */
export async function settleDocument(current: DocumentRecord, next: DocumentRecord, actor: Actor): Promise<DocumentRecord> {
  const updated = { ...next, version: current.version + 1 };
  await writeWithAudit(
    [
      lockedPut(item(updated), {
        entity: 'document',
        expect: current.version,
        and: {
          expression: '#s = :pending',
          names: { '#s': 'status' },
          values: { ':pending': 'pending' },
          conflict: (now) => (now.status !== 'pending' ? new ConflictError(msg('document.alreadyConfirmed')) : null),
        },
      }),
    ],
    [
      {
        chain: projectChain(current.projectId),
        actor,
        action: updated.status === 'available' ? 'document.uploaded' : 'document.rejected',
        target: { type: 'document', id: current.id },
        after: { status: updated.status, sha256: updated.sha256, size: updated.size, rejectionReason: updated.rejectionReason },
      },
    ],
  );
  return updated;
}

/** Several documents by id (BatchGet). */
export async function getDocuments(ids: readonly string[]): Promise<Map<string, DocumentRecord>> {
  const items = await batchGetAll(ids.map(documentKey));
  return new Map(items.map((i) => stripKeys<DocumentRecord>(i)).map((d) => [d.id, d]));
}

/**
 * The write that makes a document a publication manuscript (docs/publications.md): every partner of the project may
 * then read it (`GET /documents/{docId}`), not only its owner's representatives — they must read it to answer the
 * notice. Written in the notice's transaction; the document must still be there.
 */
export function shareAsManuscript(docId: string): TxWrite {
  return {
    item: {
      Update: {
        TableName: config.tableName,
        Key: documentKey(docId),
        UpdateExpression: 'SET sharedWithProject = :t, #v = #v + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':t': true, ':one': 1 },
      },
    },
  };
}
