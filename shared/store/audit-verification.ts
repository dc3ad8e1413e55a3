import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { auditLastFullKey, auditVerificationKey, auditVerifiedCheckpointKey, queries, stripKeys } from './keys';
import { queryAll, queryInput } from './query';
import { readHead, type Head } from './tx';
import { verifySegment, type AuditCheckpoint, type AuditEvent, type BreakReason, type ChainVerification, type VerificationAnchor } from '../domain/audit';
import type { AuditVerification } from '../domain/audit-verification';
import { PreconditionFailedError } from '../domain/errors';
import { msg } from '../domain/i18n/catalog';

/**
 * The checkpoints of the audit chains and their verification (docs/scale.md, "Audit checkpoints"). Every item
 * lives in the chain's own partition (`AUDIT#<chain>`): the written checkpoints (`CP#<seq>`, one per
 * AUDIT_CHECKPOINT_INTERVAL events, written with the event by ./tx.ts), the verified checkpoints (`VCP#<seq>`,
 * the end of each verified segment), the full verification jobs (`VJOB#<id>`) and the outcome of the last one
 * (`VLAST`). None of them is rewritten by every append: no item takes the chain's write rate.
 */

/** The end of a verified segment: event `seq` had hash `hash` when `verifiedAt`, and everything before it verified too. */
export interface VerifiedCheckpoint {
  chain: string;
  seq: number;
  hash: string;
  verifiedAt: string;
  /** The seq the segment was anchored on (0 = genesis): the previous verified checkpoint. */
  anchorSeq: number;
  /** `verify`: a bounded GET …/audit/verify; `verification`: a segment of a full verification job. */
  by: 'verify' | 'verification';
  verificationId: string | null;
}

/** The outcome of the chain's last full verification. */
export interface LastFullVerification {
  chain: string;
  verificationId: string;
  status: 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string;
  totalEvents: number;
  brokenSeq: number | null;
  reason: BreakReason | null;
}

/** The last verified checkpoint of a chain (highest seq), or null: one Query, one item. */
export async function lastVerifiedCheckpoint(chain: string): Promise<VerifiedCheckpoint | null> {
  const res = await ddb().send(
    new QueryCommand({ ...queryInput(queries.auditVerifiedCheckpoints(chain), { descending: true, consistentRead: true }), Limit: 1 }),
  );
  const item = res.Items?.[0];
  return item ? stripKeys<VerifiedCheckpoint>(item) : null;
}

export async function putVerifiedCheckpoint(c: VerifiedCheckpoint): Promise<void> {
  await ddb().send(
    new PutCommand({ TableName: config.tableName, Item: { ...auditVerifiedCheckpointKey(c.chain, c.seq), entity: 'audit-verified-checkpoint', ...c } }),
  );
}

export interface SegmentCheck {
  /** The events after the anchor that were read (fromSeq…toSeq); null/null when there were none. */
  fromSeq: number | null;
  toSeq: number | null;
  result: ChainVerification<BreakReason>;
  /** Hash of the last event verified (the anchor's when none was read). */
  throughHash: string;
}

/**
 * Verifies the events after `anchor` up to `to` (at most AUDIT_VERIFY_MAX_EVENTS of them: one bounded Query
 * of the range, plus one of the written checkpoints in it), re-reading the anchor's event too. `head`: when `to`
 * is the head's seq, the last event must also have the head's hash, and no event may follow it.
 */
