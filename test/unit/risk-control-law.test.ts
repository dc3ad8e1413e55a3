import { amendControlEvent, parseControlEventInput, withdrawControlEvent, type ControlEvent } from '../../shared/domain/control-event';
import { ConflictError, ValidationError } from '../../shared/domain/errors';
import { evaluateProject } from '../../shared/domain/risk/engine';
import { controlClauseOf, partyStatus, presumedControl } from '../../shared/domain/risk/control-law';
import { causeWithdrawn, reconcile } from '../../shared/domain/risk/lifecycle';
import type { Finding, RiskInput, RiskOrganization, RiskShareholder } from '../../shared/domain/risk/types';

/**
 * Issue 14 §3, the legal tests one case each (docs/risk.md "Rule and case map"): CMF R151-1 (who is foreign) and
 * R151-2 (the 25 % threshold: who is outside the EU/EEA), Code de commerce L233-3 (I 1°-4°, II, III), and the
 * IEF-ACQUISITION flag following an amended, withdrawn and re-recorded event.
 */

const oid = (n: number) => `org_${n.toString(16).padStart(32, '0')}`;
const P = oid(1);
const H = oid(2);
const cev = (n: number) => `cev_${n.toString(16).padStart(32, '0')}`;
const sh = (name: string, country: string, votingRightsPct: number, extra: Partial<RiskShareholder> = {}): RiskShareholder => ({
  name,
  country,
  votingRightsPct,
  ...extra,
});
const org = (id: string, legalName: string, country: string, shareholders: RiskShareholder[] = []): RiskOrganization => ({
  id,
  legalName,
  country,
  shareholders,
});

function input(orgs: RiskOrganization[], events: ControlEvent[] = []): RiskInput {
  return {
    project: { id: 'prj_00000000000000000000000000000001', technologyDomains: ['quantum'] },
    memberships: [{ organizationId: P, role: 'partner' }],
    organizations: new Map(orgs.map((o) => [o.id, o])),
    declarations: [],
    controlEvents: events,
    now: new Date('2026-01-05T08:00:00Z'),
  };
}
const rule = (id: string, orgs: RiskOrganization[], events: ControlEvent[] = []): Finding[] =>
  evaluateProject(input(orgs, events)).filter((f) => f.ruleId === id);
function event(over: Partial<ControlEvent> = {}): ControlEvent {
  return {
    id: cev(1),
    organizationId: P,
    recordedAt: '2026-01-05T08:00:00.000Z',
    recordedBy: 'u-legal',
    kind: 'shareholding-change',
    status: 'planned',
    investor: { name: 'Redwood Fund', country: 'US' },
    votingRightsBeforePct: 0,
    votingRightsAfterPct: 30,
    effectiveDate: '2026-03-01',
    version: 1,
    ...over,
  };
}
const founders = (pct = 100) => org(P, 'Neurone SAS', 'FR', [sh('Fondateurs', 'FR', pct, { naturalPerson: true })]);

