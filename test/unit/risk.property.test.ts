import fc from 'fast-check';
import type { ControlEvent } from '../../shared/domain/control-event';
import type { DeclarationDraft } from '../../shared/domain/declaration';
import { evaluateProject } from '../../shared/domain/risk/engine';
import { applyAction, applyReconcile, reconcile, type Flag } from '../../shared/domain/risk/lifecycle';
import type { Finding, RiskInput, RiskOrganization, RiskShareholder } from '../../shared/domain/risk/types';

/**
 * Properties of the risk engine over random projects: random organizations (countries in and out of the
 * EU/EEA, listed or not, ZRR or not) whose shareholders point at each other (chains, joint control, cycles,
 * missing organizations), random declarations (items with export-control categories and identifiers, results
 * with shares and publications, access rights in both directions), random control events and stages.
 *
 * - evaluating twice gives the same findings; reconciling twice creates and changes nothing;
 * - the findings never depend on the order of any input array or of the organizations map;
 * - raising a voting-rights percentage (a shareholder's, or an event's "after") never removes an IEF finding.
 */

const ORG_IDS = Array.from({ length: 8 }, (_, i) => `org_${(i + 1).toString(16).padStart(32, '0')}`);
const MISSING_ORG = `org_${'f'.repeat(32)}`;
const COUNTRIES = ['FR', 'FR', 'FR', 'DE', 'NO', 'US', 'CN', 'CH'] as const;
const NAMES = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'];
const DOMAINS = ['artificial-intelligence', 'quantum', 'semiconductors', 'materials', 'space', 'nanotechnologies'];
const NOW = new Date('2026-01-05T08:00:00Z');

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const pct = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
);

const shareholder: fc.Arbitrary<RiskShareholder> = fc.record(
  {
    name: fc.constantFrom(...NAMES),
    country: fc.constantFrom(...COUNTRIES),
    votingRightsPct: pct,
    organizationId: fc.option(fc.constantFrom(...ORG_IDS, MISSING_ORG), { nil: undefined }),
    controlling: fc.option(fc.boolean(), { nil: undefined }),
    naturalPerson: fc.option(fc.boolean(), { nil: undefined }),
  },
  { requiredKeys: ['name', 'country', 'votingRightsPct'] },
);

const organization = (id: string, i: number): fc.Arbitrary<RiskOrganization> =>
  fc.record({
    id: fc.constant(id),
    legalName: fc.constant(`Org ${i}`),
    country: fc.constantFrom(...COUNTRIES),
    listed: fc.boolean(),
    zrr: fc.boolean(),
    shareholders: fc.uniqueArray(shareholder, { maxLength: 4, selector: (s) => s.name }),
  });

const conditions = fc.option(fc.record({ regime: fc.constantFrom('royalty-free', 'fair-and-reasonable', 'excluded', 'case-by-case') }), { nil: undefined });

const backgroundItem = (key: string) =>
  fc.record({
    key: fc.constant(key),
    type: fc.constant('software'),
    title: fc.constant(`Item ${key}`),
    owners: fc.uniqueArray(
      fc.constantFrom(...ORG_IDS).map((organizationId) => ({ organizationId })),
      { maxLength: 2, selector: (o) => o.organizationId },
    ),
    executionConditions: conditions,
    exploitationConditions: conditions,
    fromZrr: fc.boolean(),
    exportControl: fc.constantFrom('none', '3', '4', '5').map((category) => ({ category })),
    identifiers: fc.array(
      fc.constantFrom('EP1', 'EP 2', 'US3').map((value) => ({ kind: 'patent-publication', value })),
      { maxLength: 2 },
    ),
  });

const resultItem = (key: string) =>
  fc.record({
    key: fc.constant(key),
    title: fc.constant(`Result ${key}`),
    technologyDomains: fc.uniqueArray(fc.constantFrom(...DOMAINS), { maxLength: 2 }),
    ownership: fc.uniqueArray(fc.record({ organizationId: fc.constantFrom(...ORG_IDS), pct: pct }), { maxLength: 3, selector: (s) => s.organizationId }),
    plannedFilingDate: fc.option(fc.constantFrom('2026-03-01', '2026-06-01'), { nil: undefined }),
    plannedPublications: fc.array(fc.record({ venue: fc.constantFrom('NeurIPS', 'ICML'), date: fc.constantFrom('2026-02-01', '2026-03-01', '2026-07-01') }), {
      maxLength: 2,
    }),
  });

