import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { msg } from '../domain/i18n/catalog';
import { queryAll, queryPage, QueryLimitExceededError, type Page } from './query';
import { decodeCompositeCursor, encodeCompositeCursor } from './pagination';
import { ddb } from './clients';
import { config } from './config';
import { assigneeKeys, projectChain, queries, stageGsi, stageMarkerKey, stepIndexGsi, stepIndexKey, stripKeys, workflowKey } from './keys';
import { batchGetAll } from './batch-get';
import { stageFilterOf, type StageFilter, type WorkflowSummary } from '../domain/project-stage';
import { writeWithAudit, type AuditInput, type TxWrite } from './tx';
import { pendingSteps, type Assignee, type PendingStep, type WorkflowEffect, type WorkflowState } from '../domain/workflow';
import type { Actor } from '../domain/audit';
import type { Principal } from '../domain/access';
import { ConflictError, type DomainError } from '../domain/errors';
import { alreadyExists, lockCondition, lockedPut } from './locking';
import type { PublicationTaskItem } from './publications';
import type { ControlReviewTaskItem } from './control-reviews';

const T = () => config.tableName;

/** The workflow item is no longer at the version the transition was computed from (someone else wrote it). */
export class WorkflowChangedError extends ConflictError {}

export interface StoredWorkflow {
  projectId: string;
  state: WorkflowState;
  version: number;
}

/** One index item per open step: what /me/tasks and the reminder job read (never the whole workflow). */
export interface StepIndexItem extends PendingStep {
  projectId: string;
  projectAcronym: string;
  projectTitle: string;
}

/**
 * What a task partition holds: open workflow steps and the answers awaited on publication notices (same keys,
 * shared/store/publications.ts), told apart by `kind`.
 */
export type TaskIndexItem = StepIndexItem | PublicationTaskItem | ControlReviewTaskItem;
export const isPublicationTask = (t: TaskIndexItem): t is PublicationTaskItem => t.kind === 'publication-answer';
export const isControlReviewTask = (t: TaskIndexItem): t is ControlReviewTaskItem => t.kind === 'control-review';

/** The gsi1 task partition of an assignee: an organization, a named person, or a whole staff role. */
export function assigneeKey(a: Assignee): string {
  if (a.role === 'partner') return assigneeKeys.org(String(a.orgId));
  if (a.email) return assigneeKeys.email(a.email);
  return assigneeKeys.role(a.role);
}

/** Every task partition a caller may have work in. */
export function assigneeKeysOf(p: Principal): string[] {
  const keys: string[] = [];
  if (p.role === 'partner' && p.organizationId) keys.push(assigneeKeys.org(p.organizationId));
  if (p.role === 'legal' || p.role === 'committee') keys.push(assigneeKeys.role(p.role));
  if (p.email) keys.push(assigneeKeys.email(p.email.toLowerCase()));
  return keys;
}

export async function getWorkflow(projectId: string): Promise<StoredWorkflow | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: T(), Key: workflowKey(projectId), ConsistentRead: true }));
  return Item ? stripKeys<StoredWorkflow>(Item) : null;
}

const indexId = (s: PendingStep) => `${s.stepId}|${s.dueDate}|${s.ipFileHash}|${assigneeKey(s.assignee)}`;

/** Audit actions for the effects of one transition (one event per effect, in order). */
function effectAudits(projectId: string, effects: readonly WorkflowEffect[], actor: Actor): AuditInput[] {
  return effects.map((e) => {
    const { type, ...detail } = e;
    const stepId = 'stepId' in e ? e.stepId : null;
    return {
      chain: projectChain(projectId),
      actor,
      action: `workflow.${type}`,
      target: { type: 'workflow', id: stepId ? `${projectId}/${stepId}` : projectId },
      after: detail,
    };
  });
}

