import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';

export interface ItemKey {
  pk: string;
  sk: string;
}

/** DynamoDB's limit of keys per BatchGetItem request. */
export const BATCH_GET_MAX_KEYS = 100;

export interface BatchGetOptions {
  /** Requests per chunk of 100 keys: the first one plus the retries of its UnprocessedKeys. Default 8. */
  maxAttempts?: number;
  /** Backoff before retry n: a random delay in [0, min(maxDelayMs, baseDelayMs · 2^(n-1))] (full jitter). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  consistentRead?: boolean;
  /** Only these attributes (and the keys), through placeholders (some names are reserved words). */
  attributes?: readonly string[];
  /** Injection points for tests (faults the emulator cannot produce, such as UnprocessedKeys). */
  send?: (command: BatchGetCommand) => Promise<BatchGetCommandOutput>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Thrown when keys are still unprocessed after the last attempt: a BatchGet never silently drops keys. */
export class UnprocessedKeysError extends Error {
  constructor(
    readonly keys: ItemKey[],
    attempts: number,
  ) {
    super(`BatchGetItem left ${keys.length} key(s) unprocessed after ${attempts} attempts`);
    this.name = 'UnprocessedKeysError';
  }
}

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Reads items by key with BatchGetItem: duplicates removed, 100 keys per request (chunks in parallel), the
 * UnprocessedKeys of each request retried with exponential backoff and full jitter, at most `maxAttempts`
 * requests per chunk; then {@link UnprocessedKeysError}. Returns the raw items found (key attributes included),
 * in no particular order; a key with no item is simply absent.
 */
export async function batchGetAll(keys: readonly ItemKey[], opts: BatchGetOptions = {}): Promise<Record<string, unknown>[]> {
  const { maxAttempts = 8, baseDelayMs = 25, maxDelayMs = 1000, consistentRead = false } = opts;
  const send = opts.send ?? ((c: BatchGetCommand) => ddb().send(c));
  const sleep = opts.sleep ?? sleepFor;
  const random = opts.random ?? Math.random;
  const table = config.tableName;
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, { pk: k.pk, sk: k.sk }])).values()];
  const chunks: ItemKey[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_MAX_KEYS) chunks.push(unique.slice(i, i + BATCH_GET_MAX_KEYS));

  const names = opts.attributes?.length ? [...new Set(['pk', 'sk', ...opts.attributes])] : [];
  const projection = names.length
    ? { ProjectionExpression: names.map((_, i) => `#a${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])) }
    : {};
  const readChunk = async (chunk: ItemKey[]): Promise<Record<string, unknown>[]> => {
    const found: Record<string, unknown>[] = [];
    let pending = chunk;
    for (let attempt = 1; ; attempt++) {
      const res = await send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ...projection, ...(consistentRead ? { ConsistentRead: true } : {}) } } }),
      );
      found.push(...(res.Responses?.[table] ?? []));
      pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as ItemKey[];
      if (!pending.length) return found;
      if (attempt >= maxAttempts) throw new UnprocessedKeysError(pending, attempt);
      await sleep(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
    }
  };
  return (await Promise.all(chunks.map(readChunk))).flat();
}
