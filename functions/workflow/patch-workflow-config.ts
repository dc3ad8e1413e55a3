import { redactFor } from './redact';
import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { setLawyerOpinion, setSla, workflowConfigInputSchema, type WorkflowEffect } from '../../shared/domain/workflow';
import { parseOrThrow } from '../../shared/domain/validation';
import { saveWorkflow } from '../../shared/store/workflow';
import { assertVersion } from '../../shared/store/locking';
import { loadWorkflow } from './load-workflow';

/** Legal staff set the SLA days and switch the lawyer opinion on (with the lawyer's email) or off. */
export const patchWorkflowConfig: RouteHandler = async (req) => {
  const expected = requireIfMatch(req);
  const body = parseOrThrow(workflowConfigInputSchema, req.body);
  const { header, workflow } = await loadWorkflow(req);
  assertVersion('workflow', workflow.version, expected);
  const now = new Date();
  let state = workflow.state;
  const effects: WorkflowEffect[] = [];
  if (body.slaDays) {
    const r = setSla(state, body.slaDays, req.principal, now);
    state = r.state;
    effects.push(...r.effects);
  }
  if (body.lawyerOpinion) {
    const r = setLawyerOpinion(state, body.lawyerOpinion, req.principal, now);
    state = r.state;
    effects.push(...r.effects);
  }
  if (!effects.length) return { status: 200, body: redactFor(req.principal, workflow.state), version: workflow.version };
  const stored = await saveWorkflow(header.project, workflow, state, effects, actorOf(req.principal));
  return { status: 200, body: redactFor(req.principal, stored.state), version: stored.version };
};

export const handler = httpHandler('PATCH /projects/{projectId}/workflow', patchWorkflowConfig);
