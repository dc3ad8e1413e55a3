import { deepEqual } from 'node:assert';
import fc from 'fast-check';
import type { Principal } from '../../shared/domain/access';
import { sha256Hex } from '../../shared/domain/audit';
import { isWorkingDay, parisDate } from '../../shared/domain/calendar';
import { DomainError } from '../../shared/domain/errors';
import {
  createWorkflow,
  decide,
  ipFileHash,
  missingApprovals,
  partnerStepId,
  pendingDeclarations,
  pendingSteps,
  recordAgreementGenerated,
  recordSignature,
  recordSubmission,
  reopen,
  setLawyerOpinion,
  setSla,
  STEP_KINDS,
  type Decision,
  type WorkflowGates,
  type WorkflowResult,
  type WorkflowState,
} from '../../shared/domain/workflow';

/**
 * Random sequences of actions — submissions with random hashes, decisions by random (and by the right) actors,
 * random gates, reopen, lawyer and SLA changes, agreement, signatures — run against the state machine while an
 * independent model in this file tracks the IP-file hash and every approval that succeeded.
 *
 * Properties: the workflow never reaches `signed` unless every required approval was made on the final IP-file
 * hash by an actor entitled to it; no approval of legal review or committee passes a closed gate; the state
 * always round-trips through JSON unchanged; inputs are never mutated; refused actions throw only typed errors.
 */

const ALL_ORGS = ['a', 'b', 'c', 'd'].map((c) => `org_${c.repeat(32)}`);
const LAWYERS = ['avocate@cabinet.example.fr', 'autre@cabinet.example.fr'];
const T0 = Date.parse('2026-01-05T08:00:00Z');

const partnerOf = (orgId: string): Principal => ({ sub: `u-${orgId}`, role: 'partner', organizationId: orgId, email: `rep@${orgId}.example.fr` });
const STAFF: Principal[] = [
  { sub: 'u-legal', role: 'legal', email: 'juriste@pole.example.fr' },
  { sub: 'u-committee', role: 'committee', email: 'comite@pole.example.fr' },
  { sub: 'u-lawyer-0', role: 'lawyer', email: LAWYERS[0] },
  { sub: 'u-lawyer-1', role: 'lawyer', email: 'AUTRE@cabinet.example.fr' },
  { sub: 'u-partner-noorg', role: 'partner' },
];
const ALL_ACTORS: Principal[] = [...ALL_ORGS.map(partnerOf), ...STAFF];

const decisionArb: fc.Arbitrary<Decision> = fc.oneof(
  { arbitrary: fc.constant<Decision>('approve'), weight: 20 },
  { arbitrary: fc.constant<Decision>('request-changes'), weight: 1 },
  { arbitrary: fc.constant<Decision>('reject'), weight: 1 },
);

const gatesArb: fc.Arbitrary<WorkflowGates> = fc.oneof(
  { arbitrary: fc.constant<WorkflowGates>({ openBlockingFlags: [], iefHolds: [] }), weight: 8 },
  {
    arbitrary: fc.record({
      openBlockingFlags: fc.array(
        fc.record({
          id: fc.constantFrom('f1', 'f2'),
          ruleId: fc.constantFrom('IEF-1', 'EXP-1'),
          severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
        }),
        { maxLength: 2 },
      ),
      iefHolds: fc.array(fc.record({ flagId: fc.constant('f1'), orgId: fc.constantFrom(...ALL_ORGS) }), { maxLength: 1 }),
    }),
    weight: 1,
  },
);

type Action =
  | { kind: 'submit'; org: number; version: number }
  | { kind: 'submit-missing'; version: number }
  | { kind: 'decide-pending'; pick: number; decision: Decision; changes: number[]; gates: WorkflowGates; comment: string }
  | { kind: 'decide-random'; stepId: string; actor: number; decision: Decision; changes: number[]; gates: WorkflowGates; comment: string }
  | { kind: 'reopen'; actor: number }
  | { kind: 'lawyer'; enabled: boolean; lawyer: number; actor: number }
  | { kind: 'sla'; partner: number; committee: number; actor: number }
  | { kind: 'agreement'; id: number }
  | { kind: 'sign'; org: number }
  | { kind: 'sign-missing' };

