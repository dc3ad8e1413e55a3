import type { BatchGetCommand, BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, UnprocessedKeysError, type ItemKey } from '../../shared/store/batch-get';
import { config } from '../../shared/store/config';

/**
 * batchGetAll against an injected `send`: DynamoDB Local never answers with UnprocessedKeys, so the faults are
 * simulated here (the rest of the store is tested over the emulator).
 */

const T = config.tableName;
const keyOf = (i: number): ItemKey => ({ pk: `K#${i}`, sk: 'S' });
const itemOf = (k: ItemKey) => ({ ...k, n: Number(k.pk.slice(2)) });
const keysIn = (c: BatchGetCommand) => (c.input.RequestItems?.[T]?.Keys ?? []) as ItemKey[];

/** A fake BatchGetItem: `unprocessed(keys, call)` says which keys of a request it leaves unprocessed. */
function fakeSend(unprocessed: (keys: ItemKey[], call: number) => ItemKey[] = () => [], missing: (k: ItemKey) => boolean = () => false) {
  const calls: ItemKey[][] = [];
  const send = async (c: BatchGetCommand): Promise<BatchGetCommandOutput> => {
    const keys = keysIn(c);
    calls.push(keys);
    const left = unprocessed(keys, calls.length);
    const done = keys.filter((k) => !left.some((l) => l.pk === k.pk && l.sk === k.sk));
    return {
      $metadata: {},
      Responses: { [T]: done.filter((k) => !missing(k)).map(itemOf) },
      ...(left.length ? { UnprocessedKeys: { [T]: { Keys: left } } } : {}),
    };
  };
  return { send, calls };
}

const noSleep = () => {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
};

describe('batchGetAll', () => {
  test('splits more than 100 keys into requests of at most 100 and returns every item found', async () => {
    const { send, calls } = fakeSend(
      () => [],
      (k) => k.pk === 'K#7',
    );
    const keys = Array.from({ length: 250 }, (_, i) => keyOf(i));
    const items = await batchGetAll(keys, { send });
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(new Set(calls.flat().map((k) => k.pk)).size).toBe(250);
    expect(items).toHaveLength(249); // K#7 has no item: absent, not an error
    expect(items.map((i) => i.n as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i).filter((i) => i !== 7));
  });

  test('removes duplicate keys (BatchGetItem refuses them) and sends nothing for no keys', async () => {
    const { send, calls } = fakeSend();
    const items = await batchGetAll([keyOf(1), keyOf(2), keyOf(1), keyOf(2), keyOf(3)], { send });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((k) => k.pk)).toEqual(['K#1', 'K#2', 'K#3']);
    expect(items).toHaveLength(3);
    const empty = fakeSend();
    expect(await batchGetAll([], { send: empty.send })).toEqual([]);
    expect(empty.calls).toHaveLength(0);
  });

  test('retries UnprocessedKeys (only those) with exponential backoff and jitter, until all are read', async () => {
    // First request: the last 40 keys unprocessed; second: 10 of those still unprocessed; third: all read.
    const { send, calls } = fakeSend((keys, call) => (call === 1 ? keys.slice(60) : call === 2 ? keys.slice(30) : []));
    const { delays, sleep } = noSleep();
    const keys = Array.from({ length: 100 }, (_, i) => keyOf(i));
    const items = await batchGetAll(keys, { send, sleep, random: () => 1, baseDelayMs: 10, maxDelayMs: 1000 });
    expect(calls.map((c) => c.length)).toEqual([100, 40, 10]);
    expect(calls[1]!.map((k) => k.pk)).toEqual(keys.slice(60).map((k) => k.pk));
    expect(items).toHaveLength(100);
    expect(delays).toEqual([10, 20]); // base · 2^(n-1), times the jitter factor (1 here)
  });

  test('jitter: each delay is random in [0, cap], and the cap stops growing at maxDelayMs', async () => {
    const { send } = fakeSend((keys, call) => (call < 6 ? keys.slice(0, 1) : []));
    const { delays, sleep } = noSleep();
    const rolls = [0.5, 0.25, 1, 1, 0];
    await batchGetAll([keyOf(1), keyOf(2)], { send, sleep, random: () => rolls.shift()!, baseDelayMs: 100, maxDelayMs: 300 });
    expect(delays).toEqual([50, 50, 300, 300, 0]);
  });

  test('throws UnprocessedKeysError naming the keys when retries are exhausted, never dropping them silently', async () => {
    const { send, calls } = fakeSend((keys, call) => (call === 1 ? keys.slice(0, 3) : keys));
    const { delays, sleep } = noSleep();
    const keys = Array.from({ length: 10 }, (_, i) => keyOf(i));
    const err = await batchGetAll(keys, { send, sleep, maxAttempts: 4 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessedKeysError);
    expect((err as UnprocessedKeysError).keys.map((k) => k.pk)).toEqual(['K#0', 'K#1', 'K#2']);
    expect((err as Error).message).toMatch(/3 key\(s\) unprocessed after 4 attempts/);
    expect(calls).toHaveLength(4); // bounded: maxAttempts requests for the chunk
    expect(delays).toHaveLength(3); // a backoff before each retry, none after the last attempt
  });

  test('a failing chunk fails the whole read, even when other chunks succeed', async () => {
    const { send } = fakeSend((keys) => keys.filter((k) => k.pk === 'K#150'));
    const { sleep } = noSleep();
    const keys = Array.from({ length: 200 }, (_, i) => keyOf(i));
    await expect(batchGetAll(keys, { send, sleep, maxAttempts: 2 })).rejects.toBeInstanceOf(UnprocessedKeysError);
  });

  test('consistent reads are asked for when requested', async () => {
    const seen: unknown[] = [];
    const send = async (c: BatchGetCommand): Promise<BatchGetCommandOutput> => {
      seen.push(c.input.RequestItems?.[T]?.ConsistentRead);
      return { $metadata: {}, Responses: { [T]: [] } };
    };
    await batchGetAll([keyOf(1)], { send, consistentRead: true });
    await batchGetAll([keyOf(1)], { send });
    expect(seen).toEqual([true, undefined]);
  });
});
