import { config } from './config';
import { queryAll } from './query';
import { controlEventKey, orgChain, queries } from './keys';
import { writeWithAudit } from './tx';
import type { ControlEvent } from '../domain/control-event';
import type { Actor } from '../domain/audit';

export async function listControlEvents(orgId: string): Promise<ControlEvent[]> {
/** Shareholding changes and acquisitions are recorded by hand: a few per organization and year. */
const MAX_CONTROL_EVENTS = 5000;

  const { items } = await queryAll<ControlEvent>(queries.controlEvents(orgId), { max: MAX_CONTROL_EVENTS });
  return items;
}

export async function recordControlEvent(event: ControlEvent, actor: Actor): Promise<void> {
  await writeWithAudit(
    [{ item: { Put: { TableName: config.tableName, Item: { ...controlEventKey(event.organizationId, event.recordedAt, event.id), entity: 'control-event', ...event }, ConditionExpression: 'attribute_not_exists(pk)' } } }],
    [{ chain: orgChain(event.organizationId), actor, action: 'organization.control-event-recorded', target: { type: 'control-event', id: event.id }, after: event }],
  );
}
