import type { Principal } from '../../shared/domain/access';
import { canonicalJson, sha256Hex } from '../../shared/domain/audit';
import { dueDate } from '../../shared/domain/calendar';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/domain/errors';
import {
  createWorkflow,
  decide,
  decisionRequestSchema,
  DEFAULT_SLA_DAYS,
  findStep,
  ipFileHash,
  missingApprovals,
  NO_GATES,
  partnerStepId,
  pendingDeclarations,
  pendingSteps,
  pendingStepsFor,
  recordAgreementGenerated,
  recordSignature,
  recordSubmission,
  reopen,
  setLawyerOpinion,
  setSla,
  workflowConfigInputSchema,
  type Decision,
  type WorkflowConfigInput,
  type WorkflowEffect,
  type WorkflowGates,
  type WorkflowResult,
  type WorkflowState,
} from '../../shared/domain/workflow';

// ---------------------------------------------------------------------------------------------------------
// Fixtures

const ORGS = ['1', '2', '3', '4'].map((d) => `org_${d.repeat(32)}`) as [string, string, string, string];
const [A, B, C, D] = ORGS;
const OUTSIDER = `org_${'9'.repeat(32)}`;

const legal: Principal = { sub: 'u-legal', role: 'legal', email: 'juriste@pole.example.fr' };
const committee: Principal = { sub: 'u-committee', role: 'committee', email: 'comite@pole.example.fr' };
const lawyer: Principal = { sub: 'u-lawyer', role: 'lawyer', email: 'Avocate@Cabinet.example.fr' };
const otherLawyer: Principal = { sub: 'u-lawyer2', role: 'lawyer', email: 'autre@cabinet.example.fr' };
const partner = (orgId: string): Principal => ({
  sub: `u-${orgId.slice(4, 8)}`,
  role: 'partner',
  organizationId: orgId,
  email: `rep@${orgId.slice(4, 8)}.example.fr`,
});

/** Monday 5 January 2026, 09:00 in Paris. */
const T0 = new Date('2026-01-05T08:00:00Z');
const at = (days: number, hours = 0) => new Date(T0.getTime() + days * 86_400_000 + hours * 3_600_000);

const h = (label: string) => sha256Hex(label);

const blockingFlag = { id: 'flag_1', ruleId: 'IEF-1', severity: 'critical' };
const highFlag = { id: 'flag_2', ruleId: 'EXP-2', severity: 'high' };
const mediumFlag = { id: 'flag_3', ruleId: 'COO-1', severity: 'medium' };
const iefHold = { flagId: 'flag_1', orgId: B };

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Every call goes through here: the input state is frozen (purity) and the output must survive JSON. */
function run(fn: (s: WorkflowState) => WorkflowResult, state: WorkflowState): WorkflowResult {
  const res = fn(deepFreeze(state));
  expect(JSON.parse(JSON.stringify(res.state))).toStrictEqual(res.state);
  return res;
}

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('Expected a DomainError, nothing was thrown');
}

function expect409(fn: () => unknown): ConflictError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(ConflictError);
  expect(e.status).toBe(409);
  return e as ConflictError;
}

const create = (config?: WorkflowConfigInput, partners: string[] = [...ORGS]) => createWorkflow(partners, config, T0).state;

const submit = (s: WorkflowState, orgId: string, hash: string, now = T0) => run((x) => recordSubmission(x, orgId, hash, now), s);

function submitAll(s: WorkflowState, version = 'v1', now = T0): WorkflowState {
  for (const o of s.partners) s = submit(s, o, h(`${o}:${version}`), now).state;
  return s;
}

function act(
  s: WorkflowState,
  stepId: string,
  actor: Principal,
  decision: Decision = 'approve',
  opts: { now?: Date; gates?: WorkflowGates; comment?: string; changesRequestedFrom?: string[] } = {},
): WorkflowResult {
  return run(
    (x) =>
      decide(x, {
        stepId,
        decision,
        comment: opts.comment ?? (decision === 'approve' ? '' : 'Merci de préciser les conditions d’exploitation.'),
        changesRequestedFrom: opts.changesRequestedFrom,
        actor,
        now: opts.now ?? T0,
        gates: opts.gates ?? NO_GATES,
      }),
    s,
  );
}

function approvePartners(s: WorkflowState, now = T0, orgs: readonly string[] = s.partners): WorkflowState {
  for (const o of orgs) s = act(s, partnerStepId(o), partner(o), 'approve', { now }).state;
  return s;
}

/** Declarations → committee stage (legal approved). */
function toCommittee(config?: WorkflowConfigInput): WorkflowState {
  let s = approvePartners(submitAll(create(config)));
  s = act(s, 'legal-review', legal).state;
  if (s.config.lawyerOpinion.enabled) s = act(s, 'lawyer-opinion', lawyer).state;
  return s;
}

const toAgreement = (config?: WorkflowConfigInput) => act(toCommittee(config), 'committee', committee).state;
const toSignatures = (config?: WorkflowConfigInput) =>
  run((x) => recordAgreementGenerated(x, { agreementId: 'agr_1', hash: h('pdf-1') }, T0), toAgreement(config)).state;

const ofType = <T extends WorkflowEffect['type']>(fx: WorkflowEffect[], type: T) =>
  fx.filter((e): e is Extract<WorkflowEffect, { type: T }> => e.type === type);

// ---------------------------------------------------------------------------------------------------------