describe('CMF R151-1 / R151-2: who is foreign, who is outside the EU/EEA', () => {
  it('R151-1 1°: a foreign national is foreign; the 25 % threshold applies unless an EU/EEA national domiciled in the EU/EEA', () => {
    expect(partyStatus({ country: 'CH', naturalPerson: true, taxDomicileCountry: 'CH' })).toMatchObject({
      foreign: true,
      nonEuEea: true,
      foreignBy: 'nationality',
    });
    expect(partyStatus({ country: 'DE', naturalPerson: true })).toMatchObject({ foreign: true, nonEuEea: false });
    expect(partyStatus({ country: 'DE', naturalPerson: true, taxDomicileCountry: 'CH' })).toMatchObject({ foreign: true, nonEuEea: true });
  });
  it('R151-1 2°: a French national not tax-domiciled in France is foreign; outside the EU/EEA if domiciled there', () => {
    expect(partyStatus({ country: 'FR', naturalPerson: true })).toMatchObject({ foreign: false, foreignBy: null });
    expect(partyStatus({ country: 'FR', naturalPerson: true, taxDomicileCountry: 'BE' })).toMatchObject({
      foreign: true,
      nonEuEea: false,
      foreignBy: 'tax-domicile',
    });
    expect(partyStatus({ country: 'FR', naturalPerson: true, taxDomicileCountry: 'US' })).toMatchObject({
      foreign: true,
      nonEuEea: true,
      foreignBy: 'tax-domicile',
    });
    // Compatibility: taxDomiciledInFrance false = abroad, country unknown: foreign, not by itself outside the EU/EEA.
    expect(partyStatus({ country: 'FR', naturalPerson: true, taxDomiciledInFrance: false })).toMatchObject({
      foreign: true,
      nonEuEea: false,
      taxDomicileCountry: null,
    });
  });
  it('R151-1 3°: an entity is foreign by its seat; the tax domicile is for natural persons only', () => {
    expect(partyStatus({ country: 'US' })).toMatchObject({ foreign: true, nonEuEea: true, foreignBy: 'seat' });
    expect(partyStatus({ country: 'FR', taxDomicileCountry: 'US' })).toMatchObject({ foreign: false });
    expect(() => parseControlEventInput({ ...body(), investor: { name: 'X', country: 'FR', taxDomicileCountry: 'US' } }, P)).toThrow(ValidationError);
  });
  it('a French national domiciled in the US, 30 %: IEF-ACQUISITION (25 % threshold), naming the link and R151-1 2°', () => {
    const [f] = rule(
      'IEF-ACQUISITION',
      [founders()],
      [event({ investor: { name: 'Jean Expat', country: 'FR', naturalPerson: true, taxDomicileCountry: 'US' } })],
    );
    expect(f!.evidence.triggers).toEqual(['threshold-25']);
    expect(f!.explanation.fr).toContain('ressortissant français non domicilié fiscalement en France (domicile fiscal US, CMF R151-1 2°)');
    expect(f!.explanation.en).toContain('French national not tax-domiciled in France (tax domicile US, CMF R151-1 2°)');
    // Domiciled in Belgium: foreign but EU/EEA: 30 % without control is not an operation.
    expect(
      rule('IEF-ACQUISITION', [founders()], [event({ investor: { name: 'Jean Expat', country: 'FR', naturalPerson: true, taxDomicileCountry: 'BE' } })]),
    ).toEqual([]);
  });
  it('a shareholder who is a French national tax-domiciled in Switzerland is screened by IEF-FOREIGN-CONTROL (25 %)', () => {
    const orgs = [org(P, 'Neurone SAS', 'FR', [sh('Paul Léman', 'FR', 30, { naturalPerson: true, taxDomicileCountry: 'CH' }), sh('Fondateurs', 'FR', 70)])];
    const [f] = rule('IEF-FOREIGN-CONTROL', orgs);
    expect(f!.evidence.basis).toEqual(['threshold']);
    expect(f!.explanation.fr).toContain('R151-1 2°');
    expect(f!.explanation.fr).toContain('seuil appliqué : 25 %');
    expect(
      rule('IEF-FOREIGN-CONTROL', [org(P, 'Neurone SAS', 'FR', [sh('Paul Léman', 'FR', 30, { naturalPerson: true }), sh('Fondateurs', 'FR', 70)])]),
    ).toEqual([]);
  });
});

