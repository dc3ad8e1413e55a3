import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { documentKey, documentProjectGsi, documentsOfProjectGsiPk, projectChain, stripKeys } from './keys';
import { writeWithAudit, type Page } from './tx';
import { decodeCursor, encodeCursor } from './pagination';
import type { DocumentRecord } from '../domain/documents';
import type { Actor } from '../domain/audit';
import { ConflictError } from '../domain/errors';

const T = () => config.tableName;
const item = (d: DocumentRecord) => ({ ...documentKey(d.id), ...documentProjectGsi(d.projectId, d.createdAt, d.id), entity: 'document', ...d });

export async function getDocument(id: string): Promise<DocumentRecord | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: T(), Key: documentKey(id) }));
  return Item ? stripKeys<DocumentRecord>(Item) : null;
}

export async function listDocuments(projectId: string, limit: number, cursor?: string): Promise<Page<DocumentRecord>> {
  const gsi1pk = documentsOfProjectGsiPk(projectId);
  const res = await ddb().send(
    new QueryCommand({
      TableName: T(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk }),
    }),
  );
  return { items: (res.Items ?? []).map((i) => stripKeys<DocumentRecord>(i)), nextCursor: encodeCursor(res.LastEvaluatedKey) };
}

export async function createDocument(doc: DocumentRecord, actor: Actor): Promise<void> {
  await writeWithAudit(
    [{ item: { Put: { TableName: T(), Item: item(doc), ConditionExpression: 'attribute_not_exists(pk)' } } }],
    [{ chain: projectChain(doc.projectId), actor, action: 'document.upload-started', target: { type: 'document', id: doc.id }, after: { fileName: doc.fileName, contentType: doc.contentType, organizationId: doc.organizationId } }],
  );
}

/** Moves a pending document to available or rejected (once: a second confirmation is a 409). */
export async function settleDocument(current: DocumentRecord, next: DocumentRecord, actor: Actor): Promise<DocumentRecord> {
  const updated = { ...next, version: current.version + 1 };
  await writeWithAudit(
    [
      {
        item: { Put: { TableName: T(), Item: item(updated), ConditionExpression: 'version = :v AND #s = :pending', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':v': current.version, ':pending': 'pending' } } },
        onConditionFailed: () => new ConflictError('This document was already confirmed.'),
      },
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

/** Several documents by id (BatchGet, 100 at a time). */
export async function getDocuments(ids: readonly string[]): Promise<Map<string, DocumentRecord>> {
  const out = new Map<string, DocumentRecord>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(documentKey);
    for (let round = 0; keys && keys.length && round < 8; round++) {
      const res = await ddb().send(new BatchGetCommand({ RequestItems: { [T()]: { Keys: keys } } }));
      for (const it of res.Responses?.[T()] ?? []) {
        const d = stripKeys<DocumentRecord>(it);
        out.set(d.id, d);
      }
      keys = res.UnprocessedKeys?.[T()]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return out;
}