describe('ipFileHash', () => {
  test('SHA-256 over the canonical JSON of the list sorted by organization', () => {
    const list = [
      { orgId: B, contentHash: h('b') },
      { orgId: A, contentHash: h('a') },
    ];
    const expected = sha256Hex(canonicalJson([list[1], list[0]]));
    expect(ipFileHash(list)).toBe(expected);
    expect(ipFileHash([...list].reverse())).toBe(expected);
    expect(
      ipFileHash([
        { orgId: A, contentHash: h('a') },
        { orgId: B, contentHash: h('b2') },
      ]),
    ).not.toBe(expected);
    expect(ipFileHash(list)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('createWorkflow', () => {
  test('starts at declarations with default SLAs and no lawyer step', () => {
    const { state, effects } = createWorkflow([...ORGS], undefined, T0);
    expect(state).toMatchObject({
      schemaVersion: 1,
      status: 'active',
      stage: 'declarations',
      partners: ORGS,
      ipFileHash: null,
      agreement: null,
      signatures: [],
    });
    expect(state.config).toEqual({ slaDays: DEFAULT_SLA_DAYS, lawyerOpinion: { enabled: false, lawyerEmail: null } });
    expect(DEFAULT_SLA_DAYS).toEqual({ partner: 10, legal: 5, lawyer: 10, committee: 15 });
    expect(state.steps.map((s) => s.stepId)).toEqual([...ORGS.map(partnerStepId), 'legal-review', 'committee']);
    expect(state.steps.every((s) => s.status === 'waiting')).toBe(true);
    expect(pendingSteps(state)).toEqual([]);
    expect(pendingDeclarations(state)).toEqual(ORGS);
    expect(effects).toEqual([{ type: 'workflow-created', partners: ORGS }]);
    expect(state.history).toEqual([expect.objectContaining({ seq: 1, action: 'created', at: T0.toISOString() })]);
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });

  test('takes SLA overrides and a lawyer (email lower-cased)', () => {
    const s = create({ slaDays: { committee: 20 }, lawyerOpinion: { enabled: true, lawyerEmail: 'Avocate@Cabinet.example.fr' } });
    expect(s.config).toEqual({
      slaDays: { ...DEFAULT_SLA_DAYS, committee: 20 },
      lawyerOpinion: { enabled: true, lawyerEmail: 'avocate@cabinet.example.fr' },
    });
    expect(s.steps.map((x) => x.stepId).slice(-3)).toEqual(['legal-review', 'lawyer-opinion', 'committee']);
    expect(findStep(s, 'lawyer-opinion')!.assignee).toEqual({ role: 'lawyer', orgId: null, email: 'avocate@cabinet.example.fr' });
  });

  test.each([
    ['no partners', [], undefined],
    ['a duplicate partner', [A, A], undefined],
    ['an unknown config key', [A], { slaDays: { partner: 3 }, colour: 'red' }],
    ['a zero SLA', [A], { slaDays: { partner: 0 } }],
    ['a lawyer without email', [A], { lawyerOpinion: { enabled: true } }],
  ])('refuses %s (400)', (_label, partners, config) => {
    const e = thrown(() => createWorkflow(partners as string[], config as WorkflowConfigInput, T0));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.status).toBe(400);
    expect(e.errors?.length).toBeGreaterThan(0);
  });
});

describe('recordSubmission', () => {
  test('stays at declarations until every partner has submitted', () => {
    let s = create();
    for (const o of [A, B, C]) {
      const res = submit(s, o, h(o));
      expect(res.effects).toEqual([{ type: 'submission-recorded', orgId: o, contentHash: h(o), ipFileHash: null }]);
      s = res.state;
    }
    expect(s.stage).toBe('declarations');
    expect(s.ipFileHash).toBeNull();
    expect(pendingDeclarations(s)).toEqual([D]);
  });

  test('the last submission opens one partner approval per partner, due in 10 days', () => {
    let s = create();
    for (const o of [A, B, C]) s = submit(s, o, h(o)).state;
    const res = submit(s, D, h(D), at(1));
    const hash = ipFileHash(ORGS.map((o) => ({ orgId: o, contentHash: h(o) })));
    expect(res.state.ipFileHash).toBe(hash);
    expect(res.state.stage).toBe('partner-approval');
    expect(res.effects).toContainEqual({ type: 'stage-changed', from: 'declarations', to: 'partner-approval' });
    const opened = ofType(res.effects, 'step-opened');
    expect(opened.map((e) => e.stepId)).toEqual(ORGS.map(partnerStepId));
    // Tuesday 6 Jan + 10 = Friday 16 Jan 2026.
    expect(opened.every((e) => e.dueDate === '2026-01-16' && e.ipFileHash === hash && e.kind === 'partner-approval')).toBe(true);
    expect(opened[1]!.assignee).toEqual({ role: 'partner', orgId: B, email: null });
    expect(ofType(res.effects, 'approvals-reopened')).toEqual([]);
    expect(pendingSteps(res.state)).toHaveLength(4);
    expect(pendingDeclarations(res.state)).toEqual([]);
  });

  test('re-submitting the same version changes nothing', () => {
    const s = submitAll(create());
    const res = submit(s, A, h(`${A}:v1`), at(2));
    expect(res.effects).toEqual([]);
    expect(res.state).toStrictEqual(s);
  });

  test('a new version after partner approvals re-opens ALL partner approvals with fresh due dates', () => {
    let s = approvePartners(submitAll(create()), T0, [A, B]);
    const oldHash = s.ipFileHash;
    const res = submit(s, C, h('C v2'), at(3));
    s = res.state;
    expect(s.stage).toBe('partner-approval');
    expect(s.ipFileHash).not.toBe(oldHash);
    expect(res.effects).toContainEqual({ type: 'approvals-reopened', orgIds: ORGS, ipFileHash: s.ipFileHash });
    // The still-open steps (C, D) were bound to the old file: closed and re-opened.
    expect(ofType(res.effects, 'step-closed').map((e) => e.stepId)).toEqual([partnerStepId(C), partnerStepId(D)]);
    expect(ofType(res.effects, 'step-opened')).toHaveLength(4);
    for (const o of ORGS) {
      const step = findStep(s, partnerStepId(o))!;
      expect(step).toMatchObject({ status: 'open', decision: null, openedFor: s.ipFileHash, dueDate: dueDate(at(3), 10) });
    }
    expect(s.history.some((e) => e.action === 'approvals-reopened')).toBe(true);
    // The earlier approvals stay in the history.
    expect(s.history.filter((e) => e.action === 'decision')).toHaveLength(2);
  });

  test('a new version after legal review started sends the workflow back to partner-approval', () => {
    const s = approvePartners(submitAll(create()));
    expect(s.stage).toBe('legal-review');
    const res = submit(s, B, h('B v2'), at(1));
    expect(res.state.stage).toBe('partner-approval');
    expect(res.effects).toContainEqual({ type: 'step-closed', stepId: 'legal-review', reason: 'superseded' });
    expect(res.effects).toContainEqual({ type: 'stage-changed', from: 'legal-review', to: 'partner-approval' });
    expect(ofType(res.effects, 'approvals-reopened')[0]!.orgIds).toEqual(ORGS);
    expect(findStep(res.state, 'legal-review')).toMatchObject({ status: 'waiting', decision: null, dueDate: null });
  });

  test('a new version at committee (with a lawyer opinion given) resets legal and lawyer decisions', () => {
    const s = toCommittee({ lawyerOpinion: { enabled: true, lawyerEmail: lawyer.email! } });
    expect(s.stage).toBe('committee');
    const res = submit(s, A, h('A v2'), at(2));
    expect(res.state.stage).toBe('partner-approval');
    for (const id of ['legal-review', 'lawyer-opinion', 'committee']) expect(findStep(res.state, id)).toMatchObject({ status: 'waiting', decision: null });
    expect(missingApprovals(res.state)).toEqual([...ORGS.map(partnerStepId), 'legal-review', 'lawyer-opinion', 'committee']);
  });

  test('a new version after the agreement was generated drops the agreement and its signatures', () => {
    let s = toSignatures();
    s = run((x) => recordSignature(x, A, T0), s).state;
    const res = submit(s, D, h('D v2'), at(5));
    expect(res.effects).toContainEqual({ type: 'agreement-invalidated', agreementId: 'agr_1', orgIds: [A, B, C, D], reason: null });
    expect(res.state).toMatchObject({ stage: 'partner-approval', agreement: null, signatures: [] });
  });

  test('a signed workflow is locked (409)', () => {
    let s = toSignatures();
    for (const o of ORGS) s = run((x) => recordSignature(x, o, T0), s).state;
    expect(s.status).toBe('signed');
    expect409(() => recordSubmission(s, A, h('late'), at(9)));
  });

  test("the history names who submitted (a partner's representative), and no one for a submission the start picked up", () => {
    const mine = recordSubmission(create(), A, h('a1'), T0, partner(A)).state.history.at(-1)!;
    expect(mine).toMatchObject({ action: 'submission-recorded', by: { sub: partner(A).sub, role: 'partner', org: A } });
    expect(recordSubmission(create(), A, h('a1'), T0).state.history.at(-1)!).toMatchObject({ action: 'submission-recorded', by: null });
  });

  test('unknown organization (404) and empty hash (400)', () => {
    const s = create();
    expect(thrown(() => recordSubmission(s, OUTSIDER, h('x'), T0))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => recordSubmission(s, A, '', T0))).toBeInstanceOf(ValidationError);
  });
});

describe('decide: partner approvals', () => {
  test('each partner approves its own step; the last one opens legal review (due in 5 days)', () => {
    let s = submitAll(create());
    for (const o of [A, B, C]) {
      const res = act(s, partnerStepId(o), partner(o), 'approve', { now: at(1), comment: '  OK  ' });
      expect(res.state.stage).toBe('partner-approval');
      const decided = ofType(res.effects, 'step-decided');
      expect(decided).toHaveLength(1);
      expect(decided[0]!.decision).toEqual({
        decision: 'approve',
        comment: 'OK',
        changesRequestedFrom: null,
        by: { sub: partner(o).sub, email: partner(o).email, role: 'partner', org: o },
        at: at(1).toISOString(),
        ipFileHash: s.ipFileHash,
      });
      s = res.state;
    }
    const res = act(s, partnerStepId(D), partner(D), 'approve', { now: at(2) });
    expect(res.state.stage).toBe('legal-review');
    expect(res.effects).toEqual([
      expect.objectContaining({ type: 'step-decided', stepId: partnerStepId(D) }),
      { type: 'stage-changed', from: 'partner-approval', to: 'legal-review' },
      {
        type: 'step-opened',
        stepId: 'legal-review',
        kind: 'legal-review',
        assignee: { role: 'legal', orgId: null, email: null },
        dueDate: '2026-01-12',
        ipFileHash: s.ipFileHash,
      },
    ]);
  });

  test('a partner may name its step "partner-approval"', () => {
    const s = submitAll(create());
    const res = act(s, 'partner-approval', partner(B));
    expect(findStep(res.state, partnerStepId(B))!.status).toBe('decided');
  });

  test("a partner may not decide another organization's step (403)", () => {
    const s = submitAll(create());
    const e = thrown(() => act(s, partnerStepId(A), partner(B)));
    expect(e).toBeInstanceOf(ForbiddenError);
    expect(e.status).toBe(403);
  });

  test('legal, committee and lawyer may not decide a partner step (403)', () => {
    const s = submitAll(create());
    for (const who of [legal, committee, lawyer]) expect(thrown(() => act(s, partnerStepId(A), who))).toBeInstanceOf(ForbiddenError);
    expect(thrown(() => act(s, 'partner-approval', legal))).toBeInstanceOf(ForbiddenError);
  });

  test('a partner token without organization decides nothing (403)', () => {
    const s = submitAll(create());
    expect(thrown(() => act(s, partnerStepId(A), { sub: 'x', role: 'partner' }))).toBeInstanceOf(ForbiddenError);
  });

  test('deciding twice on the same IP file is a conflict (409)', () => {
    const s = act(submitAll(create()), partnerStepId(A), partner(A)).state;
    expect409(() => act(s, partnerStepId(A), partner(A)));
    expect409(() => act(s, partnerStepId(A), partner(A), 'reject'));
  });

  test('a partner step before all declarations are in is not open (409)', () => {
    const s = submit(create(), A, h('a')).state;
    const e = expect409(() => act(s, partnerStepId(A), partner(A)));
    expect(e.message).toMatch(/declarations/);
  });

  test('a step of an organization outside the project does not exist (404)', () => {
    const s = submitAll(create());
    expect(thrown(() => act(s, partnerStepId(OUTSIDER), partner(OUTSIDER)))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => act(s, 'partner-approval', partner(OUTSIDER)))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => act(s, 'nonsense', legal))).toBeInstanceOf(NotFoundError);
  });
});

describe('decide: legal review, lawyer opinion, committee', () => {
  test('legal review approved → committee (no lawyer), due in 15 days', () => {
    const s = approvePartners(submitAll(create()));
    const res = act(s, 'legal-review', legal, 'approve', { now: at(1) });
    expect(res.state.stage).toBe('committee');
    // Tuesday 6 Jan + 15 = Wednesday 21 Jan.
    expect(ofType(res.effects, 'step-opened')).toEqual([
      expect.objectContaining({ stepId: 'committee', dueDate: '2026-01-21', assignee: { role: 'committee', orgId: null, email: null } }),
    ]);
  });

  test('only legal decides legal review (403) and only at its stage (409)', () => {
    const early = submitAll(create());
    expect409(() => act(early, 'legal-review', legal));
    const s = approvePartners(early);
    for (const who of [committee, lawyer, partner(A)]) expect(thrown(() => act(s, 'legal-review', who))).toBeInstanceOf(ForbiddenError);
  });

  test('committee decides only at its stage (409) and only the committee role (403)', () => {
    const s = approvePartners(submitAll(create()));
    expect409(() => act(s, 'committee', committee));
    const c = act(s, 'legal-review', legal).state;
    expect(thrown(() => act(c, 'committee', legal))).toBeInstanceOf(ForbiddenError);
    expect(act(c, 'committee', committee).state.stage).toBe('agreement');
  });

  test('lawyer opinion: only the assigned lawyer (case-insensitive email), then committee', () => {
    let s = approvePartners(submitAll(create({ lawyerOpinion: { enabled: true, lawyerEmail: 'avocate@cabinet.example.fr' } })));
    s = act(s, 'legal-review', legal, 'approve', { now: at(1) }).state;
    expect(s.stage).toBe('lawyer-opinion');
    expect(pendingSteps(s)).toEqual([expect.objectContaining({ stepId: 'lawyer-opinion', dueDate: '2026-01-16' })]);
    expect(thrown(() => act(s, 'lawyer-opinion', otherLawyer))).toBeInstanceOf(ForbiddenError);
    expect(thrown(() => act(s, 'lawyer-opinion', { sub: 'nomail', role: 'lawyer' }))).toBeInstanceOf(ForbiddenError);
    expect(thrown(() => act(s, 'lawyer-opinion', legal))).toBeInstanceOf(ForbiddenError);
    expect409(() => act(s, 'committee', committee));
    const res = act(s, 'lawyer-opinion', lawyer);
    expect(res.state.stage).toBe('committee');
    expect(findStep(res.state, 'lawyer-opinion')!.decision!.by.email).toBe('avocate@cabinet.example.fr');
  });

  test('the lawyer step does not exist when the opinion is off (404)', () => {
    const s = approvePartners(submitAll(create()));
    expect(thrown(() => act(s, 'lawyer-opinion', lawyer))).toBeInstanceOf(NotFoundError);
  });

  test('committee approval → agreement stage, all required approvals on the current hash', () => {
    const res = act(toCommittee(), 'committee', committee);
    expect(res.state.stage).toBe('agreement');
    expect(res.effects).toContainEqual({ type: 'stage-changed', from: 'committee', to: 'agreement' });
    expect(missingApprovals(res.state)).toEqual([]);
    expect(pendingSteps(res.state)).toEqual([]);
  });

  test('decisions after the committee approved are conflicts (409)', () => {
    const s = toAgreement();
    expect409(() => act(s, 'committee', committee));
    expect409(() => act(s, 'legal-review', legal));
    expect409(() => act(s, partnerStepId(A), partner(A)));
  });
});

describe('gates', () => {
  test('open high/critical flags block the legal-review approval with the flags in `extra`, until the list is empty', () => {
    const s = approvePartners(submitAll(create()));
    const gates = { openBlockingFlags: [blockingFlag, highFlag, mediumFlag], iefHolds: [] };
    const e = expect409(() => act(s, 'legal-review', legal, 'approve', { gates }));
    expect(e.extra).toEqual({ blockingFlags: [blockingFlag, highFlag], iefHolds: [] });
    expect(e.message).toMatch(/2 open high or critical/);
    // A waiver closes one: still blocked by the other.
    expect409(() => act(s, 'legal-review', legal, 'approve', { gates: { openBlockingFlags: [highFlag], iefHolds: [] } }));
    // Only a medium flag left: passes.
    const res = act(s, 'legal-review', legal, 'approve', { gates: { openBlockingFlags: [mediumFlag], iefHolds: [] } });
    expect(res.state.stage).toBe('committee');
  });

  test('flags do not block request-changes or reject, nor partner and lawyer approvals', () => {
    const gates = { openBlockingFlags: [blockingFlag], iefHolds: [iefHold] };
    let s = submitAll(create({ lawyerOpinion: { enabled: true, lawyerEmail: lawyer.email! } }));
    for (const o of ORGS) s = act(s, partnerStepId(o), partner(o), 'approve', { gates }).state;
    expect(act(s, 'legal-review', legal, 'request-changes', { gates, changesRequestedFrom: [A] }).state.stage).toBe('declarations');
    expect(act(s, 'legal-review', legal, 'reject', { gates }).state.status).toBe('rejected');
    s = act(s, 'legal-review', legal).state;
    expect(act(s, 'lawyer-opinion', lawyer, 'approve', { gates }).state.stage).toBe('committee');
  });

  test('an IEF hold blocks the committee (not legal review); flags block the committee too', () => {
    let s = approvePartners(submitAll(create()));
    s = act(s, 'legal-review', legal, 'approve', { gates: { openBlockingFlags: [], iefHolds: [iefHold] } }).state;
    expect(s.stage).toBe('committee');
    const e = expect409(() => act(s, 'committee', committee, 'approve', { gates: { openBlockingFlags: [], iefHolds: [iefHold] } }));
    expect(e.extra).toEqual({ blockingFlags: [], iefHolds: [iefHold] });
    expect(e.message).toMatch(/IEF/);
    const e2 = expect409(() => act(s, 'committee', committee, 'approve', { gates: { openBlockingFlags: [highFlag], iefHolds: [] } }));
    expect(e2.extra).toEqual({ blockingFlags: [highFlag], iefHolds: [] });
    expect(act(s, 'committee', committee, 'approve', { gates: NO_GATES }).state.stage).toBe('agreement');
  });

  test('a gate refusal changes nothing', () => {
    const s = toCommittee();
    const before = JSON.stringify(s);
    expect409(() => act(s, 'committee', committee, 'approve', { gates: { openBlockingFlags: [blockingFlag], iefHolds: [] } }));
    expect(JSON.stringify(s)).toBe(before);
    expect(pendingSteps(s)).toEqual([expect.objectContaining({ stepId: 'committee' })]);
  });
});

describe('request-changes', () => {
  test('validated: needs named project partners and a comment; only for request-changes (400)', () => {
    const s = approvePartners(submitAll(create()));
    const cases: [Decision, { comment?: string; changesRequestedFrom?: string[] }, string][] = [
      ['request-changes', {}, 'changesRequestedFrom'],
      ['request-changes', { changesRequestedFrom: [] }, 'changesRequestedFrom'],
      ['request-changes', { changesRequestedFrom: [OUTSIDER] }, 'changesRequestedFrom/0'],
      ['request-changes', { changesRequestedFrom: [A, A] }, 'changesRequestedFrom/1'],
      ['request-changes', { changesRequestedFrom: [A], comment: '   ' }, 'comment'],
      ['reject', { comment: '' }, 'comment'],
      ['approve', { changesRequestedFrom: [A] }, 'changesRequestedFrom'],
      ['approve', { comment: 'x'.repeat(5001) }, 'comment'],
    ];
    for (const [decision, opts, path] of cases) {
      const e = thrown(() => act(s, 'legal-review', legal, decision, opts));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.errors?.map((x) => x.path)).toContain(path);
    }
  });

  test('legal requests changes from B: B goes back to declarations, then re-approval on the new file', () => {
    let s = approvePartners(submitAll(create()));
    const res = act(s, 'legal-review', legal, 'request-changes', { changesRequestedFrom: [B], now: at(1) });
    s = res.state;
    expect(s).toMatchObject({ status: 'active', stage: 'declarations', ipFileHash: null });
    expect(s.declarations.find((d) => d.orgId === B)).toEqual({ orgId: B, contentHash: null, submittedAt: null });
    expect(res.effects).toContainEqual({ type: 'changes-requested', stepId: 'legal-review', orgIds: [B], by: expect.objectContaining({ role: 'legal' }) });
    expect(res.effects).toContainEqual({ type: 'stage-changed', from: 'legal-review', to: 'declarations' });
    expect(findStep(s, 'legal-review')!.decision).toMatchObject({ decision: 'request-changes', changesRequestedFrom: [B] });
    expect(pendingDeclarations(s)).toEqual([B]);
    expect(pendingSteps(s)).toEqual([]);
    // Nobody decides while the file is incomplete.
    expect409(() => act(s, partnerStepId(A), partner(A)));
    expect409(() => act(s, 'legal-review', legal));

    // B submits a new version: every partner approval re-opens (they were on the old file).
    const resub = submit(s, B, h('B v2'), at(2));
    s = resub.state;
    expect(s.stage).toBe('partner-approval');
    expect(ofType(resub.effects, 'approvals-reopened')[0]!.orgIds).toEqual(ORGS);
    expect(pendingSteps(s)).toHaveLength(4);
    s = approvePartners(s, at(3));
    expect(s.stage).toBe('legal-review');
    s = act(s, 'legal-review', legal, 'approve', { now: at(4) }).state;
    s = act(s, 'committee', committee, 'approve', { now: at(5) }).state;
    expect(s.stage).toBe('agreement');
    expect(missingApprovals(s)).toEqual([]);
  });

  test('resubmitting the identical version keeps the approvals bound to that file: legal review re-opens directly', () => {
    let s = approvePartners(submitAll(create()));
    const hash = s.ipFileHash;
    s = act(s, 'legal-review', legal, 'request-changes', { changesRequestedFrom: [B] }).state;
    const res = submit(s, B, h(`${B}:v1`), at(1));
    expect(res.state.ipFileHash).toBe(hash);
    expect(res.state.stage).toBe('legal-review');
    expect(ofType(res.effects, 'approvals-reopened')).toEqual([]);
    expect(ofType(res.effects, 'step-opened').map((e) => e.stepId)).toEqual(['legal-review']);
  });

  test('a partner requesting changes closes the other open partner steps', () => {
    const s = act(submitAll(create()), partnerStepId(A), partner(A)).state;
    const res = act(s, partnerStepId(B), partner(B), 'request-changes', { changesRequestedFrom: [C, D] });
    expect(res.state.stage).toBe('declarations');
    expect(ofType(res.effects, 'step-closed')).toEqual([
      { type: 'step-closed', stepId: partnerStepId(C), reason: 'changes-requested' },
      { type: 'step-closed', stepId: partnerStepId(D), reason: 'changes-requested' },
    ]);
    expect(pendingDeclarations(res.state)).toEqual([C, D]);
  });

  test('the committee may request changes too', () => {
    const res = act(toCommittee(), 'committee', committee, 'request-changes', { changesRequestedFrom: [A, D] });
    expect(res.state.stage).toBe('declarations');
    expect(pendingDeclarations(res.state)).toEqual([A, D]);
  });
});

