import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { assigneeKeys, controlReviewKey, controlReviewTaskId, controlReviewTaskKey, projectChain, queries, stepIndexGsi, stripKeys } from './keys';
import { lockedPut } from './locking';
import { queryPage, type Page, type PageRequest } from './query';
import { writeWithAudit, type TxWrite } from './tx';
import type { Actor } from '../domain/audit';
import type { ControlReview, ControlReviewNames } from '../domain/control-review';

const T = () => config.tableName;

/** The `/me/tasks` and reminder view of an open review (same shape as a committee step's index item). */
export interface ControlReviewTaskItem {
  projectId: string;
  projectAcronym: string;
  projectTitle: string;
  stepId: string;
  kind: 'control-review';
  assignee: { role: 'committee'; orgId: null; email: null };
  openedAt: string;
  dueDate: string;
  controlReviewId: string;
  /** The partners concerned and, when the operation is on an organization controlling them, its name (snapshot when opened; absent on older tasks). */
  partnerNames?: string[];
  operationOnName?: string | null;
}

export async function getControlReview(projectId: string, id: string): Promise<ControlReview | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: T(), Key: controlReviewKey(projectId, id), ConsistentRead: true }));
  return Item ? stripKeys<ControlReview>(Item) : null;
}

/** A page of a project's reviews (in id order: the control events' ids). */
export async function listControlReviews(projectId: string, page: PageRequest): Promise<Page<ControlReview>> {
  return queryPage<ControlReview>(queries.controlReviews(projectId), page, { descending: true, consistentRead: true });
}

const taskOf = (project: { id: string; acronym: string; title: string }, r: ControlReview, names?: ControlReviewNames): ControlReviewTaskItem => ({
  projectId: project.id,
  projectAcronym: project.acronym,
  projectTitle: project.title,
  stepId: controlReviewTaskId(r.id),
  kind: 'control-review',
  assignee: { role: 'committee', orgId: null, email: null },
  openedAt: r.openedAt,
  dueDate: r.dueDate,
  controlReviewId: r.id,
  ...(names ? { partnerNames: names.partners, operationOnName: names.indirect ? names.operationOn : null } : {}),
});

/**
 * Writes a review: created (`previous` null: only if absent, so the same control event never opens two) or decided
 * (at the version read; a stale one is a 412), with its committee task item (written while open, deleted once
 * decided) and one audit event on the project's chain — in one transaction.
 */
export async function saveControlReview(
  project: { id: string; acronym: string; title: string },
  previous: ControlReview | null,
  next: ControlReview,
  action: 'opened' | 'decided' | 'withdrawn',
  actor: Actor,
  names?: ControlReviewNames,
): Promise<ControlReview> {
  const task = taskOf(project, next, names);
  const writes: TxWrite[] = [
    lockedPut(
      { ...controlReviewKey(project.id, next.id), entity: 'control-review', ...next },
      { entity: 'control review', expect: previous?.version ?? 'absent' },
    ),
    next.state === 'open'
      ? {
          item: {
            Put: {
              TableName: T(),
              Item: {
                ...controlReviewTaskKey(project.id, next.id),
                ...stepIndexGsi(assigneeKeys.role('committee'), next.dueDate, project.id, task.stepId),
                entity: 'control-review-task',
                ...task,
              },
            },
          },
        }
      : { item: { Delete: { TableName: T(), Key: controlReviewTaskKey(project.id, next.id) } } },
  ];
  await writeWithAudit(writes, [
    {
      chain: projectChain(project.id),
      actor,
      action: `control-review.${action}`,
      target: { type: 'control-review', id: `${project.id}/${next.id}` },
      after: {
        version: next.version,
        organizationId: next.organizationId,
        partnerIds: next.partnerIds ?? [next.organizationId],
        controlEventId: next.controlEventId,
        agreementId: next.agreementId,
        agreementVersion: next.agreementVersion,
        state: next.state,
        dueDate: next.dueDate,
        ...(next.decision ? { outcome: next.decision.outcome, note: next.decision.note } : {}),
        ...(next.withdrawal ? { withdrawalReason: next.withdrawal.reason } : {}),
      },
    },
  ]);
  return next;
}
