import { queryAll, queryPage, type Page, type PageRequest } from './query';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { controlEventDatedGsi, stripKeys, controlEventKey, controlEventVersionKey, orgChain, queries } from './keys';
import { writeWithAudit, type TxWrite } from './tx';
import { lockedPut, staleVersion } from './locking';
import { config } from './config';
import type { ControlEvent, ControlEventVersionAction } from '../domain/control-event';
import type { Actor } from '../domain/audit';
import type { controlEventVersionSchema } from '../domain/control-event-schema';
import type * as z from 'zod';

/** Shareholding changes and acquisitions are recorded by hand: a few per organization and year. */
const MAX_CONTROL_EVENTS = 5000;
/** Amendments of one event (a deal changes a few times before it completes or falls through). */
export const MAX_CONTROL_EVENT_VERSIONS = 200;

export type ControlEventVersion = z.output<typeof controlEventVersionSchema>;

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

const versionItem = (event: ControlEvent, action: ControlEventVersionAction, at: string, by: string, changes: string[], reason?: string) => ({
  ...controlEventVersionKey(event.organizationId, event.id, event.version ?? 1),
  entity: 'control-event-version',
  version: event.version ?? 1,
  action,
  at,
  by,
  changes,
  ...(reason ? { reason } : {}),
  event,
});

export async function recordControlEvent(recorded: ControlEvent, actor: Actor): Promise<void> {
  // Stored at version 1: the lock of its amendments and withdrawal (If-Match).
  const event: ControlEvent = { ...recorded, version: recorded.version ?? 1 };
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
      // Version 1, immutable (the history of GET /organizations/{id}/control-events/{eventId}).
      lockedPut(versionItem(event, 'recorded', event.recordedAt, event.recordedBy, []), { entity: 'control event', expect: 'absent' }),
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

/** The versions of an event, oldest first (empty for an event recorded before versions were kept, or unknown). */
export async function listControlEventVersions(orgId: string, id: string): Promise<ControlEventVersion[]> {
  const { items } = await queryAll<ControlEventVersion>(queries.controlEventVersions(orgId, id), { max: MAX_CONTROL_EVENT_VERSIONS, consistentRead: true });
  return items;
}

/**
 * An event and its versions. The latest version names the event's key; an event recorded before versions were
 * kept is found among the organization's events (bounded) and gets a synthetic version 1.
 */
export async function getControlEvent(orgId: string, id: string): Promise<{ event: ControlEvent; versions: ControlEventVersion[]; legacy: boolean } | null> {
  const versions = await listControlEventVersions(orgId, id);
  const last = versions[versions.length - 1];
  if (last) {
    const { Item } = await ddb().send(
      new GetCommand({
        TableName: config.tableName,
        Key: controlEventKey(orgId, last.event.recordedAt, id),
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    return { event: stripKeys<ControlEvent>(Item), versions, legacy: false };
  }
  const legacy = (await listControlEvents(orgId)).find((e) => e.id === id);
  if (!legacy) return null;
  return {
    event: legacy,
    versions: [{ version: 1, action: 'recorded', at: legacy.recordedAt, by: legacy.recordedBy, changes: [], event: legacy }],
    legacy: true,
  };
}

/**
 * Writes a new version of an event (amended or withdrawn) under its lock — `expected` is the version the caller
 * read (If-Match); an event recorded before versions existed is at version 1 without the attribute — with its
 * immutable version item and one audit event, in ONE transaction.
 */
export async function saveControlEventVersion(
  previous: ControlEvent,
  next: ControlEvent,
  expected: number,
  actor: Actor,
  change: { action: 'amended' | 'withdrawn'; at: string; by: string; changes: string[]; reason?: string },
  /** The event has no version item yet (recorded before versions were kept): its version 1 is written too. */
  legacy = false,
): Promise<void> {
  const key = controlEventKey(next.organizationId, next.recordedAt, next.id);
  const item = { ...key, ...controlEventDatedGsi(next.organizationId, next.recordedAt, next.id), entity: 'control-event', ...next };
  const writes: TxWrite[] = [];
  if (previous.version === undefined) {
    // Legacy: no version attribute yet. Same lock semantics: 412 unless the caller read version 1.
    if (expected !== 1) throw staleVersion('control event', 1, expected);
    writes.push({
      item: {
        Put: {
          TableName: config.tableName,
          Item: item,
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#v)',
          ExpressionAttributeNames: { '#v': 'version' },
        },
      },
      onConditionFailed: () => staleVersion('control event', null),
    });
  }
  if (legacy) {
    // Its version 1, as it was, so the history starts at the recording.
    writes.push(
      lockedPut(versionItem({ ...previous, version: 1 }, 'recorded', previous.recordedAt, previous.recordedBy, []), {
        entity: 'control event',
        expect: 'absent',
      }),
    );
  }
  if (previous.version !== undefined) writes.push(lockedPut(item, { entity: 'control event', expect: expected }));
  writes.push(lockedPut(versionItem(next, change.action, change.at, change.by, change.changes, change.reason), { entity: 'control event', expect: 'absent' }));
  await writeWithAudit(writes, [
    {
      chain: orgChain(next.organizationId),
      actor,
      action: change.action === 'amended' ? 'organization.control-event-amended' : 'organization.control-event-withdrawn',
      target: { type: 'control-event', id: next.id },
      before: previous,
      after: next,
    },
  ]);
}