describe('reject and reopen', () => {
  test('reject ends the workflow: open steps close, nothing can be decided', () => {
    const s0 = act(submitAll(create()), partnerStepId(A), partner(A)).state;
    const res = act(s0, partnerStepId(B), partner(B), 'reject', { comment: 'Conditions inacceptables' });
    const s = res.state;
    expect(s.status).toBe('rejected');
    expect(s.stage).toBe('partner-approval');
    expect(res.effects).toContainEqual({ type: 'workflow-rejected', stepId: partnerStepId(B), by: expect.objectContaining({ org: B }) });
    expect(ofType(res.effects, 'step-closed').map((e) => [e.stepId, e.reason])).toEqual([
      [partnerStepId(C), 'workflow-rejected'],
      [partnerStepId(D), 'workflow-rejected'],
    ]);
    expect(pendingSteps(s)).toEqual([]);
    expect(pendingDeclarations(s)).toEqual([]);
    expect409(() => act(s, partnerStepId(C), partner(C)));
    expect409(() => run((x) => recordAgreementGenerated(x, { agreementId: 'a', hash: 'b' }, T0), s));
  });

  test('only legal reopens (403), only a rejected workflow (409)', () => {
    const s = act(toCommittee(), 'committee', committee, 'reject', { comment: 'Non' }).state;
    for (const who of [committee, lawyer, partner(A)]) expect(thrown(() => reopen(s, who, T0))).toBeInstanceOf(ForbiddenError);
    expect409(() => reopen(toCommittee(), legal, T0));
  });

  test('reopen: approvals on the current file stand, the rejected step re-opens', () => {
    const s = act(toCommittee(), 'committee', committee, 'reject', { comment: 'Non' }).state;
    const res = run((x) => reopen(x, legal, at(2)), s);
    expect(res.state).toMatchObject({ status: 'active', stage: 'committee' });
    expect(res.effects[0]).toEqual({ type: 'workflow-reopened', by: expect.objectContaining({ role: 'legal' }) });
    expect(ofType(res.effects, 'step-opened')).toEqual([expect.objectContaining({ stepId: 'committee', dueDate: dueDate(at(2), 15) })]);
    expect(findStep(res.state, 'committee')!.decision).toBeNull();
    expect(act(res.state, 'committee', committee).state.stage).toBe('agreement');
  });

  test('a version submitted while rejected is recorded; reopen then re-opens every partner approval', () => {
    const s = act(toCommittee(), 'committee', committee, 'reject', { comment: 'Non' }).state;
    const sub = submit(s, C, h('C v2'), at(1));
    expect(sub.state.status).toBe('rejected');
    expect(ofType(sub.effects, 'step-opened')).toEqual([]);
    const res = run((x) => reopen(x, legal, at(2)), sub.state);
    expect(res.state.stage).toBe('partner-approval');
    expect(ofType(res.effects, 'approvals-reopened')[0]!.orgIds).toEqual(ORGS);
    expect(missingApprovals(res.state)).toHaveLength(6);
  });
});

