import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll, queryPageAcross, type Page, type PageRequest } from './query';
import { ddb } from './clients';
import { config } from './config';
import { queries, staffGsi, staffKey, stripKeys } from './keys';
import { STAFF_ROLES, type StaffInput, type StaffMember, type StaffRole } from '../domain/staff';
import type { Actor } from '../domain/audit';
import { writeWithAudit } from './tx';
import { lockedDelete, lockedPut } from './locking';

/** Pôle-level changes (the staff directory) go to their own audit chain. */
export const POLE_CHAIN = 'POLE';

const T = () => config.tableName;

export async function getStaff(email: string): Promise<StaffMember | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: T(), Key: staffKey(email) }));
  return Item ? stripKeys<StaffMember>(Item) : null;
}

const MAX_STAFF = 2000;

/**
 * The whole directory (a pôle has tens of staff, not thousands), or one role: one partition per role, by email,
 * plus the single partition written before `shard-keys-v1` (empty once that migration has run).
 */
export async function listStaff(role?: StaffRole): Promise<StaffMember[]> {
  const roles = role ? [role] : STAFF_ROLES;
  const parts = await Promise.all([
    ...roles.map((r) => queryAll<StaffMember>(queries.staff(r), { max: MAX_STAFF })),
    queryAll<StaffMember>(queries.legacyStaff(role), { max: MAX_STAFF }),
  ]);
  const byEmail = new Map<string, StaffMember>();
  for (const { items } of parts) for (const m of items) byEmail.set(m.email, m);
  return [...byEmail.values()].sort((a, b) => STAFF_ROLES.indexOf(a.role) - STAFF_ROLES.indexOf(b.role) || a.email.localeCompare(b.email));
}

/**
 * A page of the directory, or of one role: role by role (legal, committee, lawyer), each by email, then the
 * partition written before `shard-keys-v1` (empty once it has run). A person is one item, under one key or the other.
 */
export async function staffPage(page: PageRequest, role?: StaffRole): Promise<Page<StaffMember>> {
  const roles = role ? [role] : STAFF_ROLES;
  return queryPageAcross<StaffMember>([...roles.map((r) => queries.staff(r)), queries.legacyStaff(role)], page);
}

export async function putStaff(email: string, input: StaffInput, previous: StaffMember | null, actor: Actor, now = new Date()): Promise<StaffMember> {
  const member: StaffMember = { ...input, email, version: (previous?.version ?? 0) + 1, updatedAt: now.toISOString() };
  await writeWithAudit(
    [
      lockedPut(
        { ...staffKey(email), ...staffGsi(member.role, email), entity: 'staff', ...member },
        { entity: 'staff member', expect: previous?.version ?? 'absent' },
      ),
    ],
    [
      {
        chain: POLE_CHAIN,
        actor,
        action: previous ? 'staff.updated' : 'staff.added',
        target: { type: 'staff', id: email },
        before: previous ?? undefined,
        after: member,
      },
    ],
    () => now,
  );
  return member;
}

export async function deleteStaff(member: StaffMember, actor: Actor): Promise<void> {
  await writeWithAudit(
    [lockedDelete(staffKey(member.email), { entity: 'staff member', expect: member.version })],
    [{ chain: POLE_CHAIN, actor, action: 'staff.removed', target: { type: 'staff', id: member.email }, before: member }],
  );
}
