import { redactFor } from '../../shared/services/redact';
import { createWorkflow, decide, recordSubmission, NO_GATES } from '../../shared/domain/workflow';
import type { Principal } from '../../shared/domain/access';

const A = `org_${'a'.repeat(32)}`;
const B = `org_${'b'.repeat(32)}`;
const now = new Date('2026-11-26T09:00:00Z');
const legal: Principal = { sub: 'l', role: 'legal', email: 'l@pole.fr' };
const partnerA: Principal = { sub: 'pa', role: 'partner', organizationId: A };
const partnerB: Principal = { sub: 'pb', role: 'partner', organizationId: B };

function afterLegalDecision(decision: 'approve' | 'request-changes', comment: string) {
  let { state } = createWorkflow([A, B], undefined, now);
  ({ state } = recordSubmission(state, A, 'a'.repeat(64), now));
  ({ state } = recordSubmission(state, B, 'b'.repeat(64), now));
  ({ state } = decide(state, { stepId: 'partner-approval', decision: 'approve', comment: 'ok A', actor: partnerA, now, gates: NO_GATES }));
  ({ state } = decide(state, { stepId: 'partner-approval', decision: 'approve', comment: 'ok B', actor: partnerB, now, gates: NO_GATES }));
  ({ state } = decide(state, {
    stepId: 'legal-review',
    decision,
    comment,
    actor: legal,
    now,
    gates: NO_GATES,
    ...(decision === 'request-changes' ? { changesRequestedFrom: [B] } : {}),
  }));
  return state;
}

test("partners do not see the comments of the pôle's internal steps; staff do", () => {
  const state = afterLegalDecision('approve', 'Note interne : actionnaire à surveiller');
  const legalStep = (s: typeof state) => s.steps.find((x) => x.stepId === 'legal-review')!;
  expect(legalStep(redactFor(legal, state)).decision!.comment).toBe('Note interne : actionnaire à surveiller');
  expect(legalStep(redactFor(partnerA, state)).decision!.comment).toBe('');
  expect(JSON.stringify(redactFor(partnerA, state))).not.toContain('actionnaire à surveiller');
  // Partner approvals stay visible with their comments.
  expect(redactFor(partnerA, state).steps.find((x) => x.stepId === `partner-approval:${B}`)!.decision!.comment).toBe('ok B');
});

test('a request for changes is shown to the partners it names, not to the others', () => {
  const state = afterLegalDecision('request-changes', 'Préciser les conditions d’exploitation');
  expect(JSON.stringify(redactFor(partnerB, state))).toContain('Préciser les conditions');
  expect(redactFor(partnerA, state).steps.find((x) => x.stepId === 'legal-review')!.decision!.comment).toBe('');
});