describe('every decision at every decision stage', () => {
  const withLawyer = { lawyerOpinion: { enabled: true, lawyerEmail: 'avocate@cabinet.example.fr' } };
  /** A state at `stage` (with the lawyer opinion on) and the assignee of its step. */
  function at_(stage: 'partner-approval' | 'legal-review' | 'lawyer-opinion' | 'committee'): [WorkflowState, string, Principal] {
    let s = submitAll(create(withLawyer));
    if (stage === 'partner-approval') return [s, partnerStepId(C), partner(C)];
    s = approvePartners(s);
    if (stage === 'legal-review') return [s, 'legal-review', legal];
    s = act(s, 'legal-review', legal).state;
    if (stage === 'lawyer-opinion') return [s, 'lawyer-opinion', lawyer];
    return [act(s, 'lawyer-opinion', lawyer).state, 'committee', committee];
  }
  const stages = ['partner-approval', 'legal-review', 'lawyer-opinion', 'committee'] as const;

  test.each(stages)('%s: request-changes → declarations', (stage) => {
    const [s, stepId, who] = at_(stage);
    const res = act(s, stepId, who, 'request-changes', { changesRequestedFrom: [A] });
    expect(res.state).toMatchObject({ status: 'active', stage: 'declarations', ipFileHash: null });
    expect(pendingDeclarations(res.state)).toEqual([A]);
    expect(pendingSteps(res.state)).toEqual([]);
  });

  test.each(stages)('%s: reject → rejected at that stage', (stage) => {
    const [s, stepId, who] = at_(stage);
    const res = act(s, stepId, who, 'reject', { comment: 'Non' });
    expect(res.state).toMatchObject({ status: 'rejected', stage });
    expect(pendingSteps(res.state)).toEqual([]);
    expect409(() => act(res.state, stepId, who));
  });

  test.each(stages)('%s: a new submitted version → partner-approval, every partner step open', (stage) => {
    const [s] = at_(stage);
    const res = submit(s, D, h('D v9'), at(1));
    expect(res.state.stage).toBe('partner-approval');
    expect(pendingSteps(res.state).map((p) => p.stepId)).toEqual(ORGS.map(partnerStepId));
    expect(missingApprovals(res.state)).toHaveLength(7);
  });
});