const commentArb = fc.constantFrom('', 'OK', 'Merci de préciser', '<b>ok</b>');
const changesArb = fc.array(fc.nat(3), { maxLength: 3 });

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('submit' as const), org: fc.nat(3), version: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('submit-missing' as const), version: fc.nat(2) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('decide-pending' as const),
      pick: fc.nat(),
      decision: decisionArb,
      changes: changesArb,
      gates: gatesArb,
      comment: commentArb,
    }),
    weight: 12,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('decide-random' as const),
      stepId: fc.constantFrom('partner-approval', 'legal-review', 'lawyer-opinion', 'committee', 'bogus', ...ALL_ORGS.map(partnerStepId)),
      actor: fc.nat(ALL_ACTORS.length - 1),
      decision: decisionArb,
      changes: changesArb,
      gates: gatesArb,
      comment: commentArb,
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('reopen' as const), actor: fc.constantFrom(4, 4, 4, 5, 0) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('lawyer' as const), enabled: fc.boolean(), lawyer: fc.nat(1), actor: fc.constantFrom(0, 4, 5) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('sla' as const),
      partner: fc.integer({ min: 1, max: 20 }),
      committee: fc.integer({ min: 1, max: 20 }),
      actor: fc.constantFrom(0, 4, 5),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('agreement' as const), id: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('sign' as const), org: fc.nat(3) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'sign-missing' as const }), weight: 3 },
);

