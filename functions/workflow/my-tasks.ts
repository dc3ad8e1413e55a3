import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { assigneeKeysOf, tasksPage } from '../../shared/store/workflow';
import { isAssignee } from '../../shared/domain/workflow';
import * as api from '../../shared/api/routes/workflow';

/**
 * The caller's pending steps across projects, with project, step and due date, soonest first; a page of
 * `limit` (an assignee partition may also hold steps for someone else of the role: those are filtered out, so
 * a page may be shorter than `limit` while `nextCursor` says more may follow).
 */
export const myTasks: RouteHandler<typeof api.myTasks> = async (req) => {
  const p = req.principal;
  const { limit, cursor } = pageParams(req);
  const page = await tasksPage(assigneeKeysOf(p), limit, cursor);
  const items = page.items
    .filter((t) => isAssignee(t.assignee, p))
    .map((t) => ({
      projectId: t.projectId,
      projectAcronym: t.projectAcronym,
      projectTitle: t.projectTitle,
      stepId: t.stepId,
      kind: t.kind,
      publicationId: t.kind === 'publication-answer' ? t.publicationId : null,
      controlReviewId: t.kind === 'control-review' ? t.controlReviewId : null,
      controlReview: t.kind === 'control-review' && t.partnerNames ? { partnerNames: t.partnerNames, operationOnName: t.operationOnName ?? null } : null,
      dueDate: t.dueDate,
      openedAt: t.openedAt,
    }));
  return { status: 200, body: { items, nextCursor: page.nextCursor } };
};

export const handler = httpHandler(api.myTasks, myTasks);