const accessRight = (key: string) =>
  fc.record({
    key: fc.constant(key),
    purpose: fc.constantFrom('execution', 'exploitation'),
    direction: fc.constantFrom('granted', 'requested'),
    beneficiaryOrganizationId: fc.constantFrom(...ORG_IDS),
    grantorOrganizationId: fc.constantFrom(...ORG_IDS),
    subject: fc.oneof(
      fc.record({ kind: fc.constant('background'), itemKey: fc.constantFrom('bg-0', 'bg-1', 'bg-2') }),
      fc.record({ kind: fc.constant('background'), itemKey: fc.constantFrom('bg-0', 'bg-1'), ownerOrganizationId: fc.constantFrom(...ORG_IDS) }),
      fc.record({ kind: fc.constant('result'), resultKey: fc.constantFrom('r-0', 'r-1') }),
    ),
    exclusive: fc.boolean(),
  });

const keyed = <T>(prefix: string, make: (k: string) => fc.Arbitrary<T>, max: number) =>
  fc.integer({ min: 0, max }).chain((n) => (n === 0 ? fc.constant([] as T[]) : fc.tuple(...Array.from({ length: n }, (_, i) => make(`${prefix}-${i}`)))));

const declarationContent = fc.record(
  {
    background: keyed('bg', backgroundItem, 3),
    results: keyed('r', resultItem, 2),
    accessRights: keyed('ar', accessRight, 3),
    confidentiality: fc.record({ termYears: fc.integer({ min: 1, max: 20 }), survivesProject: fc.constant(true as const) }),
  },
  { requiredKeys: ['background', 'results', 'accessRights'] },
);

const controlEvent = (i: number): fc.Arbitrary<ControlEvent> =>
  fc.record(
    {
      id: fc.constant(`cev_${(i + 1).toString(16).padStart(32, '0')}`),
      organizationId: fc.constantFrom(...ORG_IDS),
      recordedAt: fc.constant(NOW.toISOString()),
      recordedBy: fc.constant('u-legal'),
      kind: fc.constantFrom('shareholding-change', 'acquisition'),
      status: fc.constantFrom('planned', 'completed'),
      investor: fc.record(
        {
          name: fc.constantFrom('SV Ventures', 'Bayern Kapital', 'Jean Expat'),
          country: fc.constantFrom(...COUNTRIES),
          organizationId: fc.option(fc.constantFrom(...ORG_IDS), { nil: undefined }),
          naturalPerson: fc.option(fc.boolean(), { nil: undefined }),
          taxDomiciledInFrance: fc.option(fc.boolean(), { nil: undefined }),
        },
        { requiredKeys: ['name', 'country'] },
      ),
      votingRightsAfterPct: pct,
      votingRightsBeforePct: fc.option(pct, { nil: undefined }),
      controlAcquired: fc.option(fc.boolean(), { nil: undefined }),
      effectiveDate: fc.constant('2026-03-01'),
      authorisation: fc.option(fc.record({ status: fc.constantFrom('none', 'requested', 'granted', 'refused') }), { nil: undefined }),
    },
    { requiredKeys: ['id', 'organizationId', 'recordedAt', 'recordedBy', 'kind', 'status', 'investor', 'votingRightsAfterPct', 'effectiveDate'] },
  ) as fc.Arbitrary<ControlEvent>;

