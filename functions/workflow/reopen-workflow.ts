import { redactFor } from '../../shared/services/redact';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { reopen } from '../../shared/domain/workflow';
import { saveWorkflow } from '../../shared/store/workflow';
import { loadWorkflow } from '../../shared/services/load-workflow';

/** Legal staff reopen a rejected workflow. */
export const reopenWorkflow: RouteHandler = async (req) => {
  const { header, workflow } = await loadWorkflow(req);
  const { state, effects } = reopen(workflow.state, req.principal, new Date());
  const stored = await saveWorkflow(header.project, workflow, state, effects, actorOf(req.principal));
  return { status: 200, body: redactFor(req.principal, stored.state), version: stored.version };
};

export const handler = httpHandler('POST /projects/{projectId}/workflow/reopen', reopenWorkflow);
