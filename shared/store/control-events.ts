import { queryAll } from './query';
import { config } from './config';
import { controlEventKey, orgChain } from './keys';
import { writeWithAudit } from './tx';
import type { ControlEvent } from '../domain/control-event';
import type { Actor } from '../domain/audit';

export async function listControlEvents(orgId: string): Promise<ControlEvent[]> {
  const { items } = await queryAll<ControlEvent>({
    TableName: config.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
    ExpressionAttributeValues: { ':pk': `ORG#${orgId}`, ':c': 'CTRL#' },
  });
  return items;
}

export async function recordControlEvent(event: ControlEvent, actor: Actor): Promise<void> {
  await writeWithAudit(
    [{ item: { Put: { TableName: config.tableName, Item: { ...controlEventKey(event.organizationId, event.recordedAt, event.id), entity: 'control-event', ...event }, ConditionExpression: 'attribute_not_exists(pk)' } } }],
    [{ chain: orgChain(event.organizationId), actor, action: 'organization.control-event-recorded', target: { type: 'control-event', id: event.id }, after: event }],
  );
}