/**
 * Writes a transition: the workflow item (optimistic lock on its version), the index items of the steps that
 * opened, changed or closed, any extra writes of the same change (e.g. the declaration submission that caused
 * it), and one audit event per effect — all in one transaction. When `previous` is no longer the stored
 * version, throws PreconditionFailedError (412, `extra.currentEtag`): reload and re-apply.
 */
export async function saveWorkflow(
  project: { id: string; acronym: string; title: string },
  previous: StoredWorkflow | null,
  next: WorkflowState,
  effects: readonly WorkflowEffect[],
  actor: Actor,
  extra: { writes?: TxWrite[]; audits?: AuditInput[] } = {},
): Promise<StoredWorkflow> {
  const stored: StoredWorkflow = { projectId: project.id, state: next, version: (previous?.version ?? 0) + 1 };
  const before = new Map((previous ? pendingSteps(previous.state) : []).map((s) => [s.stepId, s]));
  const after = new Map(pendingSteps(next).map((s) => [s.stepId, s]));
  const indexWrites: TxWrite[] = [];
  for (const [id, s] of after) {
    const old = before.get(id);
    if (old && indexId(old) === indexId(s)) continue;
    const item: StepIndexItem = { ...s, projectId: project.id, projectAcronym: project.acronym, projectTitle: project.title };
    indexWrites.push({
      item: {
        Put: {
          TableName: T(),
          Item: { ...stepIndexKey(project.id, id), ...stepIndexGsi(assigneeKey(s.assignee), s.dueDate, project.id, id), entity: 'step-index', ...item },
        },
      },
    });
  }
  for (const id of before.keys()) if (!after.has(id)) indexWrites.push({ item: { Delete: { TableName: T(), Key: stepIndexKey(project.id, id) } } });
  await writeWithAudit(
    [
      // Two people deciding at the same moment: exactly one transaction wins; the other gets a stale version
      // (412 PreconditionFailedError with the current ETag), or 409 when both started the workflow.
      lockedPut(
        { ...workflowKey(project.id), entity: 'workflow', ...stored },
        { entity: 'workflow', expect: previous?.version ?? 'absent', exists: (current) => alreadyExists('workflow', current, msg('workflow.alreadyStarted')) },
      ),
      stageMarkerPut(project.id, next),
      ...(extra.writes ?? []),
      ...indexWrites,
    ],
    [...(extra.audits ?? []), ...effectAudits(project.id, effects, actor)],
  );
  return stored;
}

/** The stage marker of a workflow state (see `stageMarkerKey`): written with every transition. */
export function stageMarkerItem(projectId: string, state: Pick<WorkflowState, 'stage' | 'status' | 'updatedAt'>): Record<string, unknown> {
  const summary: WorkflowSummary = { stage: state.stage, status: state.status, updatedAt: state.updatedAt };
  return { ...stageMarkerKey(projectId), ...stageGsi(stageFilterOf(summary), summary.updatedAt, projectId), entity: 'workflow-stage', projectId, ...summary };
}

function stageMarkerPut(projectId: string, state: WorkflowState): TxWrite {
  return { item: { Put: { TableName: T(), Item: stageMarkerItem(projectId, state) } } };
}

const summaryOf = (item: Record<string, unknown>): WorkflowSummary => ({
  stage: item.stage as WorkflowSummary['stage'],
  status: item.status as WorkflowSummary['status'],
  updatedAt: item.updatedAt as string,
});

/** The workflow summaries of some projects (one BatchGet of small items); a project without a workflow is absent. */
export async function workflowSummaries(projectIds: readonly string[]): Promise<Map<string, WorkflowSummary>> {
  if (projectIds.length === 0) return new Map();
  const items = await batchGetAll(projectIds.map(stageMarkerKey));
  return new Map(items.map((i) => [i.projectId as string, summaryOf(i)]));
}

/** The ids of the projects at one stage (or rejected), most recently changed first, one page. */
export async function projectIdsAtStage(phase: StageFilter, limit: number, cursor?: string): Promise<{ ids: string[]; nextCursor: string | null }> {
  const { items, nextCursor } = await queryPage(
    queries.projectsAtStage(phase),
    { limit, cursor },
    { descending: true, attributes: ['projectId'], map: (i) => i.projectId as string },
  );
  return { ids: items, nextCursor };
}

