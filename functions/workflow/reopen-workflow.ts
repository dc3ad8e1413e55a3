import { redactFor } from '../../shared/services/redact';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { reopen } from '../../shared/domain/workflow';
import { saveWorkflow } from '../../shared/store/workflow';
import { loadWorkflow } from '../../shared/services/load-workflow';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/workflow';

/**
 * Legal staff reopen a rejected workflow, or one awaiting the agreement or its signatures: the pending agreement
 * is then invalidated (audited) and the partners are told why by email. A signed workflow stays closed (409).
 */
export const reopenWorkflow: RouteHandler<typeof api.reopenWorkflow> = async (req) => {
  const { header, workflow } = await loadWorkflow(req);
  const { state, effects } = reopen(workflow.state, req.principal, new Date(), req.body ?? {});
  const stored = await saveWorkflow(header.project, workflow, state, effects, actorOf(req.principal));
  await afterChange(req, { project: header.project, workflowEffects: effects });
  return { status: 200, body: redactFor(req.principal, stored.state), version: stored.version };
};

export const handler = httpHandler(api.reopenWorkflow, reopenWorkflow);