describe('setLawyerOpinion', () => {
  test('legal only (403); enabled needs an email (400)', () => {
    const s = create();
    expect(thrown(() => setLawyerOpinion(s, { enabled: true, lawyerEmail: 'a@b.fr' }, committee, T0))).toBeInstanceOf(ForbiddenError);
    expect(thrown(() => setLawyerOpinion(s, { enabled: true }, legal, T0))).toBeInstanceOf(ValidationError);
    expect(thrown(() => setLawyerOpinion(s, { enabled: true, lawyerEmail: 'not-an-email' }, legal, T0))).toBeInstanceOf(ValidationError);
  });

  test('enabled early: the lawyer step comes after legal review', () => {
    let s = submitAll(create());
    const res = run((x) => setLawyerOpinion(x, { enabled: true, lawyerEmail: lawyer.email! }, legal, T0), s);
    expect(res.effects).toEqual([
      expect.objectContaining({
        type: 'config-changed',
        config: expect.objectContaining({ lawyerOpinion: { enabled: true, lawyerEmail: 'avocate@cabinet.example.fr' } }),
      }),
    ]);
    s = act(approvePartners(res.state), 'legal-review', legal).state;
    expect(s.stage).toBe('lawyer-opinion');
  });

  test('enabled while the committee step is open: back to the lawyer first', () => {
    const s = toCommittee();
    const res = run((x) => setLawyerOpinion(x, { enabled: true, lawyerEmail: lawyer.email! }, legal, at(1)), s);
    expect(res.state.stage).toBe('lawyer-opinion');
    expect(res.effects).toContainEqual({ type: 'step-closed', stepId: 'committee', reason: 'superseded' });
    expect(ofType(res.effects, 'step-opened')).toEqual([
      expect.objectContaining({ stepId: 'lawyer-opinion', assignee: { role: 'lawyer', orgId: null, email: 'avocate@cabinet.example.fr' } }),
    ]);
  });

  test('disabled while the lawyer step is open: on to the committee', () => {
    let s = approvePartners(submitAll(create({ lawyerOpinion: { enabled: true, lawyerEmail: lawyer.email! } })));
    s = act(s, 'legal-review', legal).state;
    const res = run((x) => setLawyerOpinion(x, { enabled: false }, legal, at(1)), s);
    expect(res.state.stage).toBe('committee');
    expect(res.effects).toContainEqual({ type: 'step-closed', stepId: 'lawyer-opinion', reason: 'cancelled' });
    expect(findStep(res.state, 'lawyer-opinion')).toBeUndefined();
    expect(res.state.config.lawyerOpinion).toEqual({ enabled: false, lawyerEmail: null });
  });

  test('another lawyer: the step re-opens for the new lawyer; the former one may no longer decide', () => {
    let s = approvePartners(submitAll(create({ lawyerOpinion: { enabled: true, lawyerEmail: lawyer.email! } })));
    s = act(s, 'legal-review', legal).state;
    const res = run((x) => setLawyerOpinion(x, { enabled: true, lawyerEmail: otherLawyer.email! }, legal, at(1)), s);
    expect(res.effects).toContainEqual({ type: 'step-closed', stepId: 'lawyer-opinion', reason: 'reassigned' });
    expect(ofType(res.effects, 'step-opened')[0]!.assignee.email).toBe(otherLawyer.email);
    expect(thrown(() => act(res.state, 'lawyer-opinion', lawyer))).toBeInstanceOf(ForbiddenError);
    expect(act(res.state, 'lawyer-opinion', otherLawyer).state.stage).toBe('committee');
  });

  test('after committee approval: 409, except an unchanged setting (no-op)', () => {
    const s = toAgreement();
    expect409(() => setLawyerOpinion(s, { enabled: true, lawyerEmail: lawyer.email! }, legal, T0));
    expect(run((x) => setLawyerOpinion(x, { enabled: false }, legal, T0), s).effects).toEqual([]);
  });
});

