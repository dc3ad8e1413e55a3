import { reevaluateProject } from '../../shared/services/reevaluate';
import { redactFor } from '../../shared/services/redact';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { decide, decisionRequestSchema } from '../../shared/domain/workflow';
import { parseOrThrow } from '../../shared/domain/validation';
import { saveWorkflow } from '../../shared/store/workflow';
import { loadWorkflow } from '../../shared/services/load-workflow';
import { loadGates } from '../../shared/services/gates';
import { notifyEffects } from '../../shared/services/notify-workflow';

/**
 * A decision on a step (approve, request-changes, reject). Only the step's assignees decide (the state
 * machine checks it); open high/critical flags and IEF holds gate approvals of legal review and committee.
 * Two simultaneous decisions: the workflow item's version condition lets exactly one through (409 for the other).
 * With the same Idempotency-Key, a repeated request returns the first answer.
 */
export const decideStep: RouteHandler = async (req) => {
  const body = parseOrThrow(decisionRequestSchema, req.body);
  const { header, workflow } = await loadWorkflow(req);
  const gates = await loadGates(header.project.id);
  const { state, effects } = decide(workflow.state, { stepId: req.params.stepId ?? '', ...body, actor: req.principal, now: new Date(), gates });
  const stored = await saveWorkflow(header.project, workflow, state, effects, actorOf(req.principal));
  await notifyEffects(header.project, effects);
  // The stage matters to some rules (DECLARATION-MISSING once past declarations).
  if (effects.some((e) => e.type === 'stage-changed')) await reevaluateProject(header.project.id, actorOf(req.principal));
  return { status: 200, body: redactFor(req.principal, stored.state), version: stored.version };
};

export const handler = httpHandler('POST /projects/{projectId}/workflow/steps/{stepId}/decision', decideStep);
