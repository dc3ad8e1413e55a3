import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { stripKeys, type KeyQuery } from './keys';
import { decodeCursor, encodeCursor } from './pagination';

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

const keyAttributes = (q: KeyQuery) => (q.index ? { pk: `${q.index}pk`, sk: `${q.index}sk` } : { pk: 'pk', sk: 'sk' });

/** The QueryCommand input of an access pattern (without paging): KeyConditionExpression and its values. */
export function queryInput(q: KeyQuery, opts: Omit<QueryOptions<unknown>, 'map'> = {}): QueryCommandInput {
  const a = keyAttributes(q);
  const values: Record<string, unknown> = { ':pk': q.pk };
  let condition = `${a.pk} = :pk`;
  if (q.sk && 'beginsWith' in q.sk) {
    condition += ` AND begins_with(${a.sk}, :sk)`;
    values[':sk'] = q.sk.beginsWith;
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

/**
 * One page of a list: at most `limit` items from `cursor` (an opaque cursor from a previous page, accepted only
 * for the same partition — a crafted cursor cannot start elsewhere; 400 otherwise).
 */
export async function queryPage<T>(q: KeyQuery, page: { limit: number; cursor?: string }, opts: QueryOptions<T> = {}): Promise<Page<T>> {
  const map = opts.map ?? defaultMap<T>;
  const res = await ddb().send(
    new QueryCommand({
      ...queryInput(q, opts),
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { [keyAttributes(q).pk]: q.pk }),
    }),
  );
  return { items: (res.Items ?? []).map(map), nextCursor: encodeCursor(res.LastEvaluatedKey) };
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
