import { msg } from '../domain/i18n/catalog';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { ddb } from './clients';
import { config } from './config';
import { holdingKey, orgChain, orgKey, orgListGsi, queries, stripKeys } from './keys';
import { queryAll, queryPage, type Page } from './query';
import { batchGetAll } from './batch-get';
import { writeWithAudit, type TxWrite } from './tx';
import type { Organization, OrganizationInput } from '../domain/organization';
import type { Actor } from '../domain/audit';
import { diffTopLevel } from '../domain/audit';
import { NotFoundError } from '../domain/errors';
import { assertVersion, lockedPut } from './locking';

export const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '')}`;

const toItem = (o: Organization) => ({ ...orgKey(o.id), ...orgListGsi(o.legalName, o.id), entity: 'organization', ...o });

export async function getOrganization(id: string): Promise<Organization | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: orgKey(id) }));
  return Item ? stripKeys<Organization>(Item) : null;
}

export async function getOrganizations(ids: readonly string[]): Promise<Map<string, Organization>> {
  const items = await batchGetAll(ids.map(orgKey));
  return new Map(items.map((i) => stripKeys<Organization>(i)).map((o) => [o.id, o]));
}

export async function listOrganizations(limit: number, cursor?: string): Promise<Page<Organization>> {
  return queryPage<Organization>(queries.organizations(), { limit, cursor });
}

/**
 * Loads the organizations reachable upward from `startIds` through shareholders that are registered
 * organizations (BatchGet level by level; the chain is short in practice, bounded to 10 levels).
 */
export async function loadControlChain(startIds: readonly string[], maxDepth = 10): Promise<Map<string, Organization>> {
  const known = new Map<string, Organization>();
  let frontier = [...new Set(startIds)];
  for (let depth = 0; frontier.length && depth < maxDepth; depth++) {
    const loaded = await getOrganizations(frontier.filter((id) => !known.has(id)));
    for (const [id, o] of loaded) known.set(id, o);
    frontier = [...loaded.values()].flatMap((o) => o.shareholders.map((s) => s.organizationId).filter((x): x is string => !!x && !known.has(x)));
  }
  return known;
}

const holderIds = (o: Pick<Organization, 'shareholders'>) => [...new Set(o.shareholders.map((s) => s.organizationId).filter((x): x is string => !!x))];

/** The holding-link writes that take `before`'s linked shareholders to `after`'s (same transaction as the organization). */
function holdingWrites(orgId: string, before: readonly string[], after: readonly string[]): TxWrite[] {
  const added = after.filter((h) => !before.includes(h));
  const removed = before.filter((h) => !after.includes(h));
  return [
    ...added.map((h) => ({ item: { Put: { TableName: config.tableName, Item: { ...holdingKey(h, orgId), entity: 'holding', holderId: h, heldId: orgId } } } })),
    ...removed.map((h) => ({ item: { Delete: { TableName: config.tableName, Key: holdingKey(h, orgId) } } })),
  ];
}

/** A fund may hold shares in many organizations, not in tens of thousands. */
const MAX_HOLDINGS = 10_000;

/** The organizations `holderId` holds shares in (one Query on its partition). */
export async function heldBy(holderId: string): Promise<string[]> {
  const { items } = await queryAll<{ heldId: string }>(queries.holdings(holderId), { max: MAX_HOLDINGS });
  return items.map((i) => i.heldId);
}

/** `orgId` and every organization below it through holding links (breadth-first, bounded, cycle-safe). */
export async function controlledDownstream(orgId: string, maxDepth = 10): Promise<string[]> {
  const seen = new Set([orgId]);
  let frontier = [orgId];
  for (let depth = 0; frontier.length && depth < maxDepth; depth++) {
    const next = (await Promise.all(frontier.map(heldBy))).flat().filter((id) => !seen.has(id));
    next.forEach((id) => seen.add(id));
    frontier = [...new Set(next)];
  }
  return [...seen];
}

export async function createOrganization(input: OrganizationInput, actor: Actor, now = new Date()): Promise<Organization> {
  const at = now.toISOString();
  const org: Organization = { ...input, id: newId('org'), version: 1, createdAt: at, updatedAt: at };
  await writeWithAudit(
    [lockedPut(toItem(org), { entity: 'organization', expect: 'absent' }), ...holdingWrites(org.id, [], holderIds(org))],
    [{ chain: orgChain(org.id), actor, action: 'organization.created', target: { type: 'organization', id: org.id }, after: org }],
  );
  return org;
}

/** Replaces the organization with `next` if its version is still `expectedVersion` (optimistic locking). */
export async function replaceOrganization(
  current: Organization,
  next: OrganizationInput,
  expectedVersion: number,
  actor: Actor,
  action = 'organization.updated',
  now = new Date(),
): Promise<Organization> {
  assertVersion('organization', current.version, expectedVersion);
  const updated: Organization = { ...next, id: current.id, createdAt: current.createdAt, version: current.version + 1, updatedAt: now.toISOString() };
  const { before, after } = diffTopLevel(current as unknown as Record<string, unknown>, updated as unknown as Record<string, unknown>);
  await writeWithAudit(
    [lockedPut(toItem(updated), { entity: 'organization', expect: expectedVersion }), ...holdingWrites(current.id, holderIds(current), holderIds(updated))],
    [{ chain: orgChain(current.id), actor, action, target: { type: 'organization', id: current.id }, before, after }],
  );
  return updated;
}

export async function requireOrganization(id: string): Promise<Organization> {
  const org = await getOrganization(id);
  if (!org) throw new NotFoundError(msg('organization.notFound'));
  return org;
}
