import { httpHandler, type RouteHandler } from '../http/http-handler';
import { assigneeKeysOf, tasksOf } from '../../shared/store/workflow';
import { isAssignee } from '../../shared/domain/workflow';
import * as api from '../../shared/api/routes/workflow';

/** The caller's pending steps across projects, with project, step and due date, soonest first. */
export const myTasks: RouteHandler<typeof api.myTasks> = async (req) => {
  const p = req.principal;
  const lists = await Promise.all(assigneeKeysOf(p).map(tasksOf));
  const seen = new Set<string>();
  const items = lists
    .flat()
    .filter((t) => isAssignee(t.assignee, p))
    .filter((t) => (seen.has(`${t.projectId}|${t.stepId}`) ? false : (seen.add(`${t.projectId}|${t.stepId}`), true)))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.projectId.localeCompare(b.projectId) || a.stepId.localeCompare(b.stepId))
    .map((t) => ({
      projectId: t.projectId,
      projectAcronym: t.projectAcronym,
      projectTitle: t.projectTitle,
      stepId: t.stepId,
      kind: t.kind,
      dueDate: t.dueDate,
      openedAt: t.openedAt,
    }));
  return { status: 200, body: { items, nextCursor: null } };
};

export const handler = httpHandler(api.myTasks, myTasks);
