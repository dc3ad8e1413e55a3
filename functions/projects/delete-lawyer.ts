import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { assertLawyerNotNamed } from '../../shared/domain/workflow';
import { deleteLawyer as store } from '../../shared/store/projects';
import { getWorkflow, workflowUnchanged } from '../../shared/store/workflow';
import { loadReadableProject } from '../../shared/services/load-project';
import * as api from '../../shared/api/routes/projects';

/**
 * Unassigns a lawyer. A lawyer the workflow names for its opinion stays assigned (409) until legal staff name
 * another one or switch the opinion off; the workflow read is checked unchanged in the same transaction, so a
 * concurrent PATCH naming this lawyer cannot slip in between.
 */
export const deleteLawyer: RouteHandler<typeof api.deleteLawyer> = async (req) => {
  const header = await loadReadableProject(req);
  const email = (req.params.email ?? '').toLowerCase();
  const assigned = header.lawyers.some((l) => l.email === email);
  const workflow = assigned ? await getWorkflow(header.project.id) : null;
  if (workflow) assertLawyerNotNamed(workflow.state, email);
  await store(header, email, actorOf(req.principal), new Date(), assigned ? [workflowUnchanged(header.project.id, workflow)] : []);
  return { status: 204 };
};

export const handler = httpHandler(api.deleteLawyer, deleteLawyer);
