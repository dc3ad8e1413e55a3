import { queryAll } from './query';
import { controlEventDatedGsi, controlEventKey, orgChain, queries } from './keys';
import { writeWithAudit } from './tx';
import { lockedPut } from './locking';
import type { ControlEvent } from '../domain/control-event';
import type { Actor } from '../domain/audit';

/** Shareholding changes and acquisitions are recorded by hand: a few per organization and year. */
const MAX_CONTROL_EVENTS = 5000;

export async function listControlEvents(orgId: string): Promise<ControlEvent[]> {
  const { items } = await queryAll<ControlEvent>(queries.controlEvents(orgId), { max: MAX_CONTROL_EVENTS });
  return items;
}

export async function recordControlEvent(event: ControlEvent, actor: Actor): Promise<void> {
  await writeWithAudit(
    [
      lockedPut(
        {
          ...controlEventKey(event.organizationId, event.recordedAt, event.id),
          ...controlEventDatedGsi(event.organizationId, event.recordedAt, event.id),
          entity: 'control-event',
          ...event,
        },
        { entity: 'control event', expect: 'absent' },
      ),
    ],
    [
      {
        chain: orgChain(event.organizationId),
        actor,
        action: 'organization.control-event-recorded',
        target: { type: 'control-event', id: event.id },
        after: event,
      },
    ],
  );
}
