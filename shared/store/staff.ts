import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query';
import { ddb } from './clients';
import { config } from './config';
import { staffGsi, staffKey, STAFF_GSI_PK, stripKeys } from './keys';
import type { StaffInput, StaffMember } from '../domain/staff';
import type { Actor } from '../domain/audit';
import { PreconditionFailedError } from '../domain/errors';
import { writeWithAudit } from './tx';

/** Pôle-level changes (the staff directory) go to their own audit chain. */
export const POLE_CHAIN = 'POLE';

const T = () => config.tableName;

export async function getStaff(email: string): Promise<StaffMember | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: T(), Key: staffKey(email) }));
  return Item ? stripKeys<StaffMember>(Item) : null;
}

/** The whole directory (a pôle has tens of staff, not thousands), optionally one role. */
export async function listStaff(role?: string): Promise<StaffMember[]> {
  const { items } = await queryAll<StaffMember>({
    TableName: T(),
    IndexName: 'gsi1',
    KeyConditionExpression: role ? 'gsi1pk = :pk AND begins_with(gsi1sk, :r)' : 'gsi1pk = :pk',
    ExpressionAttributeValues: role ? { ':pk': STAFF_GSI_PK, ':r': `${role}#` } : { ':pk': STAFF_GSI_PK },
  });
  return items;
}

export async function putStaff(email: string, input: StaffInput, previous: StaffMember | null, actor: Actor, now = new Date()): Promise<StaffMember> {
  const member: StaffMember = { ...input, email, version: (previous?.version ?? 0) + 1, updatedAt: now.toISOString() };
  await writeWithAudit(
    [
      {
        item: {
          Put: {
            TableName: T(),
            Item: { ...staffKey(email), ...staffGsi(member.role, email), entity: 'staff', ...member },
            ...(previous ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previous.version } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        },
        onConditionFailed: () => new PreconditionFailedError('This staff member changed meanwhile; reload and retry.'),
      },
    ],
    [{ chain: POLE_CHAIN, actor, action: previous ? 'staff.updated' : 'staff.added', target: { type: 'staff', id: email }, before: previous ?? undefined, after: member }],
    () => now,
  );
  return member;
}

export async function deleteStaff(member: StaffMember, actor: Actor): Promise<void> {
  await writeWithAudit(
    [{ item: { Delete: { TableName: T(), Key: staffKey(member.email), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': member.version } } }, onConditionFailed: () => new PreconditionFailedError('This staff member changed meanwhile.') }],
    [{ chain: POLE_CHAIN, actor, action: 'staff.removed', target: { type: 'staff', id: member.email }, before: member }],
  );
}
