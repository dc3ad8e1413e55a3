import { msg } from '../domain/i18n/catalog';
import { config } from './config';
import {
  LAWYER_PREFIX,
  lawyerGsi,
  lawyerKey,
  MEMBER_PREFIX,
  membershipGsi,
  membershipKey,
  META_SK,
  projectChain,
  projectIdOfRef,
  projectKey,
  projectListGsi,
  projectsOfLawyerGsiPk,
  projectsOfOrgGsiPk,
  queries,
  stripKeys,
} from './keys';
import { MAX_FILTER_QUERIES, queryAll, queryPage, type Page, type PageRequest } from './query';
import { batchGetAll } from './batch-get';
import { writeWithAudit, type TxWrite } from './tx';
import { newId } from './organizations';
import type { Membership, PartnerRole, Project, ProjectInput, ProjectView } from '../domain/project';
import type { ProjectAccessFacts } from '../domain/access';
import { diffTopLevel, type Actor } from '../domain/audit';
import { ConflictError, NotFoundError, type DomainError } from '../domain/errors';
import { alreadyExists, assertVersion, lockedDelete, lockedPut } from './locking';

const T = () => config.tableName;

const projectItem = (p: Project) => {
  const { coordinatorOrgId, ...rest } = p;
  return { ...projectKey(p.id), ...projectListGsi(p.updatedAt, p.id), entity: 'project', ...rest, ...(coordinatorOrgId ? { coordinatorOrgId } : {}) };
};
const fromProjectItem = (item: Record<string, unknown>): Project => {
  const p = stripKeys<Project>(item);
  return { ...p, coordinatorOrgId: p.coordinatorOrgId ?? null };
};

export interface ProjectHeader {
  project: Project;
  members: Membership[];
  lawyers: { email: string; assignedAt: string }[];
}

/** A project has tens of partners and a few lawyers; far fewer than this. */
const MAX_HEADER_ITEMS = 1000;

/** The project, its partners and its lawyers in one Query (see keys.ts for the sort-key range). */
export async function getProjectHeader(projectId: string): Promise<ProjectHeader | null> {
  const { items } = await queryAll(queries.projectHeader(projectId), { max: MAX_HEADER_ITEMS, map: (i) => i });
  let project: Project | null = null;
  const members: Membership[] = [];
  const lawyers: { email: string; assignedAt: string }[] = [];
  for (const item of items) {
    const sk = item.sk as string;
    if (sk === META_SK) project = fromProjectItem(item);
    else if (sk.startsWith(MEMBER_PREFIX)) members.push(stripKeys<Membership>(item));
    else if (sk.startsWith(LAWYER_PREFIX)) lawyers.push({ email: item.email as string, assignedAt: item.assignedAt as string });
  }
  return project ? { project, members, lawyers } : null;
}

export const accessFacts = (h: ProjectHeader): ProjectAccessFacts => ({
  projectId: h.project.id,
  memberOrgIds: h.members.map((m) => m.organizationId),
  lawyerEmails: h.lawyers.map((l) => l.email),
});

export const toView = (h: ProjectHeader): ProjectView => ({
  ...h.project,
  partners: h.members.map((m) => ({ organizationId: m.organizationId, role: m.role, addedAt: m.addedAt })),
});

const memberWrite = (projectId: string, orgId: string, role: PartnerRole, at: string): TxWrite => ({
  item: {
    Put: {
      TableName: T(),
      Item: {
        ...membershipKey(projectId, orgId),
        ...membershipGsi(projectId, orgId),
        entity: 'membership',
        projectId,
        organizationId: orgId,
        role,
        version: 1,
        addedAt: at,
      },
    },
  },
});

