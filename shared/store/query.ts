import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { stripKeys, type KeyQuery } from './keys';
import { decodeCompositeCursor, decodeCursor, encodeCompositeCursor, encodeCursor, type CursorBinding } from './pagination';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../domain/page';

/**
 * Every Query of the store goes through here: {@link queryPage} for the lists of the API (one page and an
 * opaque cursor) and {@link queryAll} for partitions read whole (bounded by a hard maximum). The access
 * patterns themselves (`KeyQuery`) are built in keys.ts (`queries.*`).
 */

/** A page of a list: `{items, nextCursor}` (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface QueryOptions<T> {
  /** Descending sort key (e.g. most recent first). */
  descending?: boolean;
  /** Strongly consistent read (table only; GSIs are eventually consistent). */
  consistentRead?: boolean;
  /** Only these attributes (names go through placeholders: several, e.g. `storage`, are reserved words). */
  attributes?: readonly string[];
  /** Maps a raw item (key attributes included). Default: the item without its key attributes. */
  map?: (item: Record<string, unknown>) => T;
}

/** The last Unicode code point: `prefix + PREFIX_END` sorts after every key that starts with `prefix`. */
export const PREFIX_END = '\u{10FFFF}';

const keyAttributes = (q: KeyQuery) => (q.index ? { pk: `${q.index}pk`, sk: `${q.index}sk` } : { pk: 'pk', sk: 'sk' });

