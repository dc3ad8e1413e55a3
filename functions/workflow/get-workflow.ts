import { httpHandler, type RouteHandler } from '../http/http-handler';
import { missingApprovals, pendingDeclarations, pendingSteps, type WorkflowState } from '../../shared/domain/workflow';
import type { Principal } from '../../shared/domain/access';
import { loadWorkflow } from './load-workflow';

/**
 * Partners see every step, who decided and when, and the due dates; the comments of the pôle's internal
 * steps (legal review, lawyer opinion, committee) only when they ask the partner for changes.
 */
function redactFor(p: Principal, state: WorkflowState): WorkflowState {
  if (p.role !== 'partner') return state;
  return {
    ...state,
    steps: state.steps.map((s) =>
      s.kind === 'partner-approval' || !s.decision || (s.decision.decision === 'request-changes' && s.decision.changesRequestedFrom?.includes(p.organizationId!))
        ? s
        : { ...s, decision: { ...s.decision, comment: '' } },
    ),
    history: state.history.map((h) => (h.detail && 'comment' in h.detail ? { ...h, detail: { ...h.detail, comment: '' } } : h)),
  };
}

export const getWorkflow: RouteHandler = async (req) => {
  const { workflow } = await loadWorkflow(req);
  const state = redactFor(req.principal, workflow.state);
  return {
    status: 200,
    body: { ...state, pending: pendingSteps(state), pendingDeclarations: pendingDeclarations(state), missingApprovals: missingApprovals(state) },
    version: workflow.version,
  };
};

export const handler = httpHandler('GET /projects/{projectId}/workflow', getWorkflow);