export async function createProject(input: ProjectInput, actor: Actor, now = new Date()): Promise<ProjectView> {
  const at = now.toISOString();
  const { partners, ...fields } = input;
  const coordinator = partners.find((p) => p.role === 'coordinator')?.organizationId ?? null;
  const project: Project = { ...fields, id: newId('prj'), status: 'draft', coordinatorOrgId: coordinator, version: 1, createdAt: at, updatedAt: at };
  await writeWithAudit(
    [lockedPut(projectItem(project), { entity: 'project', expect: 'absent' }), ...partners.map((p) => memberWrite(project.id, p.organizationId, p.role, at))],
    [{ chain: projectChain(project.id), actor, action: 'project.created', target: { type: 'project', id: project.id }, after: { ...project, partners } }],
  );
  return { ...project, partners: partners.map((p) => ({ ...p, addedAt: at })) };
}

export async function replaceProject(current: Project, next: Project, expectedVersion: number, actor: Actor, now = new Date()): Promise<Project> {
  assertVersion('project', current.version, expectedVersion);
  const updated: Project = { ...next, id: current.id, createdAt: current.createdAt, version: current.version + 1, updatedAt: now.toISOString() };
  const { before, after } = diffTopLevel(current as unknown as Record<string, unknown>, updated as unknown as Record<string, unknown>);
  await writeWithAudit(
    [lockedPut(projectItem(updated), { entity: 'project', expect: expectedVersion })],
    [{ chain: projectChain(current.id), actor, action: 'project.updated', target: { type: 'project', id: current.id }, before, after }],
  );
  return updated;
}