/**
 * A transaction item that holds only while the workflow item is still the one read (`null`: still not
 * started), for a change elsewhere that must not race a workflow change (e.g. unassigning a lawyer).
 */
export function workflowUnchanged(projectId: string, read: StoredWorkflow | null): TxWrite {
  return {
    item: { ConditionCheck: { TableName: T(), Key: workflowKey(projectId), ...lockCondition({ expect: read?.version ?? 'absent' }) } },
    onConditionFailed: () => new WorkflowChangedError(msg('workflow.changedRetry')),
  };
}

/**
 * A transaction item that holds only while the project's IP file is not locked: no workflow yet, or a workflow
 * not `signed`. Writes to declarations and partners carry it, so a write racing the last signature fails (409).
 */
export function ipFileOpen(projectId: string, onLocked: () => DomainError): TxWrite {
  return {
    item: {
      ConditionCheck: {
        TableName: T(),
        Key: workflowKey(projectId),
        ConditionExpression: 'attribute_not_exists(pk) OR #state.#status <> :signed',
        ExpressionAttributeNames: { '#state': 'state', '#status': 'status' },
        ExpressionAttributeValues: { ':signed': 'signed' },
      },
    },
    onConditionFailed: onLocked,
  };
}

/**
 * One page of the open steps of several task partitions (a person's own, their organization's, their role's),
 * merged by due date: each partition is read after the previous page's last sort key, at most `limit` + 1 steps
 * each, so a page costs the same whatever the history. A step listed in two partitions counts once. The cursor
 * is that sort key (`<due>#<projectId>#<stepId>`), opaque to clients.
 */
export async function tasksPage(keys: readonly string[], limit: number, cursor?: string): Promise<Page<TaskIndexItem>> {
  const state = decodeCompositeCursor(
    cursor,
    (v): v is { after: string } => typeof v.after === 'string' && v.after.length <= 400 && Object.keys(v).length === 1,
  );
  const pages = await Promise.all(
    keys.map((k) =>
      queryPage<TaskIndexItem & { sortKey: string }>(
        queries.tasks(k, state?.after),
        { limit: limit + 1 },
        {
          map: (i) => ({ ...stripKeys<TaskIndexItem>(i), sortKey: i.gsi1sk as string }),
        },
      ),
    ),
  );
  const unique = new Map<string, TaskIndexItem & { sortKey: string }>();
  for (const p of pages) for (const t of p.items) unique.set(t.sortKey, t);
  const sorted = [...unique.values()].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const items = sorted.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(({ sortKey: _, ...t }) => t),
    nextCursor: sorted.length > limit && last ? encodeCompositeCursor({ after: last.sortKey }) : null,
  };
}

/**
 * Open steps due on or before `lastDate` (YYYY-MM-DD) — overdue, due today, due soon — from the sparse
 * due-date index: the read cost grows with the due steps, never with all steps. Returns the consumed capacity.
 */
const MAX_DUE_STEPS = 50_000;

export async function dueSteps(lastDate: string): Promise<{ items: TaskIndexItem[]; consumedRcu: number }> {
  const shards = await Promise.all(queries.dueSteps(lastDate).map((q) => queryAll<TaskIndexItem>(q, { max: MAX_DUE_STEPS })));
  const items = shards.flatMap((s) => s.items);
  if (items.length > MAX_DUE_STEPS) throw new QueryLimitExceededError(queries.dueSteps(lastDate)[0]!, MAX_DUE_STEPS);
  // By due date, as one partition would give them.
  items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.projectId.localeCompare(b.projectId) || a.stepId.localeCompare(b.stepId));
  return { items, consumedRcu: shards.reduce((n, s) => n + s.consumedRcu, 0) };
}
