import { redactFor } from '../../shared/services/redact';
import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import {
  assertNamedLawyerAssigned,
  namedLawyerNotAssigned,
  setControlReviewDays,
  setLawyerOpinion,
  setSla,
  type WorkflowEffect,
} from '../../shared/domain/workflow';
import { lawyerStillAssigned } from '../../shared/store/projects';
import { saveWorkflow } from '../../shared/store/workflow';
import { loadWorkflow } from '../../shared/services/load-workflow';
import * as api from '../../shared/api/routes/workflow';
import { assertVersion } from '../../shared/store/locking';

/**
 * Legal staff set the SLA days, the committee's change-of-control window (`controlReviewDays`, also after
 * signature) and switch the lawyer opinion on (with the lawyer's email) or off. Only a lawyer
 * assigned to the project may be named (400 on `lawyerOpinion/lawyerEmail`); the assignment is re-checked in the
 * workflow's transaction, so a lawyer unassigned meanwhile is never named.
 */
export const patchWorkflowConfig: RouteHandler<typeof api.patchWorkflowConfig> = async (req) => {
  const expected = requireIfMatch(req);
  const body = req.body;
  const { header, workflow } = await loadWorkflow(req);
  assertVersion('workflow', workflow.version, expected);
  const named = assertNamedLawyerAssigned(
    body,
    header.lawyers.map((l) => l.email),
  );
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
  if (body.controlReviewDays !== undefined) {
    const r = setControlReviewDays(state, body.controlReviewDays, req.principal, now);
    state = r.state;
    effects.push(...r.effects);
  }
  if (!effects.length) return { status: 200, body: redactFor(req.principal, workflow.state), version: workflow.version };
  const stored = await saveWorkflow(header.project, workflow, state, effects, actorOf(req.principal), {
    writes: named ? [lawyerStillAssigned(header.project.id, named, namedLawyerNotAssigned)] : [],
  });
  return { status: 200, body: redactFor(req.principal, stored.state), version: stored.version };
};

export const handler = httpHandler(api.patchWorkflowConfig, patchWorkflowConfig);
