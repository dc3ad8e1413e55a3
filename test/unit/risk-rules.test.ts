import { canonicalJson, sha256Hex } from '../../shared/domain/audit';
import { controlEventInputSchema, parseControlEventInput, type ControlEvent } from '../../shared/domain/control-event';
import type { DeclarationDraft } from '../../shared/domain/declaration';
import { ValidationError } from '../../shared/domain/errors';
import { evaluateProject } from '../../shared/domain/risk/engine';
import { RULES, RULES_BY_ID } from '../../shared/domain/risk/rules';
import { RULE_IDS, type Finding, type RiskInput, type RiskOrganization, type RiskShareholder } from '../../shared/domain/risk/types';

// ---------------------------------------------------------------------------------------------------------
// Fixtures

const oid = (n: number) => `org_${n.toString(16).padStart(32, '0')}`;
const P = oid(1); // the French AI start-up
const H1 = oid(2);
const H2 = oid(3);
const FUND = oid(4);
const US_CO = oid(5);
const DE_CO = oid(6);
const LAB = oid(7); // a public lab with a ZRR
const FR_CO = oid(8);
const NO_CO = oid(9);
const CH_CO = oid(10);
const cev = (n: number) => `cev_${n.toString(16).padStart(32, '0')}`;

function org(id: string, legalName: string, country: string, extra: Partial<RiskOrganization> = {}): RiskOrganization {
  return { id, legalName, country, category: 'startup', listed: false, zrr: false, shareholders: [], ...extra };
}
const sh = (name: string, country: string, votingRightsPct: number, extra: Partial<RiskShareholder> = {}): RiskShareholder => ({
  name,
  country,
  votingRightsPct,
  ...extra,
});

const BASE_ORGS: RiskOrganization[] = [
  org(P, 'Neurone SAS', 'FR'),
  org(US_CO, 'Boston Robotics Inc', 'US', { category: 'large' }),
  org(DE_CO, 'Munich Optics GmbH', 'DE', { category: 'midcap' }),
  org(LAB, 'Laboratoire Quantique', 'FR', { category: 'public-lab', zrr: true }),
  org(FR_CO, 'Grenoble Capteurs', 'FR', { category: 'sme' }),
  org(NO_CO, 'Oslo Subsea AS', 'NO'),
  org(CH_CO, 'Zurich Chips AG', 'CH'),
];

interface Build {
  domains?: string[];
  orgs?: RiskOrganization[];
  members?: string[];
  declarations?: RiskInput['declarations'];
  events?: ControlEvent[];
  stage?: string;
}
function input(b: Build = {}): RiskInput {
  const orgs = new Map<string, RiskOrganization>();
  for (const o of [...BASE_ORGS, ...(b.orgs ?? [])]) orgs.set(o.id, o);
  const members = b.members ?? [P, US_CO, DE_CO, LAB, FR_CO];
  return {
    project: { id: 'prj_00000000000000000000000000000001', technologyDomains: b.domains ?? ['artificial-intelligence'] },
    memberships: members.map((organizationId, i) => ({ organizationId, role: i === 0 ? 'coordinator' : 'partner' })),
    organizations: orgs,
    declarations: b.declarations ?? [],
    controlEvents: b.events ?? [],
    workflowStage: b.stage,
    now: new Date('2026-01-05T08:00:00Z'),
  };
}
const withShareholders = (shareholders: RiskShareholder[], extra: Partial<RiskOrganization> = {}) => org(P, 'Neurone SAS', 'FR', { shareholders, ...extra });
const run = (b: Build, ruleId?: string): Finding[] => evaluateProject(input(b)).filter((f) => !ruleId || f.ruleId === ruleId);

function event(over: Partial<ControlEvent> = {}): ControlEvent {
  return {
    id: cev(1),
    organizationId: P,
    recordedAt: '2026-01-05T08:00:00.000Z',
    recordedBy: 'u-legal',
    kind: 'shareholding-change',
    status: 'planned',
    investor: { name: 'Silicon Valley Ventures', country: 'US' },
    votingRightsAfterPct: 30,
    effectiveDate: '2026-03-01',
    ...over,
  };
}

const decl = (organizationId: string, content: unknown, submitted = false) => ({ organizationId, content: content as DeclarationDraft, submitted });
const bg = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  type: 'software',
  title: `Logiciel ${key}`,
  owners: [],
  executionConditions: { regime: 'royalty-free' },
  exploitationConditions: { regime: 'fair-and-reasonable' },
  fromZrr: false,
  exportControl: { category: 'none' },
  ...extra,
});
const right = (key: string, beneficiary: string, grantor: string, subject: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  key,
  purpose: 'exploitation',
  direction: 'granted',
  beneficiaryOrganizationId: beneficiary,
  grantorOrganizationId: grantor,
  subject,
  exclusive: false,
  fieldOfUse: 'Tout domaine',
  territory: { scope: 'worldwide' },
  ...extra,
});
const result = (key: string, ownership: { organizationId: string; pct: number }[], extra: Record<string, unknown> = {}) => ({
  key,
  title: `Résultat ${key}`,
  technologyDomains: ['artificial-intelligence'],
  ownership,
  ...extra,
});

// ---------------------------------------------------------------------------------------------------------

