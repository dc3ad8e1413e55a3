import { redactFor } from '../../shared/services/redact';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import type { Principal } from '../../shared/domain/access';
import { decide, findStep, partnerStepId, type WorkflowState } from '../../shared/domain/workflow';
import { ConflictError, PreconditionFailedError } from '../../shared/domain/errors';
import { saveWorkflow, type StoredWorkflow } from '../../shared/store/workflow';
import { loadWorkflow } from '../../shared/services/load-workflow';
import { loadGates } from '../../shared/services/gates';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/workflow';
import { runIdempotent } from '../http/idempotency';
import { msg } from '../../shared/domain/i18n/catalog';

/** Attempts of one decision when other writers keep changing the workflow item (e.g. partners approving at once). */
export const MAX_DECISION_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The step a decision is about, as the decider's request found it: status, the IP file it was opened for,
 * when it opened, its assignee and decision. A retry re-applies the decision only while this is unchanged.
 */
function stepSnapshot(state: WorkflowState, stepId: string, actor: Principal): string | null {
  const id = stepId === 'partner-approval' && actor.role === 'partner' && actor.organizationId ? partnerStepId(actor.organizationId) : stepId;
  const s = findStep(state, id);
  return s ? JSON.stringify([s.status, s.openedFor, s.openedAt, s.assignee, s.decision]) : null;
}

/**
 * A decision on a step (approve, request-changes, reject). Only the step's assignees decide (the state
 * machine checks it); open high/critical flags and IEF holds gate approvals of legal review and committee.
 * The workflow is one item under an optimistic lock: when another writer got in first (partners approving
 * their own steps at the same moment), the decision reloads the workflow and is applied again — with fresh
 * gates, through the same state machine — as long as its step is unchanged (bounded attempts, jittered
 * back-off). It is a 409 only when the step itself changed: decided by someone else, re-opened on another
 * IP file, reassigned, or the workflow rejected.
 * With the same Idempotency-Key, a repeated request returns the first answer.
 */
export const decideStep: RouteHandler<typeof api.decideStep> = async (req) => {
  const body = req.body;
  const stepId = req.params.stepId ?? '';
  let seen: string | null | undefined;
  for (let attempt = 1; ; attempt++) {
    const { header, workflow } = await loadWorkflow(req);
    const gates = await loadGates(header.project.id);
    // On a retry the state machine re-checks everything on the fresh state (already decided → 409, …).
    const { state, effects } = decide(workflow.state, { stepId, ...body, actor: req.principal, now: new Date(), gates });
    const snapshot = stepSnapshot(workflow.state, stepId, req.principal);
    if (seen === undefined) seen = snapshot;
    else if (snapshot !== seen) throw new ConflictError(msg('workflow.stepChanged'));
    let stored: StoredWorkflow;
    try {
      stored = await saveWorkflow(header.project, workflow, state, effects, actorOf(req.principal));
    } catch (e) {
      // Another writer got in first (a stale version, 412): re-apply the decision on the fresh workflow.
      if (e instanceof PreconditionFailedError && attempt < MAX_DECISION_ATTEMPTS) {
        await sleep(Math.random() * 25 * 2 ** (attempt - 1));
        continue;
      }
      throw e;
    }
    // The stage matters to some rules (DECLARATION-MISSING once past declarations): re-evaluate when it changed.
    await afterChange(req, { project: header.project, workflowEffects: effects, reevaluate: effects.some((e) => e.type === 'stage-changed') });
    return { status: 200, body: redactFor(req.principal, stored.state), version: stored.version };
  }
};

export const handler = httpHandler(api.decideStep, decideStep, { idempotency: runIdempotent });
