import type { ControlEvent } from '../../shared/domain/control-event';
import type { DeclarationDraft } from '../../shared/domain/declaration';
import type { DomainError } from '../../shared/domain/errors';
import { ConflictError, ForbiddenError, ValidationError } from '../../shared/domain/errors';
import { evaluateProject } from '../../shared/domain/risk/engine';
import {
  activeIefHolds,
  assertNoDeclarationHoldViolations,
  assertNoHold,
  blockingFlags,
  declarationHoldViolations,
  workflowGates,
} from '../../shared/domain/risk/holds';
import {
  applyAction,
  applyReconcile,
  createManualFlag,
  filterFlags,
  FLAG_ACTIONS,
  FLAG_STATUSES,
  flagActionBodySchema,
  flagActionsFor,
  flagFilterSchema,
  flagIdFor,
  manualFlagBodySchema,
  reconcile,
  type Flag,
  type FlagActor,
} from '../../shared/domain/risk/lifecycle';
import type { Finding, RiskInput, RiskOrganization } from '../../shared/domain/risk/types';

// ---------------------------------------------------------------------------------------------------------
// Fixtures: the demo AI start-up, a planned acquisition at 30 % by a US investor

const oid = (n: number) => `org_${n.toString(16).padStart(32, '0')}`;
const START_UP = oid(1);
const LAB = oid(2);
const OTHER = oid(3);
const EVENT_ID = `cev_${'a'.repeat(32)}`;