describe('setSla', () => {
  test('legal only (403); values are whole days 1..365 (400)', () => {
    const s = create();
    expect(thrown(() => setSla(s, { partner: 3 }, partner(A), T0))).toBeInstanceOf(ForbiddenError);
    for (const bad of [{ partner: 0 }, { legal: 1.5 }, { committee: 366 }, { other: 3 }]) {
      expect(thrown(() => setSla(s, bad as never, legal, T0))).toBeInstanceOf(ValidationError);
    }
  });

  test('open steps get their due date recomputed from when they opened; new steps use the new value', () => {
    let s = act(submitAll(create()), partnerStepId(A), partner(A)).state;
    const res = run((x) => setSla(x, { partner: 3, legal: 2 }, legal, at(1)), s);
    expect(res.state.config.slaDays).toEqual({ ...DEFAULT_SLA_DAYS, partner: 3, legal: 2 });
    // Opened Monday 5 Jan + 3 = Thursday 8 Jan, for B, C, D (A has decided).
    expect(ofType(res.effects, 'due-date-changed')).toEqual(
      [B, C, D].map((o) => ({ type: 'due-date-changed', stepId: partnerStepId(o), dueDate: '2026-01-08' })),
    );
    expect(res.effects[0]).toMatchObject({ type: 'config-changed' });
    s = approvePartners(res.state, at(2), [B, C, D]);
    // Wednesday 7 Jan + 2 = Friday 9 Jan.
    expect(findStep(s, 'legal-review')!.dueDate).toBe('2026-01-09');
  });

  test('unchanged values are a no-op; a signed workflow is locked', () => {
    expect(run((x) => setSla(x, { partner: 10 }, legal, T0), create()).effects).toEqual([]);
    let s = toSignatures();
    for (const o of ORGS) s = recordSignature(s, o, T0).state;
    expect409(() => setSla(s, { partner: 4 }, legal, T0));
  });
});

