import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { assigneeKeys, projectChain, publicationKey, publicationTaskId, publicationTaskKey, queries, stepIndexGsi, stripKeys } from './keys';
import { lockedPut } from './locking';
import { queryAll, queryPage, type Page, type PageRequest } from './query';
import { writeWithAudit, type AuditInput, type TxWrite } from './tx';
import type { Actor } from '../domain/audit';
import type { HistoryEntry, PartnerAnswer, PublicationNotice } from '../domain/publication';

const T = () => config.tableName;

/** Bound of one project's notices read at once (risk evaluation): a project publishes far fewer. */
export const MAX_PUBLICATIONS_PER_PROJECT = 2_000;

/**
 * `pub_` + 12 hex digits of the creation time in ms + 20 random hex digits: the project partition lists notices
 * in the order they were given (newest first when read descending), and the id stays an opaque `pub_<32 hex>`.
 */
export function newPublicationId(now: Date): string {
  return `pub_${now.getTime().toString(16).padStart(12, '0').slice(-12)}${randomBytes(10).toString('hex')}`;
}

/** The `/me/tasks` and reminder view of a partner's awaited answer (same shape as a workflow step's index item). */
export interface PublicationTaskItem {
  projectId: string;
  projectAcronym: string;
  projectTitle: string;
  stepId: string;
  kind: 'publication-answer';
  assignee: { role: 'partner'; orgId: string; email: null };
  openedAt: string;
  dueDate: string;
  publicationId: string;
  publicationTitle: string;
}

export async function getPublication(projectId: string, id: string): Promise<PublicationNotice | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: T(), Key: publicationKey(projectId, id), ConsistentRead: true }));
  return Item ? stripKeys<PublicationNotice>(Item) : null;
}

/** A page of a project's notices, newest first. */
export async function listPublications(projectId: string, page: PageRequest): Promise<Page<PublicationNotice>> {
  return queryPage<PublicationNotice>(queries.publications(projectId), page, { descending: true, consistentRead: true });
}

/** Every notice of a project (the risk engine reads them; bounded). */
export async function allPublications(projectId: string): Promise<PublicationNotice[]> {
  const { items } = await queryAll<PublicationNotice>(queries.publications(projectId), { max: MAX_PUBLICATIONS_PER_PROJECT, consistentRead: true });
  return items;
}

const taskOf = (project: { id: string; acronym: string; title: string }, n: PublicationNotice, a: PartnerAnswer): PublicationTaskItem => ({
  projectId: project.id,
  projectAcronym: project.acronym,
  projectTitle: project.title,
  stepId: publicationTaskId(n.id, a.organizationId),
  kind: 'publication-answer',
  assignee: { role: 'partner', orgId: a.organizationId, email: null },
  openedAt: a.openedAt,
  dueDate: a.deadline,
  publicationId: n.id,
  publicationTitle: n.title,
});

const pendingOf = (n: PublicationNotice | null) => new Map((n?.answers ?? []).filter((a) => a.status === 'pending').map((a) => [a.organizationId, a]));

/** One audit event per history entry added. */
const auditsOf = (n: PublicationNotice, added: readonly HistoryEntry[], actor: Actor): AuditInput[] =>
  added.map((h) => ({
    chain: projectChain(n.projectId),
    // The clock's own steps (silence, end of a filing delay, clearance) are recorded with the actor whose request or
    // job computed them; the entry itself says `by: null`.
    actor,
    action: `publication.${h.action}`,
    target: { type: 'publication', id: `${n.projectId}/${n.id}` },
    after: { version: h.version, organizationId: h.organizationId, state: n.state, ...h.detail },
  }));

/**
 * Writes a notice transition: the notice under its lock (created when `previous` is null, else replaced at the
 * version read), the task items of the answers that opened, moved or closed, and one audit event per history entry
 * — in one transaction. A stale version is a 412 (PreconditionFailedError with the current ETag).
 */
export async function savePublication(
  project: { id: string; acronym: string; title: string },
  previous: PublicationNotice | null,
  next: PublicationNotice,
  added: readonly HistoryEntry[],
  actor: Actor,
  extra: TxWrite[] = [],
): Promise<PublicationNotice> {
  const before = pendingOf(previous);
  const after = pendingOf(next);
  const taskWrites: TxWrite[] = [];
  for (const [orgId, a] of after) {
    const old = before.get(orgId);
    if (old && old.deadline === a.deadline && old.openedAt === a.openedAt) continue;
    const t = taskOf(project, next, a);
    taskWrites.push({
      item: {
        Put: {
          TableName: T(),
          Item: {
            ...publicationTaskKey(project.id, next.id, orgId),
            ...stepIndexGsi(assigneeKeys.org(orgId), a.deadline, project.id, t.stepId),
            entity: 'publication-task',
            ...t,
          },
        },
      },
    });
  }
  for (const orgId of before.keys())
    if (!after.has(orgId)) taskWrites.push({ item: { Delete: { TableName: T(), Key: publicationTaskKey(project.id, next.id, orgId) } } });
  await writeWithAudit(
    [
      lockedPut({ ...publicationKey(project.id, next.id), entity: 'publication', ...next }, { entity: 'publication', expect: previous?.version ?? 'absent' }),
      ...extra,
      ...taskWrites,
    ],
    auditsOf(next, added, actor),
  );
  return next;
}
