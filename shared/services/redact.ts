import type { Principal } from '../domain/access';
import type { WorkflowState } from '../domain/workflow';

/**
 * Partners see every step, who decided and when, and the due dates; the comments of the pôle's internal
 * steps (legal review, lawyer opinion, committee) only when they ask the partner for changes.
 */
export function redactFor(p: Principal, state: WorkflowState): WorkflowState {
  if (p.role !== 'partner') return state;
  return {
    ...state,
    steps: state.steps.map((s) =>
      s.kind === 'partner-approval' ||
      !s.decision ||
      (s.decision.decision === 'request-changes' && s.decision.changesRequestedFrom?.includes(p.organizationId!))
        ? s
        : { ...s, decision: { ...s.decision, comment: '' } },
    ),
    history: state.history.map((h) => (h.detail && 'comment' in h.detail ? { ...h, detail: { ...h.detail, comment: '' } } : h)),
  };
}