describe('agreement and signatures', () => {
  test('an agreement before committee approval is a conflict (409)', () => {
    expect409(() => recordAgreementGenerated(toCommittee(), { agreementId: 'agr_1', hash: h('pdf') }, T0));
  });

  test('agreement → signatures; regenerating replaces it and clears signatures', () => {
    const res = run((x) => recordAgreementGenerated(x, { agreementId: 'agr_1', hash: h('pdf-1') }, at(1)), toAgreement());
    expect(res.state.stage).toBe('signatures');
    expect(res.state.agreement).toEqual({ agreementId: 'agr_1', hash: h('pdf-1'), generatedAt: at(1).toISOString(), ipFileHash: res.state.ipFileHash });
    expect(res.effects).toEqual([
      { type: 'agreement-recorded', agreementId: 'agr_1', hash: h('pdf-1'), replaced: null, orgIds: [A, B, C, D] },
      { type: 'stage-changed', from: 'agreement', to: 'signatures' },
    ]);
    const signed = run((x) => recordSignature(x, A, at(2)), res.state).state;
    const again = run((x) => recordAgreementGenerated(x, { agreementId: 'agr_2', hash: h('pdf-en') }, at(3)), signed);
    expect(again.effects).toEqual([{ type: 'agreement-recorded', agreementId: 'agr_2', hash: h('pdf-en'), replaced: 'agr_1', orgIds: [A, B, C, D] }]);
    expect(again.state.signatures).toEqual([]);
    expect(thrown(() => recordAgreementGenerated(toAgreement(), { agreementId: '', hash: '' }, T0))).toBeInstanceOf(ValidationError);
  });

  test('signatures: before the agreement 409, outsider 404, twice 409, wrong agreement 409', () => {
    expect409(() => recordSignature(toAgreement(), A, T0));
    const s = toSignatures();
    expect(thrown(() => recordSignature(s, OUTSIDER, T0))).toBeInstanceOf(NotFoundError);
    expect409(() => recordSignature(s, A, T0, { agreementId: 'agr_old' }));
    const one = run((x) => recordSignature(x, A, T0, { agreementId: 'agr_1' }), s).state;
    expect409(() => recordSignature(one, A, T0));
  });

  test('the last signature locks the workflow as signed', () => {
    let s = toSignatures();
    for (const o of [A, B, C]) {
      const res = run((x) => recordSignature(x, o, at(1)), s);
      expect(res.effects).toEqual([{ type: 'signature-recorded', orgId: o, agreementId: 'agr_1' }]);
      s = res.state;
    }
    const res = run((x) => recordSignature(x, D, at(2)), s);
    expect(res.state).toMatchObject({ status: 'signed', stage: 'signed' });
    expect(res.effects).toEqual([
      { type: 'signature-recorded', orgId: D, agreementId: 'agr_1' },
      { type: 'stage-changed', from: 'signatures', to: 'signed' },
      { type: 'workflow-signed', ipFileHash: s.ipFileHash, agreementId: 'agr_1', orgIds: [A, B, C, D] },
    ]);
    expect(missingApprovals(res.state)).toEqual([]);
    expect409(() => act(res.state, 'committee', committee));
    expect409(() => reopen(res.state, legal, T0));
    expect409(() => recordAgreementGenerated(res.state, { agreementId: 'x', hash: 'y' }, T0));
  });
});

describe('reopening before every signature is in', () => {
  const signedBy = (orgs: string[]) => orgs.reduce((s, o) => run((x) => recordSignature(x, o, at(1)), s).state, toSignatures());

  test('without a reason: 400 at reason; by anyone but legal staff: 403', () => {
    const s = signedBy([A]);
    const e = thrown(() => reopen(s, legal, at(2)));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).errors!.map((x) => x.path)).toEqual(['reason']);
    expect(thrown(() => reopen(s, partner(A), at(2), { reason: 'x' }))).toBeInstanceOf(ForbiddenError);
  });

  test('the pending agreement is invalidated (partners told why), signatures dropped, the committee decides again', () => {
    const res = run((x) => reopen(x, legal, at(2), { reason: 'Erreur de quote-part' }), signedBy([A, B]));
    expect(ofType(res.effects, 'agreement-invalidated')).toEqual([
      { type: 'agreement-invalidated', agreementId: 'agr_1', orgIds: [A, B, C, D], reason: 'Erreur de quote-part' },
    ]);
    expect(res.state).toMatchObject({ status: 'active', stage: 'committee', agreement: null, signatures: [] });
    expect(ofType(res.effects, 'step-opened').map((e) => e.stepId)).toEqual(['committee']);
    expect(res.state.history.at(-1)!.action).toBe('stage-changed');
    expect(res.state.history.find((h) => h.action === 'workflow-reopened')!.detail).toEqual({ reason: 'Erreur de quote-part', changesRequestedFrom: null });
    expect(act(res.state, 'committee', committee).state.stage).toBe('agreement');
  });

  test('with changesRequestedFrom: those declarations go back; unknown or repeated partners are 400 with their index', () => {
    const res = run((x) => reopen(x, legal, at(2), { reason: 'Revoir', changesRequestedFrom: [C] }), toAgreement());
    expect(res.state).toMatchObject({ stage: 'declarations', ipFileHash: null });
    expect(ofType(res.effects, 'changes-requested')).toEqual([expect.objectContaining({ orgIds: [C] })]);
    expect(ofType(res.effects, 'agreement-invalidated')).toEqual([]);
    const e = thrown(() => reopen(toSignatures(), legal, at(2), { reason: 'x', changesRequestedFrom: [OUTSIDER, A, A] })) as ValidationError;
    expect(e.errors!.map((x) => x.path)).toEqual(['changesRequestedFrom/0', 'changesRequestedFrom/2']);
  });

  test('after the last signature: 409; changes requested on a rejected workflow: 400', () => {
    expect409(() => reopen(signedBy([A, B, C, D]), legal, at(2), { reason: 'trop tard' }));
    const rejected = act(toCommittee(), 'committee', committee, 'reject', { comment: 'Non' }).state;
    expect(thrown(() => reopen(rejected, legal, at(2), { changesRequestedFrom: [A] }))).toBeInstanceOf(ValidationError);
    const history = run((x) => reopen(x, legal, at(2), { reason: 'Nouvel examen' }), rejected).state.history;
    expect(history.find((h) => h.action === 'workflow-reopened')!.detail).toEqual({ reason: 'Nouvel examen' });
  });
});