const legal: FlagActor = { sub: 'u-legal', role: 'legal', email: 'juriste@pole.example.fr' };
const committee: FlagActor = { sub: 'u-committee', role: 'committee' };
const T0 = new Date('2026-01-05T08:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * 86_400_000);

const orgs: RiskOrganization[] = [
  { id: START_UP, legalName: 'Neurone SAS', country: 'FR', listed: false, zrr: false, shareholders: [] },
  { id: LAB, legalName: 'Laboratoire Quantique', country: 'FR', zrr: true, shareholders: [] },
  { id: OTHER, legalName: 'Grenoble Capteurs', country: 'FR', shareholders: [] },
];

function acquisition(over: Partial<ControlEvent> = {}): ControlEvent {
  return {
    id: EVENT_ID,
    organizationId: START_UP,
    recordedAt: T0.toISOString(),
    recordedBy: 'u-legal',
    kind: 'shareholding-change',
    status: 'planned',
    investor: { name: 'Silicon Valley Ventures', country: 'US' },
    votingRightsAfterPct: 30,
    effectiveDate: '2026-03-01',
    ...over,
  };
}

function input(events: ControlEvent[], declarations: RiskInput['declarations'] = []): RiskInput {
  return {
    project: { id: 'prj_1', technologyDomains: ['artificial-intelligence'] },
    memberships: [
      { organizationId: START_UP, role: 'coordinator' },
      { organizationId: LAB, role: 'partner' },
      { organizationId: OTHER, role: 'partner' },
    ],
    organizations: Object.fromEntries(orgs.map((o) => [o.id, o])),
    declarations,
    controlEvents: events,
    now: T0,
  };
}
const findingsFor = (events: ControlEvent[]) => evaluateProject(input(events));

/** One reconcile applied to the store. */
function step(existing: Flag[], findings: Finding[], now: Date) {
  const r = reconcile(existing, findings, now, { scope: 'prj_1' });
  return { r, flags: applyReconcile(existing, r) };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function expectError<E extends DomainError>(fn: () => unknown, type: new (...a: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected ${type.name}`);
}

const iefFlag = (flags: Flag[]) => flags.find((f) => f.ruleId === 'IEF-ACQUISITION')!;

// ---------------------------------------------------------------------------------------------------------

describe('reconcile', () => {
  it('creates one open flag per finding, with a deterministic id, and a second pass changes nothing', () => {
    const findings = findingsFor([acquisition()]);
    const { r, flags } = step([], findings, T0);
    expect(r.created).toHaveLength(findings.length);
    expect(r.upserts).toHaveLength(findings.length);
    expect(r.closed).toEqual([]);
    const f = iefFlag(flags);
    expect(f.status).toBe('open');
    expect(f.id).toBe(flagIdFor(f.fingerprint, 'prj_1'));
    expect(f.id).toMatch(/^flg_[0-9a-f]{32}$/);
    expect(f.holds).toEqual({ kind: 'ief', organizationId: START_UP });
    expect(f.history).toEqual([{ at: T0.toISOString(), action: 'created', from: null, to: 'open' }]);
    expect(f.manual).toBe(false);
    expect(f.title.fr).toBeTruthy();

    const again = reconcile(flags, findings, at(1));
    expect(again).toEqual({ upserts: [], created: [], closed: [], reopened: [] });
  });

  it('updates the same flag when the evidence changes (no twin) and records it', () => {
    const { flags } = step([], findingsFor([acquisition()]), T0);
    const { r, flags: after } = step(flags, findingsFor([acquisition({ votingRightsAfterPct: 35 })]), at(1));
    expect(r.created).toEqual([]);
    expect(r.upserts).toHaveLength(1);
    expect(after.filter((f) => f.ruleId === 'IEF-ACQUISITION')).toHaveLength(1);
    const f = iefFlag(after);
    expect(f.id).toBe(iefFlag(flags).id);
    expect(f.status).toBe('open');
    expect(f.evidenceHash).not.toBe(iefFlag(flags).evidenceHash);
    expect(f.history.at(-1)).toMatchObject({ action: 'updated', from: 'open', to: 'open' });
  });

  it('closes a flag whose condition disappeared and reopens it when the condition returns, keeping its history', () => {
    const { flags } = step([], findingsFor([acquisition()]), T0);
    const { r: r1, flags: gone } = step(flags, findingsFor([]), at(1));
    expect(r1.closed.map((f) => f.ruleId)).toEqual(['IEF-ACQUISITION']);
    expect(iefFlag(gone).status).toBe('closed');
    expect(iefFlag(gone).history.at(-1)).toMatchObject({ action: 'auto-closed', from: 'open', to: 'closed' });
    // Closing is idempotent.
    expect(reconcile(gone, findingsFor([]), at(2)).upserts).toEqual([]);

    const { r: r2, flags: back } = step(gone, findingsFor([acquisition()]), at(3));
    expect(r2.created).toEqual([]);
    expect(r2.reopened.map((f) => f.id)).toEqual([iefFlag(flags).id]);
    const f = iefFlag(back);
    expect(f.status).toBe('open');
    expect(f.history.map((h) => h.action)).toEqual(['created', 'auto-closed', 'auto-reopened']);
  });

  it('a waived flag stays waived while its evidence is unchanged, and reopens when the evidence changes', () => {
    const { flags } = step([], findingsFor([acquisition()]), T0);
    const waived = applyAction(iefFlag(flags), {
      action: 'waive',
      justification: 'Investisseur connu, accord du comité du 3 janvier.',
      actor: legal,
      now: at(1),
    });
    expect(waived.status).toBe('waived');
    expect(waived.waiver).toEqual({
      justification: 'Investisseur connu, accord du comité du 3 janvier.',
      by: 'u-legal',
      at: at(1).toISOString(),
      evidenceHash: waived.evidenceHash,
    });
    const store = flags.map((f) => (f.id === waived.id ? waived : f));

    // Same evidence: nothing to write, still waived.
    expect(reconcile(store, findingsFor([acquisition()]), at(2)).upserts).toEqual([]);

    // New evidence: reopened, waiver dropped, history kept.
    const { r, flags: after } = step(store, findingsFor([acquisition({ votingRightsAfterPct: 40 })]), at(3));
    expect(r.reopened.map((f) => f.id)).toEqual([waived.id]);
    const f = iefFlag(after);
    expect(f.status).toBe('open');
    expect(f.waiver).toBeUndefined();
    expect(f.history.map((h) => h.action)).toEqual(['created', 'waive', 'auto-reopened']);
    expect(f.history[1]!.note).toBe('Investisseur connu, accord du comité du 3 janvier.');
  });

  it('a waived flag keeps its status when only the wording or severity changes', () => {
    const { flags } = step([], findingsFor([acquisition()]), T0);
    const waived = applyAction(iefFlag(flags), { action: 'waive', justification: 'x'.repeat(25), actor: legal, now: at(1) });
    const reworded = findingsFor([acquisition()]).map((f) =>
      f.ruleId === 'IEF-ACQUISITION' ? { ...f, ruleVersion: 2, explanation: { fr: 'Nouveau texte', en: 'New text' } } : f,
    );
    const { r, flags: after } = step(
      flags.map((f) => (f.id === waived.id ? waived : f)),
      reworded,
      at(2),
    );
    expect(r.upserts).toHaveLength(1);
    expect(r.reopened).toEqual([]);
    expect(iefFlag(after).status).toBe('waived');
    expect(iefFlag(after).ruleVersion).toBe(2);
  });

  it('a mitigated flag behaves like a waived one; an acknowledged flag stays acknowledged on new evidence', () => {
    const { flags } = step([], findingsFor([acquisition()]), T0);
    const mitigated = applyAction(iefFlag(flags), { action: 'mitigate', note: 'Clause de changement de contrôle ajoutée.', actor: committee, now: at(1) });
    const store = flags.map((f) => (f.id === mitigated.id ? mitigated : f));
    expect(reconcile(store, findingsFor([acquisition()]), at(2)).upserts).toEqual([]);
    expect(reconcile(store, findingsFor([acquisition({ votingRightsAfterPct: 45 })]), at(2)).reopened).toHaveLength(1);

    const acked = applyAction(iefFlag(flags), { action: 'acknowledge', actor: committee, now: at(1) });
    const { flags: after } = step(
      flags.map((f) => (f.id === acked.id ? acked : f)),
      findingsFor([acquisition({ votingRightsAfterPct: 45 })]),
      at(2),
    );
    expect(iefFlag(after).status).toBe('acknowledged');
  });

  it('never auto-closes a manual flag, and never touches its inputs', () => {
    const manual = createManualFlag(
      manualFlagBodySchema.parse({
        title: 'Rachat annoncé dans la presse',
        severity: 'high',
        explanation: 'Article des Échos du 4 janvier.',
        subject: { organizationId: START_UP },
      }),
      { actor: legal, now: T0, id: `flg_${'1'.repeat(32)}` },
    );
    const existing = deepFreeze([manual]);
    const findings = deepFreeze(findingsFor([acquisition()]));
    const { r, flags } = step(existing as Flag[], findings as Finding[], at(1));
    expect(r.closed).toEqual([]);
    expect(flags.find((f) => f.id === manual.id)).toEqual(manual);
    expect(reconcile(flags, [], at(2)).closed.map((f) => f.manual)).not.toContain(true);
  });

  it('uses the caller id function for new flags when given', () => {
    const r = reconcile([], findingsFor([acquisition()]), T0, { idFor: (f) => `flg_${f.fingerprint.slice(0, 32)}` });
    for (const f of r.created) expect(f.id).toBe(`flg_${f.fingerprint.slice(0, 32)}`);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('applyAction', () => {
  const open = () => iefFlag(step([], findingsFor([acquisition()]), T0).flags);

  it('acknowledge: open → acknowledged, once', () => {
    const f = deepFreeze(open());
    const a = applyAction(f, { action: 'acknowledge', actor: committee, now: at(1) });
    expect(a.status).toBe('acknowledged');
    expect(a.history.at(-1)).toEqual({
      at: at(1).toISOString(),
      action: 'acknowledge',
      by: 'u-committee',
      byRole: 'committee',
      from: 'open',
      to: 'acknowledged',
    });
    expect(f.status).toBe('open');
    const e = expectError(() => applyAction(a, { action: 'acknowledge', actor: committee, now: at(2) }), ConflictError);
    expect(e.status).toBe(409);
    // The flag's state travels as `flagStatus`: a `status` in extra would collide with the problem's HTTP status.
    expect(e.extra).toEqual({ flagId: a.id, flagStatus: 'acknowledged', action: 'acknowledge' });
  });

  it('waive is legal only and needs a justification of at least 20 characters', () => {
    const f = open();
    expectError(() => applyAction(f, { action: 'waive', justification: 'x'.repeat(30), actor: committee, now: at(1) }), ForbiddenError);
    const e = expectError(() => applyAction(f, { action: 'waive', justification: '  trop court, 19 c.  ', actor: legal, now: at(1) }), ValidationError);
    expect(e.errors).toEqual([expect.objectContaining({ path: 'justification' })]);
    expectError(() => applyAction(f, { action: 'waive', actor: legal, now: at(1) }), ValidationError);
    const w = applyAction(f, { action: 'waive', justification: 'Exactement vingt car', actor: legal, now: at(1) });
    expect(w.status).toBe('waived');
    expect(w.waiver?.evidenceHash).toBe(f.evidenceHash);
  });

  it('records who acted: sub, role and e-mail when the token has one', () => {
    const w = applyAction(open(), { action: 'waive', justification: 'x'.repeat(20), actor: legal, now: at(1) });
    expect(w.history.at(-1)).toMatchObject({ action: 'waive', by: 'u-legal', byRole: 'legal', byEmail: 'juriste@pole.example.fr' });
  });

  it('flagActionsFor lists exactly the actions applyAction accepts, per status and role', () => {
    const base = open();
    for (const status of FLAG_STATUSES) {
      for (const role of ['legal', 'committee', 'lawyer', 'partner']) {
        const listed = flagActionsFor(status, role);
        for (const action of FLAG_ACTIONS) {
          let ok = true;
          try {
            applyAction({ ...base, status }, { action, note: 'n', justification: 'x'.repeat(20), actor: { sub: 'u', role }, now: at(1) });
          } catch {
            ok = false;
          }
          // The route admits legal and committee only (lawyers and partners get 403 before the domain).
          expect(listed.includes(action)).toBe(ok && (role === 'legal' || role === 'committee'));
        }
      }
    }
    expect(flagActionsFor('open', 'legal')).toEqual(['acknowledge', 'mitigate', 'waive']);
    expect(flagActionsFor('waived', 'committee')).toEqual(['reopen']);
    expect(flagActionsFor('closed', 'legal')).toEqual([]);
  });

  it('mitigate needs a note', () => {
    const e = expectError(() => applyAction(open(), { action: 'mitigate', note: '   ', actor: legal, now: at(1) }), ValidationError);
    expect(e.errors).toEqual([expect.objectContaining({ path: 'note' })]);
    const m = applyAction(open(), { action: 'mitigate', note: 'Licence limitée à l’UE.', actor: legal, now: at(1) });
    expect(m.status).toBe('mitigated');
    expect(m.history.at(-1)!.note).toBe('Licence limitée à l’UE.');
  });

  it('reopen: from acknowledged, mitigated or waived (drops the waiver); not from open or closed', () => {
    const w = applyAction(open(), { action: 'waive', justification: 'x'.repeat(20), actor: legal, now: at(1) });
    const r = applyAction(w, { action: 'reopen', note: 'Nouvelles informations', actor: legal, now: at(2) });
    expect(r.status).toBe('open');
    expect(r.waiver).toBeUndefined();
    expectError(() => applyAction(r, { action: 'reopen', actor: legal, now: at(3) }), ConflictError);
    const closed: Flag = { ...r, status: 'closed' };
    for (const action of ['acknowledge', 'mitigate', 'waive', 'reopen'] as const) {
      expectError(() => applyAction(closed, { action, note: 'n', justification: 'x'.repeat(20), actor: legal, now: at(3) }), ConflictError);
    }
    const m = applyAction(open(), { action: 'mitigate', note: 'n', actor: legal, now: at(1) });
    expect(applyAction(m, { action: 'waive', justification: 'x'.repeat(20), actor: legal, now: at(2) }).status).toBe('waived');
    expectError(() => applyAction(m, { action: 'acknowledge', actor: legal, now: at(2) }), ConflictError);
  });

  it('request schemas are strict', () => {
    expect(flagActionBodySchema.safeParse({ action: 'waive', justification: 'x'.repeat(20) }).success).toBe(true);
    expect(flagActionBodySchema.safeParse({ action: 'close' }).success).toBe(false);
    expect(flagActionBodySchema.safeParse({ action: 'acknowledge', extra: 1 }).success).toBe(false);
    expect(manualFlagBodySchema.safeParse({ title: 'T', severity: 'urgent', explanation: 'E' }).success).toBe(false);
    expect(manualFlagBodySchema.safeParse({ title: 'T', severity: 'low', explanation: 'E', ruleId: 'IEF-ACQUISITION' }).success).toBe(false);
    expect(manualFlagBodySchema.parse({ title: 'T', severity: 'low', explanation: 'E' }).ruleId).toBe('MANUAL');
  });

  it('manual flags: legal only; open; their own fingerprint', () => {
    const body = manualFlagBodySchema.parse({ title: 'Rachat annoncé', severity: 'critical', explanation: 'Source : presse.' });
    expectError(() => createManualFlag(body, { actor: committee, now: T0 }), ForbiddenError);
    const a = createManualFlag(body, { actor: legal, now: T0 });
    const b = createManualFlag(body, { actor: legal, now: T0 });
    expect(a.id).toMatch(/^flg_[0-9a-f]{32}$/);
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(a).toMatchObject({ ruleId: 'MANUAL', manual: true, status: 'open', severity: 'critical', explanation: { fr: 'Source : presse.' } });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('holds and gates', () => {
  const flagsWithHold = () => step([], findingsFor([acquisition()]), T0).flags;

  it('activeIefHolds: IEF flags open or acknowledged with a hold; not waived, mitigated or closed', () => {
    const flags = flagsWithHold();
    const f = iefFlag(flags);
    expect(activeIefHolds(flags)).toEqual([{ flagId: f.id, ruleId: 'IEF-ACQUISITION', organizationId: START_UP }]);
    const acked = applyAction(f, { action: 'acknowledge', actor: legal, now: at(1) });
    expect(activeIefHolds([acked])).toHaveLength(1);
    expect(activeIefHolds([applyAction(f, { action: 'waive', justification: 'x'.repeat(20), actor: legal, now: at(1) })])).toEqual([]);
    expect(activeIefHolds([applyAction(f, { action: 'mitigate', note: 'n', actor: legal, now: at(1) })])).toEqual([]);
    expect(activeIefHolds([{ ...f, status: 'closed' }])).toEqual([]);
  });

  it('assertNoHold refuses an exclusive access, assignment or transfer to the held partner with a 409 naming the flag', () => {
    const flags = flagsWithHold();
    const id = iefFlag(flags).id;
    for (const kind of ['exclusive-access', 'assignment', 'transfer'] as const) {
      const e = expectError(() => assertNoHold(flags, { organizationId: START_UP, kind }), ConflictError);
      expect(e.status).toBe(409);
      expect(e.message).toContain(id);
      expect(e.extra).toEqual({ holds: [{ flagId: id, ruleId: 'IEF-ACQUISITION', organizationId: START_UP }], organizationId: START_UP, kind });
    }
    expect(() => assertNoHold(flags, { organizationId: OTHER, kind: 'exclusive-access' })).not.toThrow();
  });

  it('declarationHoldViolations: exclusive rights to, and result shares given to, a held partner', () => {
    const flags = flagsWithHold();
    const flagId = iefFlag(flags).id;
    const d = {
      accessRights: [
        {
          key: 'ar-1',
          purpose: 'execution',
          direction: 'granted',
          beneficiaryOrganizationId: START_UP,
          grantorOrganizationId: LAB,
          subject: { kind: 'background', itemKey: 'bg-1' },
          exclusive: true,
        },
        {
          key: 'ar-2',
          purpose: 'execution',
          direction: 'granted',
          beneficiaryOrganizationId: START_UP,
          grantorOrganizationId: LAB,
          subject: { kind: 'background', itemKey: 'bg-2' },
          exclusive: false,
        },
        {
          key: 'ar-3',
          purpose: 'execution',
          direction: 'granted',
          beneficiaryOrganizationId: OTHER,
          grantorOrganizationId: LAB,
          subject: { kind: 'background', itemKey: 'bg-1' },
          exclusive: true,
        },
      ],
      results: [
        {
          key: 'r-1',
          ownership: [
            { organizationId: LAB, pct: 60 },
            { organizationId: START_UP, pct: 40 },
          ],
        },
        { key: 'r-2', ownership: [{ organizationId: LAB, pct: 100 }] },
      ],
    } as DeclarationDraft;
    const v = declarationHoldViolations(d, flags, { organizationId: LAB });
    expect(v).toEqual([
      { kind: 'exclusive-access', path: 'accessRights/0', accessRightKey: 'ar-1', organizationId: START_UP, flagIds: [flagId] },
      { kind: 'transfer', path: 'results/0/ownership/1', resultKey: 'r-1', organizationId: START_UP, flagIds: [flagId] },
    ]);
    // The held partner's own share in its own declaration is not a transfer to it.
    const own = { results: [{ key: 'r-9', ownership: [{ organizationId: START_UP, pct: 100 }] }] } as DeclarationDraft;
    expect(declarationHoldViolations(own, flags, { organizationId: START_UP })).toEqual([]);
    // Compared with the stored version, only what is new counts.
    expect(declarationHoldViolations(d, flags, { organizationId: LAB, previous: d })).toEqual([]);
    const bigger = {
      ...d,
      results: [
        {
          key: 'r-1',
          ownership: [
            { organizationId: LAB, pct: 50 },
            { organizationId: START_UP, pct: 50 },
          ],
        },
      ],
    } as DeclarationDraft;
    expect(declarationHoldViolations(bigger, flags, { organizationId: LAB, previous: d }).map((x) => x.kind)).toEqual(['transfer']);
    expect(() => assertNoDeclarationHoldViolations(d, flags, { organizationId: LAB })).toThrow(ConflictError);
    // Waived: nothing is held.
    const waived = flags.map((f) => (f.id === flagId ? applyAction(f, { action: 'waive', justification: 'x'.repeat(20), actor: legal, now: at(1) }) : f));
    expect(declarationHoldViolations(d, waived, { organizationId: LAB })).toEqual([]);
  });

  it('blockingFlags: open or acknowledged high/critical flags, most severe first; workflowGates gives the workflow shape', () => {
    const { flags } = step(
      [],
      findingsFor([acquisition(), acquisition({ id: `cev_${'b'.repeat(32)}`, status: 'completed', investor: { name: 'Shenzhen Capital', country: 'CN' } })]),
      T0,
    );
    const manualLow = createManualFlag(manualFlagBodySchema.parse({ title: 'T', severity: 'low', explanation: 'E' }), { actor: legal, now: T0 });
    const all = [...flags, manualLow];
    const blocking = blockingFlags(all);
    expect(blocking.map((b) => b.severity)).toEqual(['critical', 'high']);
    expect(blocking.every((b) => b.ruleId === 'IEF-ACQUISITION')).toBe(true);
    const gates = workflowGates(all);
    expect(gates.openBlockingFlags).toEqual(blocking);
    expect(gates.iefHolds.map((h) => h.orgId)).toEqual([START_UP, START_UP]);
    const waivedAll = all.map((f) =>
      f.severity === 'critical' ? applyAction(f, { action: 'waive', justification: 'x'.repeat(20), actor: legal, now: at(1) }) : f,
    );
    expect(blockingFlags(waivedAll).map((b) => b.severity)).toEqual(['high']);
  });

  it('filterFlags with the GET query schema', () => {
    const { flags } = step([], findingsFor([acquisition()]), T0);
    const q = flagFilterSchema.parse({ status: 'open,acknowledged', severity: 'high,critical' });
    expect(q).toEqual({ status: ['open', 'acknowledged'], severity: ['high', 'critical'] });
    expect(filterFlags(flags, q).map((f) => f.ruleId)).toEqual(['IEF-ACQUISITION']);
    expect(flagFilterSchema.safeParse({ status: 'opened' }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('the "done when" story, in the pure layer', () => {
  it('planned acquisition → flag with the CMF article; waive; new evidence reopens; an exclusive licence to the partner is refused', () => {
    let { flags } = step([], findingsFor([acquisition()]), T0);
    let f = iefFlag(flags);
    expect(f.explanation.fr).toContain('R151-2');
    expect(f.severity).toBe('high');

    f = applyAction(f, { action: 'waive', justification: 'Autorisation en cours, suivi par la DG Trésor.', actor: legal, now: at(1) });
    flags = flags.map((x) => (x.id === f.id ? f : x));
    expect(() => assertNoHold(flags, { organizationId: START_UP, kind: 'exclusive-access' })).not.toThrow();

    ({ flags } = step(flags, findingsFor([acquisition({ votingRightsAfterPct: 49 })]), at(2)));
    expect(iefFlag(flags).status).toBe('open');
    expect(() => assertNoHold(flags, { organizationId: START_UP, kind: 'exclusive-access' })).toThrow(ConflictError);
  });
});