describe('Code de commerce L233-3: control, and the clause each explanation names', () => {
  it('I 1°: a majority of the voting rights', () => {
    expect(controlClauseOf({ votingRightsPct: 50.0001 }, 0)).toBe('I-1');
    const [f] = rule('IEF-ACQUISITION', [founders()], [event({ investor: { name: 'Bayern Kapital', country: 'DE' }, votingRightsAfterPct: 51 })]);
    expect(f!.evidence.l233_3).toBe('I-1');
    expect(f!.explanation.fr).toContain('majorité des droits de vote (code de commerce, art. L233-3 I 1°)');
  });
  it('I 2°, I 3°, I 4°: declared bases of control below a majority (event controlBasis, shareholder controlBasis)', () => {
    for (const [basis, clause, words] of [
      ['agreement', 'I-2', 'L233-3 I 2°'],
      ['de-facto', 'I-3', 'L233-3 I 3°'],
      ['appointment', 'I-4', 'L233-3 I 4°'],
    ] as const) {
      const [f] = rule(
        'IEF-ACQUISITION',
        [founders()],
        [event({ investor: { name: 'Bayern Kapital', country: 'DE' }, votingRightsAfterPct: 20, controlBasis: basis })],
      );
      expect(f!.evidence.l233_3).toBe(clause);
      expect(f!.explanation.fr).toContain(words);
      const [g] = rule('IEF-FOREIGN-CONTROL', [
        org(P, 'Neurone SAS', 'FR', [sh('Bayern Kapital', 'DE', 20, { controlBasis: basis }), sh('Fondateurs', 'FR', 80)]),
      ]);
      expect(g!.evidence.controlClause).toBe(clause);
      expect(g!.explanation.en).toContain(words);
    }
  });
  it('II: more than 40 % and no other shareholder holding more — presumed; rebutted when another surely keeps more', () => {
    expect(controlClauseOf({ votingRightsPct: 40 }, 0)).toBeNull();
    expect(controlClauseOf({ votingRightsPct: 41 }, 41)).toBe('II');
    expect(controlClauseOf({ votingRightsPct: 41 }, 42)).toBeNull();
    expect(presumedControl(45, [100])).toBe(false); // the only other holder keeps at least 55 %
    expect(presumedControl(45, [60, 40])).toBe(true); // the 60 % holder may keep only 15 %
    expect(presumedControl(45, [30, 25])).toBe(true);
    const [f] = rule(
      'IEF-ACQUISITION',
      [org(P, 'Neurone SAS', 'FR', [sh('A', 'FR', 30), sh('B', 'FR', 25)])],
      [event({ investor: { name: 'Bayern Kapital', country: 'DE' }, votingRightsAfterPct: 45 })],
    );
    expect(f!.evidence.l233_3).toBe('II');
    expect(f!.explanation.fr).toContain('présomption de contrôle');
    expect(rule('IEF-ACQUISITION', [founders()], [event({ investor: { name: 'Bayern Kapital', country: 'DE' }, votingRightsAfterPct: 45 })])).toEqual([]);
    // A 45 % shareholder of the partner, with the others below it: presumed control, foreign → IEF-FOREIGN-CONTROL.
    const [g] = rule('IEF-FOREIGN-CONTROL', [org(P, 'Neurone SAS', 'FR', [sh('Bayern Kapital', 'DE', 45), sh('A', 'FR', 30), sh('B', 'FR', 25)])]);
    expect(g!.evidence.controlClause).toBe('II');
    expect(g!.explanation.fr).toContain('L233-3 II');
  });
  it('III: joint control in concert (L233-10) — declared, or together above 50 %; the concert counts for the 25 % threshold', () => {
    const concertWith = [{ name: 'Oslo Invest', country: 'NO', votingRightsPct: 15 }];
    const [declared] = rule(
      'IEF-ACQUISITION',
      [founders()],
      [event({ investor: { name: 'Bayern Kapital', country: 'DE' }, votingRightsAfterPct: 20, controlBasis: 'concert', concertWith })],
    );
    expect(declared!.evidence.l233_3).toBe('III');
    expect(declared!.explanation.fr).toContain('L233-10');
    const [together] = rule(
      'IEF-ACQUISITION',
      [founders()],
      [event({ investor: { name: 'Bayern Kapital', country: 'DE' }, votingRightsAfterPct: 40, concertWith: [{ ...concertWith[0]!, votingRightsPct: 11 }] })],
    );
    expect(together!.evidence.l233_3).toBe('III');
    // A US fund at 20 % with a French partner at 10 %: 30 % together crosses 25 % ("seul ou de concert").
    const [threshold] = rule(
      'IEF-ACQUISITION',
      [founders()],
      [event({ votingRightsAfterPct: 20, concertWith: [{ name: 'Alpes Capital', country: 'FR', votingRightsPct: 10 }] })],
    );
    expect(threshold!.evidence.triggers).toEqual(['threshold-25']);
    expect(rule('IEF-ACQUISITION', [founders()], [event({ votingRightsAfterPct: 20 })])).toEqual([]);
    expect(() => parseControlEventInput({ ...body(), controlBasis: 'concert' }, P)).toThrow(ValidationError);
  });
  it('every IEF explanation names the link that made the investor foreign, the rule, the article and the threshold', () => {
    const orgs = [founders(), org(H, 'Holding Léman SA', 'FR', [sh('Anna Keller', 'CH', 60, { naturalPerson: true })])];
    const [f] = rule('IEF-ACQUISITION', orgs, [event({ investor: { name: 'Holding Léman SA', country: 'FR', organizationId: H }, votingRightsAfterPct: 30 })]);
    expect(f!.explanation.fr).toContain(
      "Ce qui rend l'investisseur étranger (lien de la chaîne de contrôle) : « Anna Keller » (personne physique de nationalité étrangère (CH, CMF R151-1 1°))",
    );
    expect(f!.explanation.fr).toContain('Règle IEF-ACQUISITION (v2)');
    expect(f!.explanation.fr).toContain('seuil appliqué : 25 %');
    expect(f!.explanation.en).toContain('What makes the investor foreign (link of the control chain): “Anna Keller”');
    expect(f!.explanation.en).toContain('Rule IEF-ACQUISITION (v2)');
  });
});