export async function verifyChainSegment(chain: string, anchor: VerificationAnchor, to: number, head: Head | null): Promise<SegmentCheck> {
  const from = Math.max(anchor.seq, 1);
  const [{ items: events }, { items: checkpoints }] = await Promise.all([
    to >= from ? queryAll<AuditEvent>(queries.auditEventRange(chain, from, to), { max: to - from + 1, consistentRead: true }) : { items: [] },
    to > anchor.seq
      ? queryAll<AuditCheckpoint>(queries.auditCheckpointRange(chain, anchor.seq + 1, to), { max: to - anchor.seq, consistentRead: true })
      : { items: [] },
  ]);
  let result: ChainVerification<BreakReason> = verifySegment(events, anchor, checkpoints);
  const read = to - anchor.seq;
  const range = read > 0 ? { fromSeq: anchor.seq + 1, toSeq: to } : { fromSeq: null, toSeq: null };
  if (!result.valid) return { ...range, result, throughHash: anchor.hash };
  const afterAnchor = anchor.seq > 0 ? events.length - 1 : events.length;
  if (afterAnchor < read) {
    // Events missing at the end of the range: the first seq that should be there is broken.
    result = { valid: false, length: afterAnchor, brokenSeq: anchor.seq + afterAnchor + 1, reason: 'gap' };
    return { ...range, result, throughHash: anchor.hash };
  }
  if (head && to === head.seq) {
    const next = await ddb().send(
      new QueryCommand({ ...queryInput(queries.auditEventRange(chain, head.seq + 1, 9_999_999_999), { consistentRead: true, attributes: ['seq'] }), Limit: 1 }),
    );
    // A rewritten head, or events after it that no append wrote: the head's seq (or the one after) is broken.
    if (result.headHash !== head.hash)
      return { ...range, result: { valid: false, length: afterAnchor, brokenSeq: Math.max(head.seq, 1), reason: 'gap' }, throughHash: anchor.hash };
    // An event after the head is fine if the head has moved since it was read (an append committed meanwhile).
    if (next.Items?.length && (await readHead(chain)).seq <= head.seq)
      return { ...range, result: { valid: false, length: afterAnchor, brokenSeq: head.seq + 1, reason: 'gap' }, throughHash: result.headHash };
  }
  return { ...range, result, throughHash: result.headHash };
}

// ---------------------------------------------------------------------------------------------------------
// Full verification jobs

export async function putAuditVerification(v: AuditVerification): Promise<void> {
  await ddb().send(
    new PutCommand({
      TableName: config.tableName,
      Item: { ...auditVerificationKey(v.chain, v.id), entity: 'audit-verification', ...v },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Replaces the job by `next` if it is still at `next.version - 1` (412 otherwise: another writer moved it). */
export async function saveAuditVerification(next: AuditVerification): Promise<void> {
  try {
    await ddb().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...auditVerificationKey(next.chain, next.id), entity: 'audit-verification', ...next },
        ConditionExpression: 'version = :prev',
        ExpressionAttributeValues: { ':prev': next.version - 1 },
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException || (e as Error).name === 'ConditionalCheckFailedException')
      throw new PreconditionFailedError(msg('store.conflict'));
    throw e;
  }
}

export async function getAuditVerification(chain: string, id: string): Promise<AuditVerification | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: auditVerificationKey(chain, id), ConsistentRead: true }));
  return Item ? stripKeys<AuditVerification>(Item) : null;
}

/** Records a finished job as the chain's last full verification, unless a job started later already did. */
export async function putLastFullVerification(v: AuditVerification): Promise<void> {
  if (v.status === 'running' || !v.finishedAt) return;
  const item: LastFullVerification = {
    chain: v.chain,
    verificationId: v.id,
    status: v.status,
    startedAt: v.createdAt,
    finishedAt: v.finishedAt,
    totalEvents: v.totalEvents,
    brokenSeq: v.brokenSeq,
    reason: v.reason,
  };
  try {
    await ddb().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...auditLastFullKey(v.chain), entity: 'audit-last-full-verification', ...item },
        ConditionExpression: 'attribute_not_exists(pk) OR startedAt <= :mine',
        ExpressionAttributeValues: { ':mine': v.createdAt },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException) && (e as Error).name !== 'ConditionalCheckFailedException') throw e;
  }
}

export async function getLastFullVerification(chain: string): Promise<LastFullVerification | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: auditLastFullKey(chain), ConsistentRead: true }));
  return Item ? stripKeys<LastFullVerification>(Item) : null;
}