/** The QueryCommand input of an access pattern (without paging): KeyConditionExpression and its values. */
export function queryInput(q: KeyQuery, opts: Omit<QueryOptions<unknown>, 'map'> = {}): QueryCommandInput {
  const a = keyAttributes(q);
  const values: Record<string, unknown> = { ':pk': q.pk };
  let condition = `${a.pk} = :pk`;
  if (q.sk && 'beginsWith' in q.sk) {
    // begins_with as the range it is: [prefix, prefix + the last code point]. The same items and the same cost on
    // DynamoDB; DynamoDB Local (what `npm start` runs) walks a partition's keys before the prefix for begins_with
    // but seeks for BETWEEN (bench:scale, GET /flags: 3.1× slower with 15,000 items ahead). Keys never hold U+10FFFF.
    condition += ` AND ${a.sk} BETWEEN :from AND :to`;
    values[':from'] = q.sk.beginsWith;
    values[':to'] = `${q.sk.beginsWith}${PREFIX_END}`;
  } else if (q.sk && 'between' in q.sk) {
    condition += ` AND ${a.sk} BETWEEN :from AND :to`;
    values[':from'] = q.sk.between[0];
    values[':to'] = q.sk.between[1];
  } else if (q.sk && 'atMost' in q.sk) {
    condition += ` AND ${a.sk} <= :to`;
    values[':to'] = q.sk.atMost;
  } else if (q.sk && 'after' in q.sk) {
    condition += ` AND ${a.sk} > :from`;
    values[':from'] = q.sk.after;
  }
  return {
    TableName: config.tableName,
    ...(q.index ? { IndexName: q.index } : {}),
    KeyConditionExpression: condition,
    ExpressionAttributeValues: values,
    ...(opts.descending ? { ScanIndexForward: false } : {}),
    ...(opts.consistentRead ? { ConsistentRead: true } : {}),
    ...(opts.attributes?.length
      ? {
          ProjectionExpression: opts.attributes.map((_, i) => `#a${i}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(opts.attributes.map((f, i) => [`#a${i}`, f])),
        }
      : {}),
  };
}

const defaultMap = <T>(item: Record<string, unknown>) => stripKeys<T>(item);

/** What a cursor of `q` may hold: its start key's attributes, partition and sort-key condition. */
export function cursorBinding(q: KeyQuery): CursorBinding {
  const a = keyAttributes(q);
  return {
    attributes: q.index ? ['pk', 'sk', a.pk, a.sk] : ['pk', 'sk'],
    partition: { name: a.pk, value: q.pk },
    ...(q.sk ? { sort: { name: a.sk, condition: q.sk } } : {}),
  };
}

/** `?limit=&cursor=` of a list (limit already validated: 1..200, shared/domain/page.ts). */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface PageOptions<T> extends QueryOptions<T> {
  /**
   * Keeps only the raw items it accepts (e.g. the caller's own documents). The page then reads ahead, in at
   * most `maxQueries` Queries, until it holds `limit` items; the cursor is the key of its last item. When the
   * Queries run out first, the page is shorter than `limit` and `nextCursor` says where to go on.
   */
  filter?: (item: Record<string, unknown>) => boolean;
  /** Bound of a filtered page's Queries (default {@link MAX_FILTER_QUERIES}). */
  maxQueries?: number;
}

/** A filtered page reads at most this many Queries of at most {@link PAGE_LIMIT_MAX} items each. */
export const MAX_FILTER_QUERIES = 4;

/**
 * One page of a list: at most `limit` items from `cursor` (an opaque cursor from a previous page of the same
 * query, checked by {@link cursorBinding}: a crafted cursor cannot start elsewhere; 400 at `cursor` otherwise).
 * One Query of `Limit: limit`; with a `filter`, a bounded number of Queries (see {@link PageOptions}).
 */
export async function queryPage<T>(q: KeyQuery, page: PageRequest, opts: PageOptions<T> = {}): Promise<Page<T>> {
  const map = opts.map ?? defaultMap<T>;
  const bind = cursorBinding(q);
  let startKey: Record<string, unknown> | undefined = decodeCursor(page.cursor, bind);
  const filter = opts.filter;
  // A projection must still return the key attributes: a filtered page's cursor is its last item's key.
  const input = queryInput(q, opts.attributes?.length ? { ...opts, attributes: [...new Set([...opts.attributes, ...bind.attributes])] } : opts);
  const items: T[] = [];
  const maxQueries = filter ? (opts.maxQueries ?? MAX_FILTER_QUERIES) : 1;
  for (let n = 0; n < maxQueries; n++) {
    const wanted = page.limit - items.length;
    const res = await ddb().send(
      new QueryCommand({ ...input, Limit: filter ? Math.min(PAGE_LIMIT_MAX, Math.max(wanted, PAGE_LIMIT_DEFAULT)) : wanted, ExclusiveStartKey: startKey }),
    );
    const raw = res.Items ?? [];
    for (let i = 0; i < raw.length; i++) {
      const item = raw[i]!;
      if (filter && !filter(item)) continue;
      items.push(map(item));
      if (items.length === page.limit) {
        // Full: go on after this item (unless it was the partition's last).
        const more = i < raw.length - 1 || res.LastEvaluatedKey !== undefined;
        return { items, nextCursor: more ? encodeCursor(Object.fromEntries(bind.attributes.map((a) => [a, item[a]]))) : null };
      }
    }
    startKey = res.LastEvaluatedKey;
    if (!startKey) return { items, nextCursor: null };
  }
  return { items, nextCursor: encodeCursor(startKey) };
}

/**
 * One page of the concatenation of several Queries (one per severity, per role…), in order: the cursor holds
 * which Query (`i`) and the plain cursor inside it (`k`, bound to that Query). At most `limit` items, and at most
 * one page per Query.
 */
export async function queryPageAcross<T>(qs: readonly KeyQuery[], page: PageRequest, opts: PageOptions<T> = {}): Promise<Page<T>> {
  const state = decodeCompositeCursor(
    page.cursor,
    (v): v is { i: number; k?: string } =>
      Number.isInteger(v.i) &&
      (v.i as number) >= 0 &&
      (v.i as number) < qs.length &&
      (v.k === undefined || typeof v.k === 'string') &&
      Object.keys(v).length <= 2,
  ) ?? { i: 0 };
  const items: T[] = [];
  let i = state.i;
  let inner = state.k;
  while (i < qs.length && items.length < page.limit) {
    const p = await queryPage<T>(qs[i]!, { limit: page.limit - items.length, ...(inner ? { cursor: inner } : {}) }, opts);
    items.push(...p.items);
    if (p.nextCursor) {
      inner = p.nextCursor;
      if (opts.filter && items.length < page.limit) break; // a filtered Query ran out of reads: a short page
    } else {
      i++;
      inner = undefined;
    }
  }
  return { items, nextCursor: i < qs.length ? encodeCompositeCursor({ i, ...(inner ? { k: inner } : {}) }) : null };
}

/** Thrown by {@link queryAll} when a partition holds more items than the caller's hard maximum. */
export class QueryLimitExceededError extends Error {
  constructor(
    readonly query: KeyQuery,
    readonly max: number,
  ) {
    super(`Query on ${query.index ?? 'table'} ${query.pk} returned more than ${max} items`);
    this.name = 'QueryLimitExceededError';
  }
}

/**
 * Runs a Query to its last page, for partitions that are small by construction (a project's flags, an
 * organization's control events, the staff directory…). Bounded: never reads more than `max` + 1 items, and
 * throws {@link QueryLimitExceededError} rather than return a silently truncated list. Returns the items and the
 * read capacity consumed.
 */
export async function queryAll<T>(q: KeyQuery, opts: QueryOptions<T> & { max: number }): Promise<{ items: T[]; consumedRcu: number }> {
  const map = opts.map ?? defaultMap<T>;
  const items: T[] = [];
  let consumedRcu = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await ddb().send(
      new QueryCommand({ ...queryInput(q, opts), Limit: opts.max + 1 - items.length, ExclusiveStartKey: startKey, ReturnConsumedCapacity: 'TOTAL' }),
    );
    consumedRcu += res.ConsumedCapacity?.CapacityUnits ?? 0;
    for (const i of res.Items ?? []) items.push(map(i));
    if (items.length > opts.max) throw new QueryLimitExceededError(q, opts.max);
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return { items, consumedRcu };
}

/**
 * Reads a partition page by page, for streams whose size has no bound (compliance exports): yields each page as
 * it comes, so the caller holds one page at a time. `pageSize` caps the items of one Query (DynamoDB also stops
 * a page at 1 MB).
 */
export async function* queryPages<T>(q: KeyQuery, opts: QueryOptions<T> & { pageSize?: number } = {}): AsyncGenerator<T[]> {
  const map = opts.map ?? defaultMap<T>;
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await ddb().send(new QueryCommand({ ...queryInput(q, opts), Limit: opts.pageSize ?? 500, ExclusiveStartKey: startKey }));
    const items = (res.Items ?? []).map(map);
    if (items.length) yield items;
    startKey = res.LastEvaluatedKey;
  } while (startKey);
}