/** Bumps the project's version and list position; keeps the one-coordinator rule under a condition. */
function touchProject(projectId: string, at: string, coordinator: { set?: string; clearIf?: string }): TxWrite {
  const names: Record<string, string> = { '#v': 'version', '#u': 'updatedAt', '#g': 'gsi1sk' };
  const values: Record<string, unknown> = { ':one': 1, ':at': at, ':g': projectListGsi(at, projectId).gsi1sk };
  let update = 'SET #v = #v + :one, #u = :at, #g = :g';
  let condition = 'attribute_exists(pk)';
  if (coordinator.set) {
    names['#c'] = 'coordinatorOrgId';
    values[':c'] = coordinator.set;
    update += ', #c = :c';
    condition += ' AND (attribute_not_exists(#c) OR #c = :c)';
  } else if (coordinator.clearIf) {
    names['#c'] = 'coordinatorOrgId';
    values[':c'] = coordinator.clearIf;
    update += ' REMOVE #c';
    condition += ' AND #c = :c';
  }
  return {
    item: {
      Update: {
        TableName: T(),
        Key: projectKey(projectId),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: () => (coordinator.set ? new ConflictError(msg('project.hasCoordinator')) : new ConflictError(msg('project.changedRetry'))),
  };
}

export async function putMembership(
  header: ProjectHeader,
  orgId: string,
  role: PartnerRole,
  actor: Actor,
  now = new Date(),
  /** Conditions of the same change (e.g. the IP file is not locked). */
  conditions: TxWrite[] = [],
): Promise<{ membership: Membership; created: boolean }> {
  const at = now.toISOString();
  const existing = header.members.find((m) => m.organizationId === orgId);
  if (existing && existing.role === role) return { membership: existing, created: false };
  const wasCoordinator = existing?.role === 'coordinator';
  const membership: Membership = {
    projectId: header.project.id,
    organizationId: orgId,
    role,
    version: (existing?.version ?? 0) + 1,
    addedAt: existing?.addedAt ?? at,
  };
  await writeWithAudit(
    [
      lockedPut(
        { ...membershipKey(membership.projectId, orgId), ...membershipGsi(membership.projectId, orgId), entity: 'membership', ...membership },
        { entity: 'partner', expect: existing?.version ?? 'absent', exists: (current) => alreadyExists('partner', current, msg('project.alreadyPartner')) },
      ),
      touchProject(header.project.id, at, role === 'coordinator' ? { set: orgId } : wasCoordinator ? { clearIf: orgId } : {}),
      ...conditions,
    ],
    [
      {
        chain: projectChain(header.project.id),
        actor,
        action: existing ? 'project.partner-role-changed' : 'project.partner-added',
        target: { type: 'membership', id: `${header.project.id}/${orgId}` },
        before: existing ? { role: existing.role } : undefined,
        after: { organizationId: orgId, role },
      },
    ],
  );
  return { membership, created: !existing };
}

export async function deleteMembership(header: ProjectHeader, orgId: string, actor: Actor, now = new Date(), conditions: TxWrite[] = []): Promise<void> {
  const existing = header.members.find((m) => m.organizationId === orgId);
  if (!existing) throw new NotFoundError(msg('project.notPartner'));
  const at = now.toISOString();
  await writeWithAudit(
    [
      lockedDelete(membershipKey(header.project.id, orgId), { entity: 'partner', expect: existing.version }),
      touchProject(header.project.id, at, existing.role === 'coordinator' ? { clearIf: orgId } : {}),
      ...conditions,
    ],
    [
      {
        chain: projectChain(header.project.id),
        actor,
        action: 'project.partner-removed',
        target: { type: 'membership', id: `${header.project.id}/${orgId}` },
        before: { organizationId: orgId, role: existing.role },
      },
    ],
  );
}

export async function putLawyer(header: ProjectHeader, email: string, actor: Actor, now = new Date()): Promise<boolean> {
  if (header.lawyers.some((l) => l.email === email)) return false;
  const at = now.toISOString();
  await writeWithAudit(
    [
      lockedPut(
        {
          ...lawyerKey(header.project.id, email),
          ...lawyerGsi(header.project.id, email),
          entity: 'lawyer-assignment',
          projectId: header.project.id,
          email,
          assignedAt: at,
        },
        {
          entity: 'lawyer assignment',
          expect: 'absent',
          exists: (current) => alreadyExists('lawyer assignment', current, msg('project.lawyerAlreadyAssigned')),
        },
      ),
      touchProject(header.project.id, at, {}),
    ],
    [
      {
        chain: projectChain(header.project.id),
        actor,
        action: 'project.lawyer-assigned',
        target: { type: 'lawyer-assignment', id: `${header.project.id}/${email}` },
        after: { email },
      },
    ],
  );
  return true;
}

/** A transaction item that holds only while `email` is assigned to the project (else `onFailed`'s error). */
export function lawyerStillAssigned(projectId: string, email: string, onFailed: () => DomainError): TxWrite {
  return {
    item: { ConditionCheck: { TableName: T(), Key: lawyerKey(projectId, email), ConditionExpression: 'attribute_exists(pk)' } },
    onConditionFailed: onFailed,
  };
}

/** Unassigns a lawyer; `guards` are checked in the same transaction (e.g. the workflow that does not name it). */
export async function deleteLawyer(header: ProjectHeader, email: string, actor: Actor, now = new Date(), guards: readonly TxWrite[] = []): Promise<void> {
  if (!header.lawyers.some((l) => l.email === email)) throw new NotFoundError(msg('project.lawyerNotAssigned'));
  await writeWithAudit(
    [
      {
        item: { Delete: { TableName: T(), Key: lawyerKey(header.project.id, email), ConditionExpression: 'attribute_exists(pk)' } },
        onConditionFailed: () => new NotFoundError(msg('project.lawyerNotAssigned')),
      },
      touchProject(header.project.id, now.toISOString(), {}),
      ...guards,
    ],
    [
      {
        chain: projectChain(header.project.id),
        actor,
        action: 'project.lawyer-unassigned',
        target: { type: 'lawyer-assignment', id: `${header.project.id}/${email}` },
        before: { email },
      },
    ],
  );
}

/** Projects by id, in the order given (a missing one is left out). */
export async function getProjects(ids: readonly string[]): Promise<Project[]> {
  if (ids.length === 0) return [];
  const got = new Map((await batchGetAll(ids.map(projectKey))).map(fromProjectItem).map((p) => [p.id, p]));
  return ids.map((id) => got.get(id)).filter((p): p is Project => !!p);
}

/** All projects, most recently changed first (legal, committee). */
export async function listAllProjects(limit: number, cursor?: string): Promise<Page<Project>> {
  return queryPage(queries.projects(), { limit, cursor }, { descending: true, map: fromProjectItem });
}

const projectIdOf = (item: Record<string, unknown>) => projectIdOfRef(item.gsi1sk as string);

/** Project ids in a gsi1 partition (projects of an organization, or of a lawyer). */
export async function listProjectIdsIn(gsi1pk: string, limit: number, cursor?: string): Promise<{ ids: string[]; nextCursor: string | null }> {
  const { items, nextCursor } = await queryPage(queries.projectRefs(gsi1pk), { limit, cursor }, { map: projectIdOf });
  return { ids: items, nextCursor };
}

export async function listProjectsIn(gsi1pk: string, limit: number, cursor?: string): Promise<Page<Project>> {
  const { ids, nextCursor } = await listProjectIdsIn(gsi1pk, limit, cursor);
  return { items: await getProjects(ids), nextCursor };
}

export const projectsOfOrganization = (orgId: string, limit: number, cursor?: string) => listProjectsIn(projectsOfOrgGsiPk(orgId), limit, cursor);
export const projectsOfLawyer = (email: string, limit: number, cursor?: string) => listProjectsIn(projectsOfLawyerGsiPk(email), limit, cursor);

/**
 * A page of the projects both assigned to a lawyer and with `orgId` as a partner (a lawyer's view of an
 * organization): the lawyer's assignments page by page (its own partition, a few projects), each page's
 * memberships of `orgId` read by key (one BatchGet) — never the organization's projects. At most
 * {@link MAX_FILTER_QUERIES} Queries of at most `limit` items: a page may be shorter, with a cursor.
 */
export async function projectIdsOfLawyerIn(email: string, orgId: string, page: PageRequest): Promise<{ ids: string[]; nextCursor: string | null }> {
  const ids: string[] = [];
  let cursor = page.cursor;
  for (let n = 0; n < MAX_FILTER_QUERIES; n++) {
    const p = await listProjectIdsIn(projectsOfLawyerGsiPk(email), page.limit - ids.length, cursor);
    const members = new Set((await batchGetAll(p.ids.map((id) => membershipKey(id, orgId)))).map((i) => i.projectId as string));
    ids.push(...p.ids.filter((id) => members.has(id)));
    if (!p.nextCursor) return { ids, nextCursor: null };
    cursor = p.nextCursor;
    if (ids.length === page.limit) break;
  }
  return { ids, nextCursor: cursor ?? null };
}

/**
 * Whether a lawyer is assigned to at least one project that `orgId` is a partner in: the lawyer's assignments
 * (10 first, then 100 at a time) checked by key against the organization's memberships; stops at the first one
 * found. A lawyer usually counsels the organization in most of its projects: the first 10 answer, whatever the
 * number of assignments.
 */
export async function lawyerSharesProjectIn(email: string, orgId: string): Promise<boolean> {
  let cursor: string | undefined;
  for (let read = 0; read < MAX_PROJECTS_OF;) {
    const size = read === 0 ? 10 : 100;
    read += size;
    const p = await listProjectIdsIn(projectsOfLawyerGsiPk(email), size, cursor);
    if (p.ids.length && (await batchGetAll(p.ids.map((id) => membershipKey(id, orgId)))).length) return true;
    if (!p.nextCursor) return false;
    cursor = p.nextCursor;
  }
  return false;
}

/** Bound of {@link allProjectIdsOf}: an organization (or a lawyer) is in far fewer projects than this. */
const MAX_PROJECTS_OF = 10_000;

/** Every project id an organization (or a lawyer) belongs to — used for access checks and fan-out. */
export async function allProjectIdsOf(gsi1pk: string): Promise<string[]> {
  const { items } = await queryAll(queries.projectRefs(gsi1pk), { max: MAX_PROJECTS_OF, map: projectIdOf });
  return items;
}