const scenarioArb = fc.record({
  partnerCount: fc.integer({ min: 1, max: 4 }),
  lawyerAtStart: fc.boolean(),
  actions: fc.array(fc.record({ action: actionArb, minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }) }), { minLength: 1, maxLength: 120, size: 'max' }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** A cheap assertion for the per-action invariants (Jest's expect builds an error with a stack trace per call). */
function check(cond: boolean, message: string): void {
  if (!cond) throw new Error(`Invariant broken: ${message}`);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

interface Approval {
  stepId: string;
  hash: string | null;
  actor: Principal;
  lawyerEmail: string | null;
}

/** Runs a scenario; asserts the invariants after every action; returns the final state. */
function runScenario(sc: Scenario): WorkflowState {
  const partners = ALL_ORGS.slice(0, sc.partnerCount);
  let now = T0;
  let state = createWorkflow(partners, sc.lawyerAtStart ? { lawyerOpinion: { enabled: true, lawyerEmail: LAWYERS[0] } } : undefined, new Date(now)).state;

  // The independent model.
  const submitted = new Map<string, string>();
  let lawyerEnabled = sc.lawyerAtStart;
  let lawyerEmail: string | null = sc.lawyerAtStart ? LAWYERS[0]! : null;
  const approvals: Approval[] = [];
  const modelHash = (): string | null =>
    partners.every((o) => submitted.has(o)) ? ipFileHash(partners.map((o) => ({ orgId: o, contentHash: submitted.get(o)! }))) : null;

  for (const { action, minutes } of sc.actions) {
    now += minutes * 60_000;
    const at = new Date(now);
    const before = state;
    const statusBefore = state.status;
    const hashBefore = modelHash();
    deepFreeze(before);
    const snapshot = JSON.stringify(before);

    let attempt: () => WorkflowResult;
    let onSuccess: (res: WorkflowResult) => void = () => undefined;
    const contentHash = (org: string, version: number) => sha256Hex(`${org}#${version}`);

    const decideWith = (stepId: string, actor: Principal, a: { decision: Decision; changes: number[]; gates: WorkflowGates; comment: string }) => {
      const changesRequestedFrom = a.decision === 'request-changes' ? [...new Set(a.changes.map((i) => partners[i % partners.length]!))] : undefined;
      attempt = () => decide(before, { stepId, decision: a.decision, comment: a.comment, changesRequestedFrom, actor, now: at, gates: a.gates });
      onSuccess = (res) => {
        check(statusBefore === 'active', 'a decision succeeded on a workflow that was not active');
        const resolved = stepId === 'partner-approval' ? partnerStepId(actor.organizationId ?? '') : stepId;
        const step = res.state.steps.find((s) => s.stepId === resolved)!;
        if (a.decision === 'approve') {
          // No approval of a gated step passes a closed gate.
          const blocking = a.gates.openBlockingFlags.filter((f) => f.severity === 'high' || f.severity === 'critical');
          if (step.kind === 'legal-review') check(blocking.length === 0, 'legal review approved through blocking flags');
          if (step.kind === 'committee') check(blocking.length + a.gates.iefHolds.length === 0, 'committee approved through a gate');
          approvals.push({ stepId: resolved, hash: hashBefore, actor, lawyerEmail });
        }
        if (a.decision === 'request-changes') for (const o of changesRequestedFrom ?? []) submitted.delete(o);
      };
    };

    switch (action.kind) {
      case 'submit':
      case 'submit-missing': {
        const org = action.kind === 'submit' ? partners[action.org % partners.length]! : (pendingDeclarations(before)[0] ?? partners[0]!);
        const ch = contentHash(org, action.version);
        attempt = () => recordSubmission(before, org, ch, at);
        onSuccess = () => submitted.set(org, ch);
        break;
      }
      case 'decide-pending': {
        const pending = pendingSteps(before);
        const p = pending.length ? pending[action.pick % pending.length]! : undefined;
        if (!p) continue;
        const actor: Principal =
          p.assignee.role === 'partner'
            ? partnerOf(p.assignee.orgId!)
            : p.assignee.role === 'lawyer'
              ? { sub: 'u-lawyer-x', role: 'lawyer', email: p.assignee.email! }
              : STAFF.find((x) => x.role === p.assignee.role)!;
        decideWith(p.stepId, actor, action);
        break;
      }
      case 'decide-random':
        decideWith(action.stepId, ALL_ACTORS[action.actor]!, action);
        break;
      case 'reopen':
        attempt = () => reopen(before, ALL_ACTORS[action.actor]!, at);
        break;
      case 'lawyer': {
        const input = action.enabled ? { enabled: true, lawyerEmail: LAWYERS[action.lawyer]! } : { enabled: false };
        attempt = () => setLawyerOpinion(before, input, ALL_ACTORS[action.actor]!, at);
        onSuccess = () => {
          lawyerEnabled = input.enabled;
          lawyerEmail = input.enabled ? input.lawyerEmail! : null;
        };
        break;
      }
      case 'sla':
        attempt = () => setSla(before, { partner: action.partner, committee: action.committee }, ALL_ACTORS[action.actor]!, at);
        break;
      case 'agreement':
        attempt = () => recordAgreementGenerated(before, { agreementId: `agr_${action.id}`, hash: sha256Hex(`pdf${action.id}`) }, at);
        break;
      case 'sign':
        attempt = () => recordSignature(before, partners[action.org % partners.length]!, at);
        break;
      case 'sign-missing': {
        const org = partners.find((o) => !before.signatures.some((x) => x.orgId === o)) ?? partners[0]!;
        attempt = () => recordSignature(before, org, at);
        break;
      }
    }

    try {
      const res = attempt!();
      onSuccess(res);
      state = res.state;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      check([400, 403, 404, 409].includes(e.status), `unexpected status ${e.status}`);
    }

    // The input was not mutated (it is frozen, and its JSON is unchanged).
    check(JSON.stringify(before) === snapshot, 'the input state was mutated');
    // JSON round trip. Node's deepEqual is much faster than Jest's and fails on a key JSON would drop (undefined), a
    // Date, NaN or Infinity; it ignores prototypes (structuredClone in Jest's VM sandbox yields another realm's
    // objects). The final state of each scenario is also checked with Jest's toStrictEqual.
    deepEqual(JSON.parse(JSON.stringify(state)), state);
    // The state's IP-file hash is the one the model computes from the submissions that went through.
    check(state.ipFileHash === modelHash(), 'ipFileHash differs from the model');
    check(
      state.config.lawyerOpinion.enabled === lawyerEnabled && state.config.lawyerOpinion.lawyerEmail === lawyerEmail,
      'lawyer configuration differs from the model',
    );
    // Stage and status agree; the stage has something pending.
    check((state.stage === 'signed') === (state.status === 'signed'), 'stage and status disagree');
    const pend = pendingSteps(state);
    if (state.status === 'active') {
      const awaited = pendingDeclarations(state).length;
      check(state.stage === 'declarations' ? awaited > 0 : awaited === 0, 'declarations stage iff a declaration is awaited');
      if ((STEP_KINDS as readonly string[]).includes(state.stage)) {
        check(pend.length > 0, `nothing pending at ${state.stage}`);
        for (const p of pend) {
          check(p.kind === state.stage && p.ipFileHash === state.ipFileHash, 'an open step outside the stage or the file');
          check(isWorkingDay(p.dueDate) && p.dueDate >= parisDate(new Date(p.openedAt)), 'bad due date');
        }
      } else {
        check(pend.length === 0, `steps pending at ${state.stage}`);
      }
    } else {
      check(pend.length === 0, 'steps pending in a closed workflow');
    }
    check(
      state.history.every((e, i) => e.seq === i + 1),
      'history seq not contiguous',
    );

    // THE property: signed only with every required approval made on the final IP-file hash by its assignee.
    if (state.status === 'signed') {
      const finalHash = modelHash();
      expect(finalHash).not.toBeNull();
      const required = [...partners.map(partnerStepId), 'legal-review', ...(lawyerEnabled ? ['lawyer-opinion'] : []), 'committee'];
      for (const stepId of required) {
        const ok = approvals.some((a) => {
          if (a.stepId !== stepId || a.hash !== finalHash) return false;
          if (stepId.startsWith('partner-approval:')) return a.actor.role === 'partner' && partnerStepId(a.actor.organizationId!) === stepId;
          if (stepId === 'lawyer-opinion') return a.actor.role === 'lawyer' && a.actor.email!.toLowerCase() === lawyerEmail && a.lawyerEmail === lawyerEmail;
          return a.actor.role === (stepId === 'legal-review' ? 'legal' : 'committee');
        });
        if (!ok) throw new Error(`Signed without an approval of ${stepId} on the final hash`);
      }
      expect(missingApprovals(state)).toEqual([]);
      expect(state.agreement?.ipFileHash).toBe(finalHash);
      expect(state.signatures.map((x) => x.orgId).sort()).toEqual([...partners].sort());
    }
  }
  expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  return state;
}

describe('workflow properties', () => {
  test('never signed without every required approval on the final IP-file hash; always JSON-stable', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => void runScenario(sc)),
      { numRuns: 400 },
    );
  });

  test('the generator is not vacuous: a fair share of scenarios reach signed, some via a re-opened file', () => {
    const scenarios = fc.sample(scenarioArb, { numRuns: 300, seed: 42 });
    const finals = scenarios.map(runScenario);
    const signed = finals.filter((s) => s.status === 'signed');
    expect(signed.length).toBeGreaterThan(10);
    expect(signed.some((s) => s.history.some((e) => e.action === 'approvals-reopened'))).toBe(true);
    expect(finals.some((s) => s.status === 'rejected')).toBe(true);
    expect(signed.some((s) => s.config.lawyerOpinion.enabled)).toBe(true);
  });
});
