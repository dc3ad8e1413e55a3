import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, type AttributeValue, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { ddb } from './clients';
import { queryPage, type Page } from './query';
import { config } from './config';
import { auditCheckpointKey, auditDatedGsi, auditEventKey, auditHeadKey, queries } from './keys';
import { lockCondition } from './locking';
import { GENESIS_HASH, isCheckpointSeq, sealEvent, type Actor, type AuditEvent } from '../domain/audit';
import { ConflictError, type DomainError } from '../domain/errors';
import { msg } from '../domain/i18n/catalog';

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A state-change item of a transaction, with the error to throw when its condition fails. */
export interface TxWrite {
  item: TxItem;
  /**
   * The error to throw when the item's condition fails. It gets the item as it is now (null when absent) if the
   * write asked for it with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` (the locked writes of ./locking.ts do):
   * from the cancellation reason, or else from a consistent read. Other writes get null.
   */
  onConditionFailed?: (current: Record<string, unknown> | null) => DomainError;
}

export interface AuditInput {
  chain: string;
  actor: Actor;
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
}

const MAX_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Head {
  seq: number;
  hash: string;
}

/** A chain's head (consistent read): its last seq and hash; seq 0 and the genesis hash for a chain not started. */
export async function readHead(chain: string): Promise<Head> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: auditHeadKey(chain), ConsistentRead: true }));
  return Item ? { seq: Item.seq as number, hash: Item.hash as string } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Writes the state change and appends one audit event per chain in ONE DynamoDB transaction:
 * either everything lands or nothing does. The chain head is updated under a condition on its seq,
 * so two concurrent appends cannot take the same seq: the loser's transaction is cancelled and it
 * retries on the new head — no fork, no gap. A failed condition on a state-change item is not retried:
 * its own error (412, 409, …) is thrown.
 */
export async function writeWithAudit(writes: readonly TxWrite[], audits: readonly AuditInput[], now: () => Date = () => new Date()): Promise<AuditEvent[]> {
  // Several events may go to one chain (e.g. a submission and the workflow step it opens): they take
  // consecutive seqs, and the chain head is written once, conditioned on the seq we started from.
  const chains = [...new Set(audits.map((a) => a.chain))];
  for (let attempt = 1; ; attempt++) {
    const heads = new Map(await Promise.all(chains.map(async (c) => [c, await readHead(c)] as const)));
    const at = now().toISOString();
    const tip = new Map([...heads].map(([c, h]) => [c, { seq: h.seq, hash: h.hash }]));
    const events = audits.map((a) => {
      const t = tip.get(a.chain)!;
      const e = sealEvent({
        chain: a.chain,
        seq: t.seq + 1,
        at,
        actor: a.actor,
        action: a.action,
        target: a.target,
        before: a.before,
        after: a.after,
        prevHash: t.hash,
      });
      tip.set(a.chain, { seq: e.seq, hash: e.hash });
      return e;
    });
    const auditItems: TxItem[] = [
      ...events.map((e) => ({
        Put: {
          TableName: config.tableName,
          Item: { ...auditEventKey(e.chain, e.seq), ...auditDatedGsi(e.chain, e.at, e.seq), entity: 'audit', ...e },
          ...lockCondition({ expect: 'absent' }),
        },
      })),
      // Every AUDIT_CHECKPOINT_INTERVAL-th event also writes a checkpoint item (its seq and hash), in this same
      // transaction: a new item in the chain's own partition each time, never an item rewritten by every append.
      ...events
        .filter((e) => isCheckpointSeq(e.seq))
        .map((e) => ({
          Put: {
            TableName: config.tableName,
            Item: { ...auditCheckpointKey(e.chain, e.seq), entity: 'audit-checkpoint', chain: e.chain, seq: e.seq, hash: e.hash, at: e.at },
            ...lockCondition({ expect: 'absent' }),
          },
        })),
      ...chains.map((c) => {
        const start = heads.get(c)!;
        const end = tip.get(c)!;
        return {
          Put: {
            TableName: config.tableName,
            Item: { ...auditHeadKey(c), entity: 'audit-head', seq: end.seq, hash: end.hash, updatedAt: at },
            // The chain head is locked on its seq (not a `version`: the seq is what the events link by).
            ...(start.seq === 0
              ? lockCondition({ expect: 'absent' })
              : { ConditionExpression: 'seq = :prev', ExpressionAttributeValues: { ':prev': start.seq } }),
          },
        };
      }),
    ];
    try {
      await ddb().send(new TransactWriteCommand({ TransactItems: [...writes.map((w) => w.item), ...auditItems] }));
      return events;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException) && (err as Error).name !== 'TransactionCanceledException') throw err;
      const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
      const failedWrite = writes.findIndex((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed');
      if (failedWrite >= 0) {
        const w = writes[failedWrite]!;
        if (!w.onConditionFailed) throw new ConflictError(msg('store.conflict'));
        throw w.onConditionFailed(await currentItem(w.item, reasons[failedWrite]!));
      }
      const chainRace = reasons.slice(writes.length).some((r) => r?.Code === 'ConditionalCheckFailed');
      const conflict = reasons.some((r) => r?.Code === 'TransactionConflict');
      if ((chainRace || conflict) && attempt < MAX_ATTEMPTS) {
        await sleep(Math.random() * 20 * attempt);
        continue;
      }
      throw new ConflictError(msg('store.tooManyConcurrentChanges'));
    }
  }
}

/** The item a failed write found, when the write asked for it (see {@link TxWrite.onConditionFailed}). */
async function currentItem(item: TxItem, reason: CancellationReason): Promise<Record<string, unknown> | null> {
  const op = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
  if (op?.ReturnValuesOnConditionCheckFailure !== 'ALL_OLD') return null;
  if (reason.Item) return fromAttributeMap(reason.Item);
  // DynamoDB sends no Item when there is none; read to be sure (e.g. an emulator that does not return it).
  const key = item.Put ? { pk: item.Put.Item!.pk, sk: item.Put.Item!.sk } : (op as { Key: Record<string, unknown> }).Key;
  const { Item } = await ddb().send(new GetCommand({ TableName: op.TableName, Key: key, ConsistentRead: true }));
  return Item ?? null;
}

/** AttributeValue map → plain object (the cancellation reasons of the low-level client are not unmarshalled). */
export function fromAttributeMap(m: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, fromAttributeValue(v)]));
}

function fromAttributeValue(v: AttributeValue): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL !== undefined) return null;
  if (v.B !== undefined) return v.B;
  if (v.M !== undefined) return fromAttributeMap(v.M);
  if (v.L !== undefined) return v.L.map(fromAttributeValue);
  if (v.SS !== undefined) return new Set(v.SS);
  if (v.NS !== undefined) return new Set(v.NS.map(Number));
  if (v.BS !== undefined) return new Set(v.BS);
  return undefined;
}

export type { Page };

/** One page of a chain's events, oldest first. */
export async function listAuditEvents(chain: string, limit: number, cursor?: string): Promise<Page<AuditEvent>> {
  return queryPage<AuditEvent>(queries.auditEvents(chain), { limit, cursor });
}