const riskInput: fc.Arbitrary<RiskInput> = fc
  .record({
    orgs: fc.tuple(...ORG_IDS.map((id, i) => organization(id, i))),
    members: fc.uniqueArray(fc.constantFrom(...ORG_IDS), { minLength: 1, maxLength: 6 }),
    domains: fc.uniqueArray(fc.constantFrom(...DOMAINS), { minLength: 1, maxLength: 3 }),
    declarations: fc.array(fc.tuple(fc.constantFrom(...ORG_IDS), declarationContent, fc.boolean()), { maxLength: 6 }),
    events: fc
      .integer({ min: 0, max: 3 })
      .chain((n) => (n === 0 ? fc.constant([] as ControlEvent[]) : fc.tuple(...Array.from({ length: n }, (_, i) => controlEvent(i))))),
    stage: fc.constantFrom(undefined, 'declarations', 'legal-review', 'committee'),
  })
  .map(({ orgs, members, domains, declarations, events, stage }) => {
    const seen = new Set<string>();
    return {
      project: { id: 'prj_1', technologyDomains: domains },
      memberships: members.map((organizationId, i) => ({ organizationId, role: i === 0 ? 'coordinator' : 'partner' })),
      organizations: new Map(orgs.map((o) => [o.id, o])),
      // One declaration per organization (the store keeps one).
      declarations: declarations
        .filter(([id]) => (seen.has(id) ? false : (seen.add(id), true)))
        .map(([organizationId, content, submitted]) => ({ organizationId, content: content as unknown as DeclarationDraft, submitted })),
      controlEvents: events,
      workflowStage: stage,
      now: NOW,
    };
  });

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** A deterministic shuffle from a seed (mulberry32). */
function shuffler(seed: number) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(xs: readonly T[] | undefined): T[] => {
    const out = [...(xs ?? [])];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
}

/** The same input with every array (and the organizations map) in another order. */
function shuffled(x: RiskInput, seed: number): RiskInput {
  const sh = shuffler(seed);
  const orgs = [...(x.organizations as Map<string, RiskOrganization>).values()].map((o) => ({ ...o, shareholders: sh(o.shareholders) }));
  return {
    ...x,
    project: { ...x.project, technologyDomains: sh(x.project.technologyDomains) },
    memberships: sh(x.memberships),
    // Half the time a plain record instead of a Map.
    organizations: seed % 2 ? new Map(sh(orgs).map((o) => [o.id, o])) : Object.fromEntries(sh(orgs).map((o) => [o.id, o])),
    declarations: sh(x.declarations).map((d) => ({
      ...d,
      content: {
        ...d.content,
        background: sh(d.content.background).map((b) => ({ ...b, owners: sh(b.owners), identifiers: sh(b.identifiers) })),
        results: sh(d.content.results).map((r) => ({
          ...r,
          ownership: sh(r.ownership),
          plannedPublications: sh(r.plannedPublications),
          technologyDomains: sh(r.technologyDomains),
        })),
        accessRights: sh(d.content.accessRights),
      } as DeclarationDraft,
    })),
    controlEvents: sh(x.controlEvents),
  };
}

const iefFingerprints = (fs: Finding[]) => new Set(fs.filter((f) => f.ruleId.startsWith('IEF-')).map((f) => f.fingerprint));

const RUNS = { numRuns: 300 };

// ---------------------------------------------------------------------------------------------------------

