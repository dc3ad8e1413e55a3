import { queryAll, queryPage, type Page, type PageRequest } from './query';
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

/** A page of an organization's control events, oldest recorded first. */
export async function controlEventsPage(orgId: string, page: PageRequest): Promise<Page<ControlEvent>> {
  return queryPage<ControlEvent>(queries.controlEvents(orgId), page);
}

/**
 * Control events of every organization, most recently recorded first, from the sparse dated index (gsi3
 * `DATED#CTRL`, the one the compliance exports read): one Query per page, never a Scan. `from` (YYYY-MM-DD, UTC)
 * keeps the events recorded on or after that day.
 */
export async function listRecentControlEvents(limit: number, cursor?: string, from?: string): Promise<Page<ControlEvent>> {
  return queryPage<ControlEvent>(queries.dated('CTRL', from), cursor ? { limit, cursor } : { limit }, { descending: true });
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
