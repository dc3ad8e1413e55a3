import { redactFor } from '../../shared/services/redact';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { decide} from '../../shared/domain/workflow';
import { saveWorkflow } from '../../shared/store/workflow';
import { loadWorkflow } from '../../shared/services/load-workflow';
import { loadGates } from '../../shared/services/gates';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/workflow';
import { runIdempotent } from '../http/idempotency';

/**
 * A decision on a step (approve, request-changes, reject). Only the step's assignees decide (the state
 * machine checks it); open high/critical flags and IEF holds gate approvals of legal review and committee.
 * Two simultaneous decisions: the workflow item's version condition lets exactly one through (409 for the other).
 * With the same Idempotency-Key, a repeated request returns the first answer.
 */
export const decideStep: RouteHandler<typeof api.decideStep> = async (req) => {
  const body = req.body;
  const { header, workflow } = await loadWorkflow(req);
  const gates = await loadGates(header.project.id);
  const { state, effects } = decide(workflow.state, { stepId: req.params.stepId ?? '', ...body, actor: req.principal, now: new Date(), gates });
  const stored = await saveWorkflow(header.project, workflow, state, effects, actorOf(req.principal));
  // The stage matters to some rules (DECLARATION-MISSING once past declarations): re-evaluate when it changed.
  await afterChange(req, { project: header.project, workflowEffects: effects, reevaluate: effects.some((e) => e.type === 'stage-changed') });
  return { status: 200, body: redactFor(req.principal, stored.state), version: stored.version };
};

export const handler = httpHandler(api.decideStep, decideStep, { idempotency: runIdempotent });
