import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import {
  lawyerGsi,
  lawyerKey,
  membershipGsi,
  membershipKey,
  PROJECT_HEADER_RANGE,
  projectChain,
  projectKey,
  projectListGsi,
  PROJECTS_GSI_PK,
  projectsOfLawyerGsiPk,
  projectsOfOrgGsiPk,
  stripKeys,
} from './keys';
import { writeWithAudit, type Page, type TxWrite } from './tx';
import { decodeCursor, encodeCursor } from './pagination';
import { newId } from './organizations';
import type { Membership, PartnerRole, Project, ProjectInput, ProjectView } from '../domain/project';
import type { ProjectAccessFacts } from '../domain/access';
import { diffTopLevel, type Actor } from '../domain/audit';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors';

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

/** The project, its partners and its lawyers in one Query (see keys.ts for the sort-key range). */
export async function getProjectHeader(projectId: string): Promise<ProjectHeader | null> {
  const res = await ddb().send(
    new QueryCommand({
      TableName: T(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': projectKey(projectId).pk, ':from': PROJECT_HEADER_RANGE.from, ':to': PROJECT_HEADER_RANGE.to },
    }),
  );
  let project: Project | null = null;
  const members: Membership[] = [];
  const lawyers: { email: string; assignedAt: string }[] = [];
  for (const item of res.Items ?? []) {
    const sk = item.sk as string;
    if (sk === 'META') project = fromProjectItem(item);
    else if (sk.startsWith('MEMBER#')) members.push(stripKeys<Membership>(item));
    else if (sk.startsWith('LAWYER#')) lawyers.push({ email: item.email as string, assignedAt: item.assignedAt as string });
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
      Item: { ...membershipKey(projectId, orgId), ...membershipGsi(projectId, orgId), entity: 'membership', projectId, organizationId: orgId, role, version: 1, addedAt: at },
    },
  },
});

export async function createProject(input: ProjectInput, actor: Actor, now = new Date()): Promise<ProjectView> {
  const at = now.toISOString();
  const { partners, ...fields } = input;
  const coordinator = partners.find((p) => p.role === 'coordinator')?.organizationId ?? null;
  const project: Project = { ...fields, id: newId('prj'), status: 'draft', coordinatorOrgId: coordinator, version: 1, createdAt: at, updatedAt: at };
  await writeWithAudit(
    [
      { item: { Put: { TableName: T(), Item: projectItem(project), ConditionExpression: 'attribute_not_exists(pk)' } } },
      ...partners.map((p) => memberWrite(project.id, p.organizationId, p.role, at)),
    ],
    [{ chain: projectChain(project.id), actor, action: 'project.created', target: { type: 'project', id: project.id }, after: { ...project, partners } }],
  );
  return { ...project, partners: partners.map((p) => ({ ...p, addedAt: at })) };
}

export async function replaceProject(current: Project, next: Project, expectedVersion: number, actor: Actor, now = new Date()): Promise<Project> {
  if (current.version !== expectedVersion) throw new PreconditionFailedError(`The project is at version ${current.version}, not ${expectedVersion}.`);
  const updated: Project = { ...next, id: current.id, createdAt: current.createdAt, version: current.version + 1, updatedAt: now.toISOString() };
  const { before, after } = diffTopLevel(current as unknown as Record<string, unknown>, updated as unknown as Record<string, unknown>);
  await writeWithAudit(
    [
      {
        item: { Put: { TableName: T(), Item: projectItem(updated), ConditionExpression: 'attribute_exists(pk) AND version = :v', ExpressionAttributeValues: { ':v': expectedVersion } } },
        onConditionFailed: () => new PreconditionFailedError('The project was changed by someone else; reload it and retry.'),
      },
    ],
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
    item: { Update: { TableName: T(), Key: projectKey(projectId), UpdateExpression: update, ConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values } },
    onConditionFailed: () =>
      coordinator.set
        ? new ConflictError('The project already has a coordinator: make it a partner first.')
        : new ConflictError('The project changed meanwhile; retry.'),
  };
}

