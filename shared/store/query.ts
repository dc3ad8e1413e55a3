import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { stripKeys } from './keys';

/**
 * Runs a Query to its last page (for partitions that are small by construction: a project's flags, an
 * organization's control events, the staff directory…). Returns the items without their key attributes and
 * the read capacity consumed.
 */
export async function queryAll<T>(input: QueryCommandInput): Promise<{ items: T[]; consumedRcu: number }> {
  const items: T[] = [];
  let consumedRcu = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await ddb().send(new QueryCommand({ ...input, ExclusiveStartKey: startKey, ReturnConsumedCapacity: 'TOTAL' }));
    consumedRcu += res.ConsumedCapacity?.CapacityUnits ?? 0;
    for (const i of res.Items ?? []) items.push(stripKeys<T>(i));
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return { items, consumedRcu };
}