describe('risk engine properties', () => {
  it('sanity: the generator reaches IEF, leak, dual-use, ZRR and hygiene findings', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(riskInput, (x) => {
        for (const f of evaluateProject(x)) seen.add(f.ruleId);
      }),
      { numRuns: 300, seed: 42 },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'IEF-FOREIGN-CONTROL',
        'IEF-ACQUISITION',
        'LEAK-FOREIGN-ACCESS',
        'DUAL-USE',
        'ZRR-ACCESS',
        'OWNERSHIP-SHARES',
        'CONDITIONS-MISSING',
      ]),
    );
  });

  it('idempotence: evaluating twice gives the same findings; the input is not changed', () => {
    fc.assert(
      fc.property(riskInput, (x) => {
        const before = JSON.stringify({ ...x, organizations: [...(x.organizations as Map<string, unknown>).entries()] });
        const a = evaluateProject(x);
        const b = evaluateProject(x);
        expect(b).toEqual(a);
        expect(JSON.stringify({ ...x, organizations: [...(x.organizations as Map<string, unknown>).entries()] })).toBe(before);
        expect(new Set(a.map((f) => f.fingerprint)).size).toBe(a.length);
      }),
      RUNS,
    );
  });

  it('reconcile(reconcile(x)) creates and changes nothing, whatever the flags were before', () => {
    fc.assert(
      fc.property(riskInput, riskInput, fc.array(fc.constantFrom('acknowledge', 'mitigate', 'waive', 'none'), { maxLength: 20 }), (x0, x1, actions) => {
        // Flags from an earlier state, some of them acted upon by staff.
        let flags: Flag[] = applyReconcile([], reconcile([], evaluateProject(x0), NOW, { scope: 'prj_1' }));
        flags = flags.map((f, i) => {
          const a = actions[i] ?? 'none';
          if (a === 'none') return f;
          return applyAction(f, {
            action: a,
            note: 'note',
            justification: 'justification de plus de vingt caractères',
            actor: { sub: 'u', role: 'legal' },
            now: NOW,
          });
        });
        const findings = evaluateProject(x1);
        const once = applyReconcile(flags, reconcile(flags, findings, new Date(NOW.getTime() + 1000), { scope: 'prj_1' }));
        const twice = reconcile(once, findings, new Date(NOW.getTime() + 2000), { scope: 'prj_1' });
        expect(twice).toEqual({ upserts: [], created: [], closed: [], reopened: [] });
        // No twins: one flag per fingerprint.
        expect(new Set(once.map((f) => f.fingerprint)).size).toBe(once.length);
        // Every finding has an active-or-accepted flag, every other flag is closed.
        const fps = new Set(findings.map((f) => f.fingerprint));
        for (const f of once) expect(f.status === 'closed').toBe(!fps.has(f.fingerprint));
      }),
      { numRuns: 150 },
    );
  });

  it('order independence: shuffling memberships, shareholders, declarations, items, rights, events changes nothing', () => {
    fc.assert(
      fc.property(riskInput, fc.integer(), (x, seed) => {
        expect(evaluateProject(shuffled(x, seed))).toEqual(evaluateProject(x));
      }),
      RUNS,
    );
  });

  // Raising one holder can end another's *presumed* control (L233-3 II: > 40 % only while no other holder has more),
  // so a finding may go only if its explanation rests on that presumption; every other IEF finding stays.
  it('monotonicity: raising a voting-rights percentage removes no IEF finding, except one resting on the L233-3 II presumption', () => {
    fc.assert(
      fc.property(riskInput, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (x, orgPick, shPick, deltaHundredths, onEvent) => {
        const beforeFindings = evaluateProject(x).filter((f) => f.ruleId.startsWith('IEF-'));
        const delta = deltaHundredths / 100;
        const raise = (p: number) => Math.min(100, Math.round((p + delta) * 100) / 100);
        let raised: RiskInput;
        if (onEvent && x.controlEvents.length) {
          const i = shPick % x.controlEvents.length;
          raised = { ...x, controlEvents: x.controlEvents.map((e, j) => (j === i ? { ...e, votingRightsAfterPct: raise(e.votingRightsAfterPct) } : e)) };
        } else {
          const orgs = [...(x.organizations as Map<string, RiskOrganization>).values()];
          const withShares = orgs.filter((o) => o.shareholders?.length);
          if (!withShares.length) return;
          const target = withShares[orgPick % withShares.length]!;
          const i = shPick % target.shareholders!.length;
          const changed = { ...target, shareholders: target.shareholders!.map((s, j) => (j === i ? { ...s, votingRightsPct: raise(s.votingRightsPct) } : s)) };
          raised = { ...x, organizations: new Map(orgs.map((o) => [o.id, o.id === target.id ? changed : o])) };
        }
        const after = iefFingerprints(evaluateProject(raised));
        for (const f of beforeFindings) {
          if (!after.has(f.fingerprint))
            expect({ removed: f.ruleId, presumption: f.explanation.en.includes('L233-3 II') }).toEqual({ removed: f.ruleId, presumption: true });
        }
      }),
      { numRuns: 500 },
    );
  });
});