export async function putMembership(header: ProjectHeader, orgId: string, role: PartnerRole, actor: Actor, now = new Date()): Promise<{ membership: Membership; created: boolean }> {
  const at = now.toISOString();
  const existing = header.members.find((m) => m.organizationId === orgId);
  if (existing && existing.role === role) return { membership: existing, created: false };
  const wasCoordinator = existing?.role === 'coordinator';
  const membership: Membership = { projectId: header.project.id, organizationId: orgId, role, version: (existing?.version ?? 0) + 1, addedAt: existing?.addedAt ?? at };
  await writeWithAudit(
    [
      {
        item: {
          Put: {
            TableName: T(),
            Item: { ...membershipKey(membership.projectId, orgId), ...membershipGsi(membership.projectId, orgId), entity: 'membership', ...membership },
            ...(existing
              ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': existing.version } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        },
        onConditionFailed: () => new ConflictError('The membership changed meanwhile; retry.'),
      },
      touchProject(header.project.id, at, role === 'coordinator' ? { set: orgId } : wasCoordinator ? { clearIf: orgId } : {}),
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

export async function deleteMembership(header: ProjectHeader, orgId: string, actor: Actor, now = new Date()): Promise<void> {
  const existing = header.members.find((m) => m.organizationId === orgId);
  if (!existing) throw new NotFoundError('This organization is not a partner of the project.');
  const at = now.toISOString();
  await writeWithAudit(
    [
      {
        item: { Delete: { TableName: T(), Key: membershipKey(header.project.id, orgId), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': existing.version } } },
        onConditionFailed: () => new ConflictError('The membership changed meanwhile; retry.'),
      },
      touchProject(header.project.id, at, existing.role === 'coordinator' ? { clearIf: orgId } : {}),
    ],
    [{ chain: projectChain(header.project.id), actor, action: 'project.partner-removed', target: { type: 'membership', id: `${header.project.id}/${orgId}` }, before: { organizationId: orgId, role: existing.role } }],
  );
}

export async function putLawyer(header: ProjectHeader, email: string, actor: Actor, now = new Date()): Promise<boolean> {
  if (header.lawyers.some((l) => l.email === email)) return false;
  const at = now.toISOString();
  await writeWithAudit(
    [
      { item: { Put: { TableName: T(), Item: { ...lawyerKey(header.project.id, email), ...lawyerGsi(header.project.id, email), entity: 'lawyer-assignment', projectId: header.project.id, email, assignedAt: at }, ConditionExpression: 'attribute_not_exists(pk)' } } },
      touchProject(header.project.id, at, {}),
    ],
    [{ chain: projectChain(header.project.id), actor, action: 'project.lawyer-assigned', target: { type: 'lawyer-assignment', id: `${header.project.id}/${email}` }, after: { email } }],
  );
  return true;
}

export async function deleteLawyer(header: ProjectHeader, email: string, actor: Actor, now = new Date()): Promise<void> {
  if (!header.lawyers.some((l) => l.email === email)) throw new NotFoundError('This lawyer is not assigned to the project.');
  await writeWithAudit(
    [
      { item: { Delete: { TableName: T(), Key: lawyerKey(header.project.id, email), ConditionExpression: 'attribute_exists(pk)' } }, onConditionFailed: () => new NotFoundError('This lawyer is not assigned to the project.') },
      touchProject(header.project.id, now.toISOString(), {}),
    ],
    [{ chain: projectChain(header.project.id), actor, action: 'project.lawyer-unassigned', target: { type: 'lawyer-assignment', id: `${header.project.id}/${email}` }, before: { email } }],
  );
}

async function batchGetProjects(ids: string[]): Promise<Project[]> {
  if (!ids.length) return [];
  const got = new Map<string, Project>();
  let keys: Record<string, unknown>[] | undefined = ids.map(projectKey);
  for (let round = 0; keys && keys.length && round < 8; round++) {
    const res = await ddb().send(new BatchGetCommand({ RequestItems: { [T()]: { Keys: keys } } }));
    for (const item of res.Responses?.[T()] ?? []) {
      const p = fromProjectItem(item);
      got.set(p.id, p);
    }
    keys = res.UnprocessedKeys?.[T()]?.Keys as Record<string, unknown>[] | undefined;
  }
  return ids.map((id) => got.get(id)).filter((p): p is Project => !!p);
}

/** All projects, most recently changed first (legal, committee). */
export async function listAllProjects(limit: number, cursor?: string): Promise<Page<Project>> {
  const res = await ddb().send(
    new QueryCommand({
      TableName: T(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': PROJECTS_GSI_PK },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: PROJECTS_GSI_PK }),
    }),
  );
  return { items: (res.Items ?? []).map(fromProjectItem), nextCursor: encodeCursor(res.LastEvaluatedKey) };
}

/** Project ids in a gsi1 partition (projects of an organization, or of a lawyer). */
export async function listProjectIdsIn(gsi1pk: string, limit: number, cursor?: string): Promise<{ ids: string[]; nextCursor: string | null }> {
  const res = await ddb().send(
    new QueryCommand({
      TableName: T(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ExpressionAttributeValues: { ':pk': gsi1pk, ':p': 'PROJ#' },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk }),
    }),
  );
  return { ids: (res.Items ?? []).map((i) => (i.gsi1sk as string).slice('PROJ#'.length)), nextCursor: encodeCursor(res.LastEvaluatedKey) };
}

export async function listProjectsIn(gsi1pk: string, limit: number, cursor?: string): Promise<Page<Project>> {
  const { ids, nextCursor } = await listProjectIdsIn(gsi1pk, limit, cursor);
  return { items: await batchGetProjects(ids), nextCursor };
}

export const projectsOfOrganization = (orgId: string, limit: number, cursor?: string) => listProjectsIn(projectsOfOrgGsiPk(orgId), limit, cursor);
export const projectsOfLawyer = (email: string, limit: number, cursor?: string) => listProjectsIn(projectsOfLawyerGsiPk(email), limit, cursor);

/** Every project id an organization belongs to (all pages) — used for access checks and fan-out. */
export async function allProjectIdsOf(gsi1pk: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listProjectIdsIn(gsi1pk, 100, cursor);
    ids.push(...page.ids);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}
