import { redactFor } from '../../shared/services/redact';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { reopen } from '../../shared/domain/workflow';
import { saveWorkflow } from '../../shared/store/workflow';
import { loadWorkflow } from '../../shared/services/load-workflow';
import * as api from '../../shared/api/routes/workflow';

/** Legal staff reopen a rejected workflow. */
export const reopenWorkflow: RouteHandler<typeof api.reopenWorkflow> = async (req) => {
  const { header, workflow } = await loadWorkflow(req);
  const { state, effects } = reopen(workflow.state, req.principal, new Date());
  const stored = await saveWorkflow(header.project, workflow, state, effects, actorOf(req.principal));
  return { status: 200, body: redactFor(req.principal, stored.state), version: stored.version };
};

export const handler = httpHandler(api.reopenWorkflow, reopenWorkflow);
