import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { controlEventKey, orgChain, stripKeys } from './keys';
import { writeWithAudit } from './tx';
import type { ControlEvent } from '../domain/control-event';
import type { Actor } from '../domain/audit';

export async function listControlEvents(orgId: string): Promise<ControlEvent[]> {
  const out: ControlEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await ddb.send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': `ORG#${orgId}`, ':c': 'CTRL#' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const i of res.Items ?? []) out.push(stripKeys<ControlEvent>(i));
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return out;
}

export async function recordControlEvent(event: ControlEvent, actor: Actor): Promise<void> {
  await writeWithAudit(
    [{ item: { Put: { TableName: config.tableName, Item: { ...controlEventKey(event.organizationId, event.recordedAt, event.id), entity: 'control-event', ...event }, ConditionExpression: 'attribute_not_exists(pk)' } } }],
    [{ chain: orgChain(event.organizationId), actor, action: 'organization.control-event-recorded', target: { type: 'control-event', id: event.id }, after: event }],
  );
}