function body() {
  return {
    kind: 'shareholding-change',
    status: 'planned',
    investor: { name: 'Redwood Fund', country: 'US' },
    votingRightsAfterPct: 30,
    effectiveDate: '2026-03-01',
  };
}

describe('amend and withdraw: one flag per partner, target and investor', () => {
  const by = { sub: 'u-legal', at: '2026-02-01T10:00:00.000Z' };
  it('amends into a new version listing what changed; completed → planned and a withdrawn event are refused (409)', () => {
    const { event: next, changes } = amendControlEvent(event(), { votingRightsAfterPct: 20, description: 'Tour B' }, by);
    expect(next.version).toBe(2);
    expect(changes).toEqual(['votingRightsAfterPct', 'description']);
    expect(amendControlEvent(event(), { votingRightsAfterPct: 30 }, by).changes).toEqual([]);
    expect(() => amendControlEvent(event({ status: 'completed' }), { status: 'planned' }, by)).toThrow(ConflictError);
    expect(() => amendControlEvent(event(), { votingRightsAfterPct: 60, controlAcquired: false }, by)).toThrow(ValidationError);
    const w = withdrawControlEvent(event(), ' Abandon ', by);
    expect(w).toMatchObject({ status: 'withdrawn', version: 2, withdrawal: { reason: 'Abandon', by: 'u-legal', previousStatus: 'planned' } });
    expect(() => withdrawControlEvent(w, 'again', by)).toThrow(ConflictError);
    expect(() => amendControlEvent(w, { votingRightsAfterPct: 40 }, by)).toThrow(ConflictError);
  });
  it('the flag is updated by an amendment, closed "cause withdrawn" by a withdrawal, and the same flag reopens on a new event', () => {
    const orgs = [founders()];
    const at = (d: number) => new Date(Date.UTC(2026, 1, d));
    const first = reconcile([], rule('IEF-ACQUISITION', orgs, [event()]), at(1), { scope: 'p' });
    const flag = first.created[0]!;
    const amended = amendControlEvent(event(), { votingRightsAfterPct: 35 }, by).event;
    const up = reconcile([flag], rule('IEF-ACQUISITION', orgs, [amended]), at(2), { scope: 'p' });
    expect(up.upserts.map((f) => [f.id, f.history.at(-1)!.action])).toEqual([[flag.id, 'updated']]);
    const withdrawn = withdrawControlEvent(amended, 'Abandon', by);
    expect(rule('IEF-ACQUISITION', orgs, [withdrawn])).toEqual([]);
    const closed = reconcile(up.upserts, rule('IEF-ACQUISITION', orgs, [withdrawn]), at(3), {
      scope: 'p',
      closeReason: () => causeWithdrawn(withdrawn.id, 'Abandon'),
    });
    expect(closed.closed[0]).toMatchObject({ id: flag.id, status: 'closed', closeReason: { code: 'cause-withdrawn' } });
    expect(closed.closed[0]!.closeReason!.fr).toContain('Cause retirée');
    const again = reconcile(closed.upserts, rule('IEF-ACQUISITION', orgs, [withdrawn, event({ id: cev(2) })]), at(4), { scope: 'p' });
    expect(again.reopened.map((f) => f.id)).toEqual([flag.id]);
    expect(again.reopened[0]!.closeReason).toBeUndefined();
  });
  it('two active events of the same investor on the same target make one finding resting on the latest', () => {
    const fs = rule(
      'IEF-ACQUISITION',
      [founders()],
      [event(), event({ id: cev(2), effectiveDate: '2026-09-01', votingRightsBeforePct: 30, votingRightsAfterPct: 60 })],
    );
    expect(fs).toHaveLength(1);
    expect((fs[0]!.evidence.event as { id: string }).id).toBe(cev(2));
    expect((fs[0]!.evidence.events as { id: string }[]).map((e) => e.id)).toEqual([cev(1), cev(2)]);
  });
});