describe('pending steps (tasks)', () => {
  test('sorted by due date; each person sees their own', () => {
    let s = submitAll(create());
    // Equal due dates: by step id.
    expect(pendingSteps(s).map((p) => p.stepId)).toEqual(ORGS.map(partnerStepId).sort());
    expect(pendingStepsFor(s, partner(C))).toEqual([
      {
        stepId: partnerStepId(C),
        kind: 'partner-approval',
        assignee: { role: 'partner', orgId: C, email: null },
        openedAt: T0.toISOString(),
        dueDate: '2026-01-15',
        ipFileHash: s.ipFileHash,
      },
    ]);
    expect(pendingStepsFor(s, legal)).toEqual([]);
    s = approvePartners(s);
    expect(pendingStepsFor(s, legal).map((p) => p.stepId)).toEqual(['legal-review']);
    expect(pendingStepsFor(s, partner(A))).toEqual([]);
    expect(pendingStepsFor(s, committee)).toEqual([]);
  });

  test('lawyer tasks match the email case-insensitively', () => {
    let s = approvePartners(submitAll(create({ lawyerOpinion: { enabled: true, lawyerEmail: 'AVOCATE@cabinet.example.fr' } })));
    s = act(s, 'legal-review', legal).state;
    expect(pendingStepsFor(s, lawyer).map((p) => p.stepId)).toEqual(['lawyer-opinion']);
    expect(pendingStepsFor(s, otherLawyer)).toEqual([]);
  });

  test('different due dates sort ascending', () => {
    // Within one workflow only partner steps are open together and they share a due date; a stored state
    // may still carry different ones (e.g. written by an older SLA rule), so the sort is by date first.
    const s = structuredClone(submitAll(create()));
    s.steps[0]!.dueDate = '2026-01-20';
    s.steps[3]!.dueDate = '2026-01-10';
    expect(pendingSteps(s).map((p) => p.stepId)).toEqual([partnerStepId(D), partnerStepId(B), partnerStepId(C), partnerStepId(A)]);
  });
});

describe('a full path with four partners', () => {
  test('declarations → … → signed, with history and JSON round trip at every step', () => {
    let s = createWorkflow([...ORGS], { lawyerOpinion: { enabled: true, lawyerEmail: lawyer.email! } }, T0).state;
    const all: WorkflowEffect[] = [];
    const step = (fn: (x: WorkflowState) => WorkflowResult) => {
      const res = run(fn, s);
      all.push(...res.effects);
      s = res.state;
    };
    ORGS.forEach((o, i) => step((x) => recordSubmission(x, o, h(`${o}:final`), at(i))));
    expect(s.stage).toBe('partner-approval');
    const finalHash = s.ipFileHash;
    ORGS.forEach((o, i) =>
      step((x) => decide(x, { stepId: partnerStepId(o), decision: 'approve', comment: 'Bon pour accord', actor: partner(o), now: at(4 + i), gates: NO_GATES })),
    );
    expect(s.stage).toBe('legal-review');
    step((x) => decide(x, { stepId: 'legal-review', decision: 'approve', comment: 'RAS', actor: legal, now: at(9), gates: NO_GATES }));
    expect(s.stage).toBe('lawyer-opinion');
    step((x) => decide(x, { stepId: 'lawyer-opinion', decision: 'approve', comment: 'Avis favorable', actor: lawyer, now: at(12), gates: NO_GATES }));
    expect(s.stage).toBe('committee');
    step((x) => decide(x, { stepId: 'committee', decision: 'approve', comment: 'Accord du comité', actor: committee, now: at(20), gates: NO_GATES }));
    expect(s.stage).toBe('agreement');
    step((x) => recordAgreementGenerated(x, { agreementId: 'agr_final', hash: h('pdf') }, at(21)));
    ORGS.forEach((o, i) => step((x) => recordSignature(x, o, at(22 + i))));
    expect(s).toMatchObject({ status: 'signed', stage: 'signed', ipFileHash: finalHash });

    for (const id of [...ORGS.map(partnerStepId), 'legal-review', 'lawyer-opinion', 'committee']) {
      expect(findStep(s, id)!.decision).toMatchObject({ decision: 'approve', ipFileHash: finalHash });
    }
    expect(s.history.filter((e) => e.action === 'stage-changed').map((e) => e.detail!['to'])).toEqual([
      'partner-approval',
      'legal-review',
      'lawyer-opinion',
      'committee',
      'agreement',
      'signatures',
      'signed',
    ]);
    expect(s.history.map((e) => e.seq)).toEqual(s.history.map((_, i) => i + 1));
    expect(ofType(all, 'step-opened')).toHaveLength(7);
    expect(ofType(all, 'step-decided')).toHaveLength(7);
    expect(ofType(all, 'approvals-reopened')).toHaveLength(0);
    // The due dates offered for each step.
    expect(ofType(all, 'step-opened').map((e) => [e.stepId, e.dueDate])).toEqual([
      ...ORGS.map((o) => [partnerStepId(o), dueDate(at(3), 10)]),
      ['legal-review', dueDate(at(7), 5)],
      ['lawyer-opinion', dueDate(at(9), 10)],
      ['committee', dueDate(at(12), 15)],
    ]);
  });
});

describe('decisionRequestSchema', () => {
  test.each([
    [{ decision: 'approve', comment: '' }],
    [{ decision: 'approve' }],
    [{ decision: 'approve', comment: '   ' }],
    [{ decision: 'approve', comment: 'Bon pour accord' }],
    [{ decision: 'reject', comment: 'Non conforme' }],
    [{ decision: 'request-changes', comment: 'Préciser', changesRequestedFrom: [A, B] }],
  ])('accepts %j', (body) => {
    expect(decisionRequestSchema.safeParse(body).success).toBe(true);
  });

  test.each([
    [{ decision: 'maybe', comment: '' }, 'decision'],
    [{ decision: 'reject' }, 'comment'],
    [{ decision: 'reject', comment: '' }, 'comment'],
    [{ decision: 'request-changes', changesRequestedFrom: [A] }, 'comment'],
    [{ decision: 'reject', comment: '  ' }, 'comment'],
    [{ decision: 'request-changes', comment: 'x' }, 'changesRequestedFrom'],
    [{ decision: 'request-changes', comment: 'x', changesRequestedFrom: [] }, 'changesRequestedFrom'],
    [{ decision: 'request-changes', comment: 'x', changesRequestedFrom: ['acme'] }, 'changesRequestedFrom'],
    [{ decision: 'request-changes', comment: 'x', changesRequestedFrom: [A, A] }, 'changesRequestedFrom'],
    [{ decision: 'approve', comment: '', changesRequestedFrom: [A] }, 'changesRequestedFrom'],
    [{ decision: 'approve', comment: 'x'.repeat(5001) }, 'comment'],
    [{ decision: 'approve', comment: '', by: 'me' }, ''],
  ])('refuses %j', (body, path) => {
    const r = decisionRequestSchema.safeParse(body);
    expect(r.success).toBe(false);
    if (path) expect(r.error!.issues.some((i) => i.path[0] === path)).toBe(true);
  });

  test('config schema is strict and bounded', () => {
    expect(workflowConfigInputSchema.safeParse({ slaDays: { partner: 5 } }).success).toBe(true);
    expect(workflowConfigInputSchema.safeParse({ slaDays: { partner: 5, extra: 1 } }).success).toBe(false);
    expect(workflowConfigInputSchema.safeParse({ lawyerOpinion: { enabled: false } }).success).toBe(true);
    expect(workflowConfigInputSchema.safeParse({ lawyerOpinion: { enabled: true, lawyerEmail: null } }).success).toBe(false);
  });
});
