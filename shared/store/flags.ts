import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { flagKey, openFlagGsi, OPEN_FLAGS_GSI_PK, projectChain, stripKeys } from './keys';
import { writeWithAudit, type AuditInput, type TxWrite } from './tx';
import { queryAll } from './query';
import { decodeCursor, encodeCursor } from './pagination';
import { ACTIVE_STATUSES, type Flag } from '../domain/risk/lifecycle';
import type { Actor } from '../domain/audit';
import { ConflictError } from '../domain/errors';

const T = () => config.tableName;

export type StoredFlag = Flag & { projectId: string; version: number };

export async function listFlags(projectId: string): Promise<StoredFlag[]> {
  const { items } = await queryAll<StoredFlag>({
    TableName: T(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
    ExpressionAttributeValues: { ':pk': `PROJ#${projectId}`, ':f': 'FLAG#' },
    ConsistentRead: true,
  });
  return items;
}

/** A flag write: the item (optimistic lock on `version`) and, while active, its place on the open-flags index. */
export function flagWrite(projectId: string, flag: Flag, previous: StoredFlag | null): { write: TxWrite; stored: StoredFlag } {
  const stored: StoredFlag = { ...flag, projectId, version: (previous?.version ?? 0) + 1 };
  const active = ACTIVE_STATUSES.includes(flag.status);
  return {
    stored,
    write: {
      item: {
        Put: {
          TableName: T(),
          Item: { ...flagKey(projectId, flag.id), ...(active ? openFlagGsi(flag.severity, flag.updatedAt, projectId, flag.id) : {}), entity: 'flag', ...stored },
          ...(previous ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previous.version } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      onConditionFailed: () => new ConflictError('The flag changed meanwhile; reload it.'),
    },
  };
}

export const flagAudit = (projectId: string, action: string, flag: Flag, actor: Actor, detail: Record<string, unknown> = {}): AuditInput => ({
  chain: projectChain(projectId),
  actor,
  action,
  target: { type: 'flag', id: flag.id },
  after: { ruleId: flag.ruleId, severity: flag.severity, status: flag.status, evidenceHash: flag.evidenceHash, ...detail },
});

/**
 * Writes flag changes with their audit events, in transactions of at most 20 flags (each flag is one item
 * plus one audit event; DynamoDB allows 100 items per transaction).
 */
export async function saveFlagChanges(projectId: string, changes: { flag: Flag; previous: StoredFlag | null; action: string; detail?: Record<string, unknown> }[], actor: Actor): Promise<StoredFlag[]> {
  const out: StoredFlag[] = [];
  for (let i = 0; i < changes.length; i += 20) {
    const chunk = changes.slice(i, i + 20);
    const writes = chunk.map((c) => flagWrite(projectId, c.flag, c.previous));
    await writeWithAudit(
      writes.map((w) => w.write),
      chunk.map((c) => flagAudit(projectId, c.action, c.flag, actor, c.detail)),
    );
    out.push(...writes.map((w) => w.stored));
  }
  return out;
}

/** Open (or acknowledged) flags across all projects, for the legal dashboard, from the sparse index. */
export async function listOpenFlags(severities: readonly string[], limit: number, cursor?: string): Promise<{ items: StoredFlag[]; nextCursor: string | null }> {
  // One Query per severity (each a begins_with on the same partition); the cursor pages the concatenation.
  const state = cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { i: number; k?: string }) : { i: 0 };
  const items: StoredFlag[] = [];
  let i = state.i;
  let startKey = state.k ? decodeCursor(state.k, { gsi1pk: OPEN_FLAGS_GSI_PK }) : undefined;
  while (i < severities.length && items.length < limit) {
    const res = await ddb().send(
      new QueryCommand({
        TableName: T(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :s)',
        ExpressionAttributeValues: { ':pk': OPEN_FLAGS_GSI_PK, ':s': `${severities[i]}#` },
        ScanIndexForward: false,
        Limit: limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const it of res.Items ?? []) items.push(stripKeys<StoredFlag>(it));
    if (res.LastEvaluatedKey) startKey = res.LastEvaluatedKey;
    else {
      i++;
      startKey = undefined;
    }
  }
  const more = i < severities.length;
  const next = more ? Buffer.from(JSON.stringify({ i, ...(startKey ? { k: encodeCursor(startKey) } : {}) })).toString('base64url') : null;
  return { items, nextCursor: next };
}
