import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ddb } from './clients';
import { queryAll } from './query';
import { config } from './config';
import { auditEventKey, auditHeadKey, auditPk, stripKeys } from './keys';
import { GENESIS_HASH, sealEvent, verifyChain, type Actor, type AuditEvent, type ChainVerification } from '../domain/audit';
import { ConflictError, type DomainError } from '../domain/errors';

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A state-change item of a transaction, with the error to throw when its condition fails. */
export interface TxWrite {
  item: TxItem;
  onConditionFailed?: () => DomainError;
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

interface Head {
  seq: number;
  hash: string;
}

async function readHead(chain: string): Promise<Head> {
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
      const e = sealEvent({ chain: a.chain, seq: t.seq + 1, at, actor: a.actor, action: a.action, target: a.target, before: a.before, after: a.after, prevHash: t.hash });
      tip.set(a.chain, { seq: e.seq, hash: e.hash });
      return e;
    });
    const auditItems: TxItem[] = [
      ...events.map((e) => ({
        Put: { TableName: config.tableName, Item: { ...auditEventKey(e.chain, e.seq), entity: 'audit', ...e }, ConditionExpression: 'attribute_not_exists(pk)' },
      })),
      ...chains.map((c) => {
        const start = heads.get(c)!;
        const end = tip.get(c)!;
        return {
          Put: {
            TableName: config.tableName,
            Item: { ...auditHeadKey(c), entity: 'audit-head', seq: end.seq, hash: end.hash, updatedAt: at },
            ConditionExpression: start.seq === 0 ? 'attribute_not_exists(pk)' : 'seq = :prev',
            ...(start.seq === 0 ? {} : { ExpressionAttributeValues: { ':prev': start.seq } }),
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
        throw writes[failedWrite]!.onConditionFailed?.() ?? new ConflictError('The resource changed or already exists.');
      }
      const chainRace = reasons.slice(writes.length).some((r) => r?.Code === 'ConditionalCheckFailed');
      const conflict = reasons.some((r) => r?.Code === 'TransactionConflict');
      if ((chainRace || conflict) && attempt < MAX_ATTEMPTS) {
        await sleep(Math.random() * 20 * attempt);
        continue;
      }
      throw new ConflictError('Too many concurrent changes; please retry.');
    }
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export async function listAuditEvents(chain: string, limit: number, startKey?: Record<string, unknown>) {
  const res = await ddb().send(
    new QueryCommand({
      TableName: config.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': auditPk(chain), ':e': 'E#' },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (res.Items ?? []).map((i) => stripKeys<AuditEvent>(i)), lastKey: res.LastEvaluatedKey };
}

/** Reads the whole chain in order and recomputes it; also checks that the head agrees with the last event. */
export async function verifyAuditChain(chain: string): Promise<ChainVerification & { headSeq: number }> {
  const { items: events } = await queryAll<AuditEvent>({
    TableName: config.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
    ExpressionAttributeValues: { ':pk': auditPk(chain), ':e': 'E#' },
    ConsistentRead: true,
  });
  const head = await readHead(chain);
  const result = verifyChain(events);
  if (result.valid && (head.seq !== events.length || head.hash !== result.headHash)) {
    // Events missing at the end (or a rewritten head): the first seq that should be there is broken.
    return { valid: false, length: events.length, brokenSeq: Math.min(head.seq, events.length + 1), reason: 'gap', headSeq: head.seq };
  }
  return { ...result, headSeq: head.seq };
}