describe('rule catalogue', () => {
  it('has exactly the issue-4 rules, each with a version, bilingual title and legal source, and an evaluate function', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const r of RULES) {
      expect(r.version).toBeGreaterThanOrEqual(1);
      expect(r.title.fr).toBeTruthy();
      expect(r.title.en).toBeTruthy();
      expect(r.source.fr).toBeTruthy();
      expect(r.source.en).toBeTruthy();
      expect(typeof r.evaluate).toBe('function');
    }
    expect(RULES_BY_ID.get('IEF-FOREIGN-CONTROL')!.source.fr).toContain('R151-1');
    expect(RULES_BY_ID.get('ZRR-ACCESS')!.source.fr).toContain('2024-430');
  });

  it('a rule evaluates the raw input as well as the engine does', () => {
    const b: Build = { orgs: [withShareholders([sh('SV Fund', 'US', 30)])] };
    const direct = RULES_BY_ID.get('IEF-FOREIGN-CONTROL')!.evaluate(input(b));
    expect(direct).toEqual(run(b, 'IEF-FOREIGN-CONTROL'));
    expect(direct).toHaveLength(1);
  });
});

describe('findings', () => {
  it('carry a fingerprint over rule id + subject and a hash of the evidence; output is sorted by severity, rule, fingerprint', () => {
    const findings = run({
      orgs: [withShareholders([sh('SV Fund', 'US', 30)])],
      events: [event({ status: 'completed' })],
      declarations: [decl(P, { background: [bg('bg-1', { exploitationConditions: undefined })] })],
      stage: 'legal-review',
    });
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) {
      expect(f.fingerprint).toBe(sha256Hex(canonicalJson({ ruleId: f.ruleId, subject: f.subject })));
      expect(f.evidenceHash).toBe(sha256Hex(canonicalJson(f.evidence)));
      expect(f.ruleVersion).toBe(RULES_BY_ID.get(f.ruleId)!.version);
    }
    const rank = ['info', 'low', 'medium', 'high', 'critical'];
    for (let i = 1; i < findings.length; i++) {
      const a = findings[i - 1]!;
      const b = findings[i]!;
      const order =
        rank.indexOf(b.severity) - rank.indexOf(a.severity) ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.fingerprint < b.fingerprint ? -1 : 1);
      expect(order).toBeLessThan(0);
    }
    expect(findings[0]!.severity).toBe('critical');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('IEF-FOREIGN-CONTROL', () => {
  const depth3 = (fundPct: number, controlling: boolean) => [
    withShareholders([sh('Holding Alpha', 'FR', 60, { organizationId: H1 }), sh('Fondateurs', 'FR', 40, { naturalPerson: true })]),
    org(H1, 'Holding Alpha', 'FR', { shareholders: [sh('Holding Beta', 'FR', 70, { organizationId: H2 })] }),
    org(H2, 'Holding Beta', 'FR', { shareholders: [sh('Silicon Valley Fund', 'US', fundPct, { organizationId: FUND, controlling })] }),
    org(FUND, 'Silicon Valley Fund LP', 'US', { category: 'other' }),
  ];

  it('walks a chain of depth 3 (FR start-up ← FR holding ← FR holding ← US fund controlling) to the foreign controller', () => {
    const [f, ...rest] = run({ orgs: depth3(30, true) }, 'IEF-FOREIGN-CONTROL');
    expect(rest).toHaveLength(0);
    expect(f!.severity).toBe('high');
    expect(f!.subject).toEqual({ organizationId: P, shareholderName: 'Holding Alpha' });
    expect(f!.holds).toEqual({ kind: 'ief', organizationId: P });
    const chain = (f!.evidence.chains as { name: string }[][])[0]!.map((l) => l.name);
    expect(chain).toEqual(['Holding Alpha', 'Holding Beta', 'Silicon Valley Fund']);
    expect((f!.evidence.ultimateControllers as { name: string }[]).map((l) => l.name)).toEqual(['Silicon Valley Fund']);
    expect(f!.explanation.fr).toContain('R151-1');
    expect(f!.explanation.fr).toContain('code monétaire et financier');
    expect(f!.explanation.fr).toContain('« Neurone SAS »');
    expect(f!.explanation.fr).toContain('« Silicon Valley Fund »');
    expect(f!.explanation.fr).toContain('L233-3');
    expect(f!.explanation.en).toContain('R151-1');
  });

  it('stops where control stops: a 40 % non-controlling fund at the top is not in the control chain', () => {
    expect(run({ orgs: depth3(40, false) }, 'IEF-FOREIGN-CONTROL')).toEqual([]);
    expect(run({ orgs: depth3(50.0001, false) }, 'IEF-FOREIGN-CONTROL')).toHaveLength(1);
    // 50 % with no other holder above it: control is presumed (Code de commerce L233-3 II), and named.
    const [presumed] = run({ orgs: depth3(50, false) }, 'IEF-FOREIGN-CONTROL');
    expect(presumed!.explanation.fr).toContain('L233-3 II');
  });

  it('non-EU/EEA direct shareholder: 24.99 % → nothing, 25 % → high (unlisted company)', () => {
    expect(run({ orgs: [withShareholders([sh('SV Fund', 'US', 24.99)])] }, 'IEF-FOREIGN-CONTROL')).toEqual([]);
    const [f] = run({ orgs: [withShareholders([sh('SV Fund', 'US', 25)])] }, 'IEF-FOREIGN-CONTROL');
    expect(f!.severity).toBe('high');
    expect(f!.evidence.basis).toEqual(['threshold']);
    expect(f!.explanation.fr).toContain('R151-2');
    expect(f!.explanation.fr).toContain('25 %');
  });

  it('listed company: 9.99 % → nothing, 10 % → high; unlisted at 10 % → nothing', () => {
    expect(run({ orgs: [withShareholders([sh('SV Fund', 'US', 9.99)], { listed: true })] }, 'IEF-FOREIGN-CONTROL')).toEqual([]);
    const [f] = run({ orgs: [withShareholders([sh('SV Fund', 'US', 10)], { listed: true })] }, 'IEF-FOREIGN-CONTROL');
    expect(f!.severity).toBe('high');
    expect(f!.evidence.threshold).toEqual({ pct: 10, listed: true });
    expect(run({ orgs: [withShareholders([sh('SV Fund', 'US', 10)])] }, 'IEF-FOREIGN-CONTROL')).toEqual([]);
  });

  it('EU investor (DE): 30 % without control → nothing; controlling → medium with a hold', () => {
    expect(run({ orgs: [withShareholders([sh('Bayern Kapital', 'DE', 30)])] }, 'IEF-FOREIGN-CONTROL')).toEqual([]);
    const [f] = run({ orgs: [withShareholders([sh('Bayern Kapital', 'DE', 30, { controlling: true })])] }, 'IEF-FOREIGN-CONTROL');
    expect(f!.severity).toBe('medium');
    expect(f!.holds).toEqual({ kind: 'ief', organizationId: P });
    expect(f!.explanation.fr).toContain('UE/EEE');
  });

  it('an EU holding controlled from the US is non-EU for the threshold rule (every link counts)', () => {
    const orgs = [
      withShareholders([sh('Bayern Holding', 'DE', 30, { organizationId: H1 })]),
      org(H1, 'Bayern Holding GmbH', 'DE', { shareholders: [sh('SV Fund', 'US', 80)] }),
    ];
    const [f] = run({ orgs }, 'IEF-FOREIGN-CONTROL');
    expect(f!.severity).toBe('high');
    expect((f!.evidence.foreignInvestors as { name: string }[]).map((l) => l.name)).toEqual(['Bayern Holding', 'SV Fund']);
  });

  it('French natural persons and French holdings are not foreign', () => {
    const orgs = [
      withShareholders([sh('Holding Alpha', 'FR', 70, { organizationId: H1 }), sh('Marie Curie', 'FR', 30, { naturalPerson: true })]),
      org(H1, 'Holding Alpha', 'FR', { shareholders: [sh('Jean Dupont', 'FR', 100, { naturalPerson: true })] }),
    ];
    expect(run({ orgs }, 'IEF-FOREIGN-CONTROL')).toEqual([]);
  });

  it('detects a cycle without looping: reported (medium, no hold) when no foreign link is found', () => {
    const orgs = [
      withShareholders([sh('Holding Alpha', 'FR', 60, { organizationId: H1 })]),
      org(H1, 'Holding Alpha', 'FR', { shareholders: [sh('Holding Beta', 'FR', 60, { organizationId: H2 })] }),
      org(H2, 'Holding Beta', 'FR', { shareholders: [sh('Holding Alpha', 'FR', 60, { organizationId: H1 })] }),
    ];
    const [f, ...rest] = run({ orgs }, 'IEF-FOREIGN-CONTROL');
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('medium');
    expect(f!.holds).toBeUndefined();
    expect(f!.evidence.cycles).toEqual([[H1, H2, H1]]);
    expect(f!.explanation.fr).toContain('cycle');
    expect(f!.explanation.fr).toContain('R151-1');
  });

  it('a cycle through the partner itself with a foreign link is a foreign-control finding that records the cycle', () => {
    const orgs = [
      withShareholders([sh('Holding Alpha', 'FR', 60, { organizationId: H1 })]),
      org(H1, 'Holding Alpha', 'FR', { shareholders: [sh('Neurone', 'FR', 55, { organizationId: P }), sh('SV Fund', 'US', 45, { controlling: true })] }),
    ];
    const [f] = run({ orgs }, 'IEF-FOREIGN-CONTROL');
    expect(f!.severity).toBe('high');
    expect(f!.evidence.cycles).toEqual([[P, H1, P]]);
  });

  it('non-sensitive domain → no IEF flag; an essential activity (space) or declared dual-use items make it sensitive', () => {
    const orgs = [withShareholders([sh('SV Fund', 'US', 80)])];
    const events = [event()];
    expect(run({ orgs, events, domains: ['materials', 'nanotechnologies'] }).filter((f) => f.ruleId.startsWith('IEF-'))).toEqual([]);
    expect(run({ orgs, domains: ['space'] }, 'IEF-FOREIGN-CONTROL')).toHaveLength(1);
    const dualUse = [decl(P, { background: [bg('bg-1', { exportControl: { category: '5', annexIEntry: '5A002' } })] })];
    const [f] = run({ orgs, domains: ['materials'], declarations: dualUse }, 'IEF-FOREIGN-CONTROL');
    expect(f!.evidence.sensitivity).toEqual({ criticalDomains: [], essentialDomains: [], dualUseItems: true });
  });

  it('applies to French partners only, and reports an organization missing from the input as unresolved', () => {
    const usWithFund = org(US_CO, 'Boston Robotics Inc', 'US', { shareholders: [sh('CN Fund', 'CN', 90)] });
    expect(run({ orgs: [usWithFund] }, 'IEF-FOREIGN-CONTROL')).toEqual([]);
    const missing = oid(99);
    const orgs = [withShareholders([sh('Holding X', 'US', 60, { organizationId: missing })])];
    const [f] = run({ orgs }, 'IEF-FOREIGN-CONTROL');
    expect(f!.evidence.unresolved).toEqual([missing]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('IEF-ACQUISITION', () => {
  const acq = (b: Build) => run(b, 'IEF-ACQUISITION');

  it('non-EU investor: 24.99 % → nothing, 25 % → high when planned', () => {
    expect(acq({ events: [event({ votingRightsBeforePct: 10, votingRightsAfterPct: 24.99 })] })).toEqual([]);
    const [f] = acq({ events: [event({ votingRightsBeforePct: 10, votingRightsAfterPct: 25 })] });
    expect(f!.severity).toBe('high');
    expect(f!.subject).toEqual({ organizationId: P, targetOrganizationId: P, investor: 'silicon valley ventures|US' });
    expect(f!.holds).toEqual({ kind: 'ief', organizationId: P });
    expect(f!.evidence.triggers).toEqual(['threshold-25']);
  });

  it('crossing means before < threshold ≤ after; an unknown "before" reads as 0', () => {
    expect(acq({ events: [event({ votingRightsBeforePct: 30, votingRightsAfterPct: 40 })] })).toEqual([]);
    expect(acq({ events: [event({ votingRightsBeforePct: 25, votingRightsAfterPct: 25 })] })).toEqual([]);
    expect(acq({ events: [event({ votingRightsAfterPct: 25 })] })).toHaveLength(1);
  });

  it('listed company: 9.99 % → nothing, 10 % → high with the fast-track notification explained; unlisted at 10 % → nothing', () => {
    const listed = [withShareholders([], { listed: true })];
    expect(acq({ orgs: listed, events: [event({ votingRightsAfterPct: 9.99 })] })).toEqual([]);
    const [f] = acq({ orgs: listed, events: [event({ votingRightsAfterPct: 10 })] });
    expect(f!.severity).toBe('high');
    expect(f!.evidence.triggers).toEqual(['threshold-10-listed']);
    expect(f!.explanation.fr).toContain('10 jours ouvrés');
    expect(acq({ events: [event({ votingRightsAfterPct: 10 })] })).toEqual([]);
  });

  it('EU/EEA investor triggers only on control: DE at 30 % → nothing; DE taking control → high', () => {
    const de = { name: 'Bayern Kapital', country: 'DE' };
    expect(acq({ events: [event({ investor: de, votingRightsAfterPct: 30 })] })).toEqual([]);
    expect(acq({ events: [event({ investor: { name: 'Oslo Invest', country: 'NO' }, votingRightsAfterPct: 30 })] })).toEqual([]);
    const [f] = acq({ events: [event({ investor: de, votingRightsAfterPct: 30, controlAcquired: true })] });
    expect(f!.severity).toBe('high');
    expect(f!.evidence.triggers).toEqual(['control']);
    expect(acq({ events: [event({ investor: de, votingRightsAfterPct: 50.0001 })] })[0]!.evidence.l233_3).toBe('I-1');
    // 50 % is not a majority; with no other shareholder holding more, control is presumed (L233-3 II): see the L233-3 cases.
    const founders = [withShareholders([sh('Fondateurs', 'FR', 100, { naturalPerson: true })])];
    expect(acq({ orgs: founders, events: [event({ investor: de, votingRightsAfterPct: 40 })] })).toEqual([]);
  });

  it('an acquisition is control unless marked otherwise', () => {
    const de = { name: 'Bayern Kapital', country: 'DE' };
    expect(acq({ events: [event({ kind: 'acquisition', investor: de, votingRightsAfterPct: 30 })] })).toHaveLength(1);
    expect(acq({ events: [event({ kind: 'acquisition', investor: de, votingRightsAfterPct: 30, controlAcquired: false })] })).toEqual([]);
  });

  it('severities: planned → high; completed without authorisation → critical; granted → medium', () => {
    const sev = (over: Partial<ControlEvent>) => acq({ events: [event(over)] })[0]!.severity;
    expect(sev({ status: 'planned' })).toBe('high');
    expect(sev({ status: 'planned', authorisation: { status: 'requested' } })).toBe('high');
    expect(sev({ status: 'completed' })).toBe('critical');
    expect(sev({ status: 'completed', authorisation: { status: 'requested' } })).toBe('critical');
    expect(sev({ status: 'completed', authorisation: { status: 'refused', decidedAt: '2026-02-01' } })).toBe('critical');
    expect(sev({ status: 'completed', authorisation: { status: 'granted', reference: 'DGT-2026-12', decidedAt: '2026-02-01' } })).toBe('medium');
    expect(sev({ status: 'planned', authorisation: { status: 'granted' } })).toBe('medium');
  });

  it('the French explanation names the CMF articles, the prior-authorisation route and the 30 + 45 working-day clock', () => {
    const [planned] = acq({ events: [event()] });
    const fr = planned!.explanation.fr;
    expect(fr).toContain('R151-2');
    expect(fr).toContain('R151-1');
    expect(fr).toContain('autorisation préalable');
    expect(fr).toContain('L151-3');
    expect(fr).toContain('30 jours ouvrés');
    expect(fr).toContain('45 jours ouvrés');
    expect(fr).toContain('le silence vaut refus');
    expect(fr).toContain('R151-6');
    expect(fr).toContain('« Silicon Valley Ventures »');
    expect(fr).toContain('« Neurone SAS »');
    expect(planned!.explanation.en).toContain('30 working days');
    const [done] = acq({ events: [event({ status: 'completed' })] });
    expect(done!.explanation.fr).toContain('L151-4');
  });

  it('a French national not tax-domiciled in France is foreign (EU): control triggers, 30 % does not', () => {
    const inv = { name: 'Jean Expat', country: 'FR', naturalPerson: true, taxDomiciledInFrance: false };
    expect(acq({ events: [event({ investor: inv, votingRightsAfterPct: 30 })] })).toEqual([]);
    const [f] = acq({ events: [event({ investor: inv, votingRightsAfterPct: 60 })] });
    expect((f!.evidence.investor as { taxDomicileAbroad: boolean }).taxDomicileAbroad).toBe(true);
    expect(acq({ events: [event({ investor: { ...inv, taxDomiciledInFrance: true }, votingRightsAfterPct: 60 })] })).toEqual([]);
  });

  it("a French investor controlled from the US is non-EU (the investor's chain is walked)", () => {
    const orgs = [org(H1, 'Holding Alpha', 'FR', { shareholders: [sh('SV Fund', 'US', 51)] })];
    const [f] = acq({ orgs, events: [event({ investor: { name: 'Holding Alpha', country: 'FR', organizationId: H1 }, votingRightsAfterPct: 30 })] });
    expect(f!.evidence.triggers).toEqual(['threshold-25']);
    expect(acq({ events: [event({ investor: { name: 'Holding Beta', country: 'FR' }, votingRightsAfterPct: 90 })] })).toEqual([]);
  });

  it('an event on a holding that controls the partner concerns the partner indirectly; an unrelated organization does not', () => {
    const orgs = [withShareholders([sh('Holding Alpha', 'FR', 100, { organizationId: H1 })]), org(H1, 'Holding Alpha', 'FR')];
    const [f] = acq({ orgs, events: [event({ organizationId: H1 })] });
    expect(f!.subject).toEqual({ organizationId: P, targetOrganizationId: H1, investor: 'silicon valley ventures|US' });
    expect((f!.evidence.target as { indirectVia: unknown[] }).indirectVia).toHaveLength(1);
    expect(f!.explanation.fr).toContain('indirectement');
    expect(acq({ orgs, events: [event({ organizationId: oid(50) })] })).toEqual([]);
  });

  it('no flag outside sensitive domains', () => {
    expect(acq({ domains: ['materials'], events: [event({ status: 'completed', votingRightsAfterPct: 100 })] })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('LEAK-FOREIGN-ACCESS', () => {
  const declWithRight = (beneficiary: string, extra: Record<string, unknown> = {}) => [
    decl(P, { background: [bg('bg-1')], accessRights: [right('ar-1', beneficiary, P, { kind: 'background', itemKey: 'bg-1' }, extra)] }),
  ];

  it('non-EU/EEA beneficiary on a critical-technology item: exploitation → high, non-exclusive execution → medium', () => {
    const [f] = run({ declarations: declWithRight(US_CO) }, 'LEAK-FOREIGN-ACCESS');
    expect(f!.severity).toBe('high');
    expect(f!.subject).toEqual({ organizationId: P, accessRightKey: 'ar-1' });
    expect(f!.explanation.fr).toContain('« Boston Robotics Inc »');
    expect(f!.explanation.fr).toContain('arrêté du 31 décembre 2019');
    const exec = run({ declarations: declWithRight(US_CO, { purpose: 'execution', fieldOfUse: undefined, territory: undefined }) }, 'LEAK-FOREIGN-ACCESS');
    expect(exec[0]!.severity).toBe('medium');
  });

  it('EU and EEA beneficiaries, and non-critical domains, raise nothing', () => {
    expect(run({ declarations: declWithRight(DE_CO) }, 'LEAK-FOREIGN-ACCESS')).toEqual([]);
    expect(run({ declarations: declWithRight(NO_CO), members: [P, NO_CO] }, 'LEAK-FOREIGN-ACCESS')).toEqual([]);
    expect(run({ declarations: declWithRight(US_CO), domains: ['materials'] }, 'LEAK-FOREIGN-ACCESS')).toEqual([]);
  });

  it("a result's own domains decide over the project's", () => {
    const declarations = [
      decl(P, {
        results: [result('r-1', [{ organizationId: P, pct: 100 }], { technologyDomains: ['materials'] })],
        accessRights: [right('ar-1', US_CO, P, { kind: 'result', resultKey: 'r-1' })],
      }),
    ];
    expect(run({ declarations }, 'LEAK-FOREIGN-ACCESS')).toEqual([]);
  });

  it('a critical-technology result co-owned by a non-EU partner → high; a French partner controlled from the US → medium', () => {
    const declarations = [
      decl(P, {
        results: [
          result('r-1', [
            { organizationId: P, pct: 50 },
            { organizationId: US_CO, pct: 50 },
          ]),
        ],
      }),
    ];
    const [f] = run({ declarations }, 'LEAK-FOREIGN-ACCESS');
    expect(f!.severity).toBe('high');
    expect(f!.subject).toEqual({ organizationId: P, resultKey: 'r-1' });
    const controlled = org(FR_CO, 'Grenoble Capteurs', 'FR', { shareholders: [sh('SV Fund', 'US', 70)] });
    const [g] = run({ orgs: [controlled], declarations: declWithRight(FR_CO) }, 'LEAK-FOREIGN-ACCESS');
    expect(g!.severity).toBe('medium');
    expect(g!.evidence.outsideEuEea).toBe('control');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('DUAL-USE', () => {
  const annex = (beneficiary: string, category = '3', extra: Record<string, unknown> = {}) => [
    decl(P, {
      background: [bg('bg-1', { exportControl: { category, ...(category === 'none' ? {} : { annexIEntry: `${category}A001` }) }, ...extra })],
      accessRights: [
        right('ar-1', beneficiary, P, { kind: 'background', itemKey: 'bg-1' }, { purpose: 'execution', fieldOfUse: undefined, territory: undefined }),
      ],
    }),
  ];

  it('an Annex I item made available to a partner outside the EU needs a licence (art. 2(2)(d)) → high', () => {
    const [f] = run({ declarations: annex(US_CO) }, 'DUAL-USE');
    expect(f!.severity).toBe('high');
    expect(f!.subject).toEqual({ organizationId: P, accessRightKey: 'ar-1' });
    expect(f!.explanation.fr).toContain('2021/821');
    expect(f!.explanation.fr).toContain('art. 2(2)(d)');
    expect(f!.explanation.fr).toContain('3A001');
    expect(f!.evidence.annexICategory).toBe('3');
  });

  it('outside the EU means outside the EU: Switzerland and Norway (EEA) count, Germany does not; `none` is not controlled', () => {
    expect(run({ declarations: annex(CH_CO), members: [P, CH_CO] }, 'DUAL-USE')).toHaveLength(1);
    expect(run({ declarations: annex(NO_CO), members: [P, NO_CO] }, 'DUAL-USE')).toHaveLength(1);
    expect(run({ declarations: annex(DE_CO) }, 'DUAL-USE')).toEqual([]);
    expect(run({ declarations: annex(US_CO, 'none') }, 'DUAL-USE')).toEqual([]);
  });

  it('quantum project: the French order of 2 Feb 2024 is cited; a quantum result made available to a third country → medium', () => {
    const [f] = run({ declarations: annex(US_CO, '4'), domains: ['quantum'] }, 'DUAL-USE');
    expect(f!.explanation.fr).toContain('arrêté du 2 février 2024');
    const declarations = [
      decl(P, {
        results: [result('r-q', [{ organizationId: P, pct: 100 }], { technologyDomains: ['quantum'] })],
        accessRights: [right('ar-2', US_CO, P, { kind: 'result', resultKey: 'r-q' })],
      }),
    ];
    const [g] = run({ declarations }, 'DUAL-USE');
    expect(g!.severity).toBe('medium');
    expect(g!.explanation.fr).toContain('arrêté du 2 février 2024');
  });

  it('co-ownership with a partner outside the EU is a making-available too', () => {
    const declarations = [
      decl(P, { background: [bg('bg-1', { exportControl: { category: '6' }, owners: [{ organizationId: P }, { organizationId: US_CO }] })] }),
    ];
    const [f] = run({ declarations }, 'DUAL-USE');
    expect(f!.subject).toEqual({ organizationId: P, itemKey: 'bg-1' });
    expect(f!.severity).toBe('high');
    const semi = [
      decl(P, {
        results: [
          result(
            'r-s',
            [
              { organizationId: P, pct: 60 },
              { organizationId: CH_CO, pct: 40 },
            ],
            { technologyDomains: ['semiconductors'] },
          ),
        ],
      }),
    ];
    expect(run({ declarations: semi, members: [P, CH_CO] }, 'DUAL-USE')[0]!.subject).toEqual({ organizationId: P, resultKey: 'r-s' });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('ZRR-ACCESS', () => {
  const labDecl = (beneficiary: string, purpose: 'execution' | 'exploitation', item: Record<string, unknown> = {}) =>
    decl(LAB, {
      background: [bg('bg-z', item)],
      accessRights: [
        right(
          'ar-z',
          beneficiary,
          LAB,
          { kind: 'background', itemKey: 'bg-z' },
          purpose === 'execution' ? { purpose, fieldOfUse: undefined, territory: undefined } : {},
        ),
      ],
    });

  it("a ZRR lab's item accessed by a foreign partner (even from the EU) → high, with the 2025 clocks", () => {
    const [f] = run({ declarations: [labDecl(DE_CO, 'exploitation')] }, 'ZRR-ACCESS');
    expect(f!.severity).toBe('high');
    expect(f!.subject).toEqual({ organizationId: LAB, accessRightKey: 'ar-z' });
    expect(f!.explanation.fr).toContain('2 mois');
    expect(f!.explanation.fr).toContain('3 mois');
    expect(f!.explanation.fr).toContain('2024-430');
    expect(f!.explanation.fr).toContain('413-7');
    expect(f!.explanation.fr).toContain('« Laboratoire Quantique »');
    expect(f!.evidence.staffPresenceDerived).toBe(false);
  });

  it('an execution right is read as the foreign staff working in the ZRR, and the explanation says so', () => {
    const [f] = run({ declarations: [labDecl(US_CO, 'execution')] }, 'ZRR-ACCESS');
    expect(f!.evidence.staffPresenceDerived).toBe(true);
    expect(f!.explanation.fr).toContain('présence de personnel');
    expect(f!.explanation.en).toContain('staff working in the ZRR');
  });

  it('a French beneficiary raises nothing; an item marked fromZrr in a non-ZRR organization counts', () => {
    expect(run({ declarations: [labDecl(FR_CO, 'exploitation')] }, 'ZRR-ACCESS')).toEqual([]);
    const declarations = [
      decl(FR_CO, { background: [bg('bg-f', { fromZrr: true })], accessRights: [right('ar-f', US_CO, FR_CO, { kind: 'background', itemKey: 'bg-f' })] }),
    ];
    const [f] = run({ declarations }, 'ZRR-ACCESS');
    expect(f!.evidence.itemFromZrr).toBe(true);
    const plain = [decl(FR_CO, { background: [bg('bg-f')], accessRights: [right('ar-f', US_CO, FR_CO, { kind: 'background', itemKey: 'bg-f' })] })];
    expect(run({ declarations: plain }, 'ZRR-ACCESS')).toEqual([]);
  });

  it("a ZRR lab's result co-owned by a foreign partner → high", () => {
    const declarations = [
      decl(LAB, {
        results: [
          result('r-z', [
            { organizationId: LAB, pct: 70 },
            { organizationId: DE_CO, pct: 30 },
          ]),
        ],
      }),
    ];
    const [f] = run({ declarations }, 'ZRR-ACCESS');
    expect(f!.subject).toEqual({ organizationId: LAB, resultKey: 'r-z' });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('hygiene rules', () => {
  it('PUBLICATION-BEFORE-FILING: a publication the day before the filing → high; the same day or later → nothing', () => {
    const res = (date: string) => [
      decl(P, {
        results: [result('r-1', [{ organizationId: P, pct: 100 }], { plannedFilingDate: '2026-04-01', plannedPublications: [{ venue: 'NeurIPS', date }] })],
      }),
    ];
    const [f] = run({ declarations: res('2026-03-31') }, 'PUBLICATION-BEFORE-FILING');
    expect(f!.severity).toBe('high');
    expect(f!.subject).toEqual({ organizationId: P, resultKey: 'r-1' });
    expect(f!.explanation.fr).toContain('L611-11');
    expect(f!.explanation.fr).toContain('« NeurIPS »');
    expect(run({ declarations: res('2026-04-01') }, 'PUBLICATION-BEFORE-FILING')).toEqual([]);
    expect(run({ declarations: res('2026-05-01') }, 'PUBLICATION-BEFORE-FILING')).toEqual([]);
    const noFiling = [decl(P, { results: [result('r-1', [{ organizationId: P, pct: 100 }], { plannedPublications: [{ venue: 'X', date: '2026-01-01' }] })] })];
    expect(run({ declarations: noFiling }, 'PUBLICATION-BEFORE-FILING')).toEqual([]);
  });

  it('OWNERSHIP-SHARES: exact decimal sums; 99.99 and 100.0001 are flagged, 33.33 + 33.33 + 33.34 is not', () => {
    const res = (pcts: number[]) => [
      decl(P, {
        results: [
          result(
            'r-1',
            pcts.map((pct, i) => ({ organizationId: [P, FR_CO, LAB][i]!, pct })),
          ),
        ],
      }),
    ];
    expect(run({ declarations: res([33.33, 33.33, 33.34]) }, 'OWNERSHIP-SHARES')).toEqual([]);
    const [f] = run({ declarations: res([50, 49.99]) }, 'OWNERSHIP-SHARES');
    expect(f!.severity).toBe('medium');
    expect(f!.evidence.total).toBe('99.99');
    expect(f!.explanation.fr).toContain('99,99 %');
    expect(f!.explanation.fr).toContain('L613-29');
    expect(run({ declarations: res([50, 50.0001]) }, 'OWNERSHIP-SHARES')).toHaveLength(1);
    expect(run({ declarations: [decl(P, { results: [result('r-1', [])] })] }, 'OWNERSHIP-SHARES')).toEqual([]);
  });

  it('BACKGROUND-CONFLICT: two partners claiming the same identifier, unless they name each other as owners', () => {
    const item = (key: string, value: string, owners: string[] = []) =>
      bg(key, { type: 'patent', identifiers: [{ kind: 'patent-publication', value }], owners: owners.map((organizationId) => ({ organizationId })) });
    const findings = run(
      { declarations: [decl(P, { background: [item('bg-1', 'EP 1 234 567 B1')] }), decl(FR_CO, { background: [item('bg-9', 'EP1234567B1')] })] },
      'BACKGROUND-CONFLICT',
    );
    expect(findings.map((f) => f.subject)).toEqual(
      expect.arrayContaining([
        { organizationId: P, itemKey: 'bg-1' },
        { organizationId: FR_CO, itemKey: 'bg-9' },
      ]),
    );
    expect(findings).toHaveLength(2);
    expect(findings[0]!.severity).toBe('medium');
    const joint = run(
      {
        declarations: [
          decl(P, { background: [item('bg-1', 'EP1234567B1', [P, FR_CO])] }),
          decl(FR_CO, { background: [item('bg-9', 'EP1234567B1', [FR_CO, P])] }),
        ],
      },
      'BACKGROUND-CONFLICT',
    );
    expect(joint).toEqual([]);
    const internal = (key: string) => bg(key, { identifiers: [{ kind: 'internal-reference', value: 'REF-1' }] });
    expect(run({ declarations: [decl(P, { background: [internal('a')] }), decl(FR_CO, { background: [internal('b')] })] }, 'BACKGROUND-CONFLICT')).toEqual([]);
  });

  it('CONDITIONS-MISSING: a missing regime, or case-by-case without text → low', () => {
    const declarations = [
      decl(P, {
        background: [
          bg('ok'),
          bg('no-expl', { exploitationConditions: undefined }),
          bg('vague', { executionConditions: { regime: 'case-by-case' } }),
          bg('clear', { executionConditions: { regime: 'case-by-case', text: 'Licence par projet' } }),
        ],
      }),
    ];
    const findings = run({ declarations }, 'CONDITIONS-MISSING');
    expect(findings.map((f) => f.subject.itemKey).sort()).toEqual(['no-expl', 'vague']);
    expect(findings.every((f) => f.severity === 'low')).toBe(true);
  });

  it('NO-CONFIDENTIALITY: a declaration without a confidentiality term → medium', () => {
    const [f] = run(
      { declarations: [decl(P, { background: [] }), decl(FR_CO, { confidentiality: { termYears: 5, survivesProject: true } })] },
      'NO-CONFIDENTIALITY',
    );
    expect(f!.subject).toEqual({ organizationId: P });
    expect(f!.severity).toBe('medium');
  });

  it('DECLARATION-MISSING: only once the workflow has left the declarations stage; drafts do not count', () => {
    const declarations = [decl(P, {}, true), decl(FR_CO, {}, false)];
    const members = [P, FR_CO, LAB];
    expect(run({ declarations, members }, 'DECLARATION-MISSING')).toEqual([]);
    expect(run({ declarations, members, stage: 'declarations' }, 'DECLARATION-MISSING')).toEqual([]);
    const findings = run({ declarations, members, stage: 'legal-review' }, 'DECLARATION-MISSING');
    expect(findings.map((f) => f.subject.organizationId).sort()).toEqual([FR_CO, LAB].sort());
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
  });

  it('declarations of organizations that are not members are ignored', () => {
    const declarations = [decl(US_CO, { background: [bg('x', { exploitationConditions: undefined })] })];
    expect(run({ declarations, members: [P] })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('control-event body', () => {
  const valid = {
    kind: 'acquisition',
    status: 'planned',
    investor: { name: 'Silicon Valley Ventures', country: 'US', listed: false },
    votingRightsAfterPct: 30,
    votingRightsBeforePct: 0,
    effectiveDate: '2026-03-01',
    authorisation: { status: 'requested', reference: 'DGT-2026-001' },
  };

  it('accepts a complete body and refuses unknown fields (strict)', () => {
    expect(controlEventInputSchema.safeParse(valid).success).toBe(true);
    expect(controlEventInputSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(controlEventInputSchema.safeParse({ ...valid, investor: { ...valid.investor, foo: 1 } }).success).toBe(false);
  });

  it('checks percentages (0..100, 4 decimals), the country code and the date', () => {
    expect(controlEventInputSchema.safeParse({ ...valid, votingRightsAfterPct: 25.00001 }).success).toBe(false);
    expect(controlEventInputSchema.safeParse({ ...valid, votingRightsAfterPct: 100.1 }).success).toBe(false);
    expect(controlEventInputSchema.safeParse({ ...valid, votingRightsAfterPct: 24.9999 }).success).toBe(true);
    expect(controlEventInputSchema.safeParse({ ...valid, investor: { name: 'X', country: 'XX' } }).success).toBe(false);
    expect(controlEventInputSchema.safeParse({ ...valid, effectiveDate: '2026-02-30' }).success).toBe(false);
  });

  it('cross-field rules: > 50 % is control; tax domicile for natural persons; decision date with a decision; no self-investment', () => {
    expect(controlEventInputSchema.safeParse({ ...valid, votingRightsAfterPct: 60, controlAcquired: false }).success).toBe(false);
    expect(controlEventInputSchema.safeParse({ ...valid, investor: { name: 'X', country: 'FR', taxDomiciledInFrance: false } }).success).toBe(false);
    expect(controlEventInputSchema.safeParse({ ...valid, authorisation: { status: 'requested', decidedAt: '2026-01-01' } }).success).toBe(false);
    expect(() => parseControlEventInput({ ...valid, investor: { name: 'Self', country: 'FR', organizationId: P } }, P)).toThrow(ValidationError);
    try {
      parseControlEventInput({ ...valid, extra: true }, P);
      throw new Error('not thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).errors).toEqual([expect.objectContaining({ path: 'extra' })]);
    }
  });
});
