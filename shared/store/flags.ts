import { flagDatedGsi, flagKey, openFlagGsi, projectChain, queries } from './keys';
import { writeWithAudit, type AuditInput, type TxWrite } from './tx';
import { queryAll, queryPage, queryPageAcross, type Page, type PageRequest } from './query';
import type * as z from 'zod';
import { ACTIVE_STATUSES, type Flag } from '../domain/risk/lifecycle';
import type { storedFlagSchema } from '../domain/flag-schema';
import type { Actor } from '../domain/audit';
import { lockedPut } from './locking';

/** A flag as stored: the flag plus its project and optimistic-locking version (shared/domain/flag-schema.ts). */
export type StoredFlag = z.output<typeof storedFlagSchema>;

/** Flags are raised per rule and subject: a project has tens, a few hundred at worst. */
const MAX_FLAGS = 5000;

export async function listFlags(projectId: string): Promise<StoredFlag[]> {
  const { items } = await queryAll<StoredFlag>(queries.flags(projectId), { max: MAX_FLAGS, consistentRead: true });
  return items;
}

/** A page of a project's flags, in flag-id order, optionally only some statuses and severities (a filtered page). */
export async function listFlagsPage(
  projectId: string,
  page: PageRequest,
  filter: { status?: readonly string[]; severity?: readonly string[] } = {},
): Promise<Page<StoredFlag>> {
  const keep =
    filter.status || filter.severity
      ? (i: Record<string, unknown>) =>
          (!filter.status || filter.status.includes(i.status as string)) && (!filter.severity || filter.severity.includes(i.severity as string))
      : undefined;
  return queryPage<StoredFlag>(queries.flags(projectId), page, { consistentRead: true, ...(keep ? { filter: keep } : {}) });
}

/** A flag write: the item (optimistic lock on `version`) and, while active, its place on the open-flags index. */
export function flagWrite(projectId: string, flag: Flag, previous: StoredFlag | null): { write: TxWrite; stored: StoredFlag } {
  const stored: StoredFlag = { ...flag, projectId, version: (previous?.version ?? 0) + 1 };
  const active = ACTIVE_STATUSES.includes(flag.status);
  return {
    stored,
    write: lockedPut(
      {
        ...flagKey(projectId, flag.id),
        ...(active ? openFlagGsi(flag.severity, flag.updatedAt, projectId, flag.id) : {}),
        ...flagDatedGsi(projectId, flag.id, flag.createdAt),
        entity: 'flag',
        ...stored,
      },
      { entity: 'flag', expect: previous?.version ?? 'absent' },
    ),
  };
}

export const flagAudit = (projectId: string, action: string, flag: Flag, actor: Actor, detail: Record<string, unknown> = {}): AuditInput => ({
  chain: projectChain(projectId),
  actor,
  action,
  target: { type: 'flag', id: flag.id },
  after: { ruleId: flag.ruleId, severity: flag.severity, status: flag.status, evidenceHash: flag.evidenceHash, ...detail },
});

/**
 * Writes flag changes with their audit events, in transactions of at most 20 flags (each flag is one item
 * plus one audit event; DynamoDB allows 100 items per transaction).
 */
export async function saveFlagChanges(
  projectId: string,
  changes: { flag: Flag; previous: StoredFlag | null; action: string; detail?: Record<string, unknown> }[],
  actor: Actor,
): Promise<StoredFlag[]> {
  const out: StoredFlag[] = [];
  for (let i = 0; i < changes.length; i += 20) {
    const chunk = changes.slice(i, i + 20);
    const writes = chunk.map((c) => flagWrite(projectId, c.flag, c.previous));
    await writeWithAudit(
      writes.map((w) => w.write),
      chunk.map((c) => flagAudit(projectId, c.action, c.flag, actor, c.detail)),
    );
    out.push(...writes.map((w) => w.stored));
  }
  return out;
}

/**
 * Open (or acknowledged) flags across all projects, for the legal dashboard, from the sparse index: one Query
 * per severity (each a begins_with on the same partition), most severe first, paged as one list; `statuses`
 * keeps only some (a filtered page).
 */
export async function listOpenFlags(severities: readonly string[], page: PageRequest, statuses?: readonly string[]): Promise<Page<StoredFlag>> {
  return queryPageAcross<StoredFlag>(
    severities.map((s) => queries.openFlags(s)),
    page,
    { descending: true, ...(statuses ? { filter: (i) => statuses.includes(i.status as string) } : {}) },
  );
}
