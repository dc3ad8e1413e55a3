import { controlChainOf, MAX_TREE_NODES } from '../../shared/domain/risk/control-chain';
import { evaluateProject } from '../../shared/domain/risk/engine';
import type { RiskOrganization, RiskShareholder } from '../../shared/domain/risk/types';

/** The control chain of an organization (GET /organizations/{orgId}/control-chain), computed by the risk engine's code. */

const oid = (n: number) => `org_${n.toString(16).padStart(32, '0')}`;
const START = oid(1); // a French AI start-up
const HOLD = oid(2); // its French holding
const FUND = oid(3); // a US fund controlling the holding
const GP = oid(4); // the fund's general partner (Cayman)
const DE = oid(5); // a German minority holder

const org = (
  id: string,
  legalName: string,
  country: string,
  shareholders: RiskShareholder[] = [],
  extra: Partial<RiskOrganization> = {},
): RiskOrganization => ({
  id,
  legalName,
  country,
  shareholders,
  ...extra,
});
const mapOf = (...orgs: RiskOrganization[]) => new Map(orgs.map((o) => [o.id, o]));

const chainOrgs = () =>
  mapOf(
    org(START, 'Neurone SAS', 'FR', [
      { name: 'Neurone Holding', country: 'FR', votingRightsPct: 55, organizationId: HOLD },
      { name: 'Munich Ventures', country: 'DE', votingRightsPct: 30, organizationId: DE },
      { name: 'Fondateurs', country: 'FR', votingRightsPct: 15, naturalPerson: true },
    ]),
    org(HOLD, 'Neurone Holding', 'FR', [
      { name: 'Redwood Capital Fund', country: 'US', votingRightsPct: 70, organizationId: FUND },
      { name: 'BPI', country: 'FR', votingRightsPct: 30 },
    ]),
    org(FUND, 'Redwood Capital Fund', 'US', [{ name: 'Redwood GP', country: 'KY', votingRightsPct: 100, organizationId: GP }]),
    org(GP, 'Redwood GP', 'KY'),
    org(DE, 'Munich Ventures GmbH', 'DE', [{ name: 'Beijing Tech', country: 'CN', votingRightsPct: 20 }]),
  );

describe('controlChainOf', () => {
  it('walks up through every registered shareholder, with countries, percentages and who controls', () => {
    const c = controlChainOf(START, chainOrgs())!;
    expect(c).toMatchObject({
      organizationId: START,
      legalName: 'Neurone SAS',
      country: 'FR',
      listed: false,
      thresholdPct: 25,
      truncated: false,
      unresolved: [],
    });
    const byName = new Map(c.nodes.map((n) => [n.name, n]));
    expect(c.nodes.map((n) => [n.name, n.depth, n.parentId === null ? null : c.nodes.find((p) => p.id === n.parentId)!.name])).toEqual(
      expect.arrayContaining([
        ['Neurone Holding', 1, null],
        ['Redwood Capital Fund', 2, 'Neurone Holding'],
        ['Redwood GP', 3, 'Redwood Capital Fund'],
        ['BPI', 2, 'Neurone Holding'],
        ['Munich Ventures', 1, null],
        ['Beijing Tech', 2, 'Munich Ventures'],
        ['Fondateurs', 1, null],
      ]),
    );
    expect(c.nodes).toHaveLength(7);
    // Every node comes after its parent (the page draws the tree in this order).
    c.nodes.forEach((n, i) => n.parentId && expect(c.nodes.findIndex((p) => p.id === n.parentId)).toBeLessThan(i));
    expect(byName.get('Redwood Capital Fund')).toMatchObject({
      country: 'US',
      votingRightsPct: 70,
      controlling: true,
      foreign: true,
      nonEuEea: true,
      controls: true,
      screened: true,
    });
    expect(byName.get('Redwood GP')).toMatchObject({ country: 'KY', controls: true, screened: true, nonEuEea: true });
    // A minority holder of the holding does not control the start-up; the German holder is foreign but EU.
    expect(byName.get('BPI')).toMatchObject({ controls: false, screened: false, foreign: false });
    expect(byName.get('Munich Ventures')).toMatchObject({ foreign: true, nonEuEea: false, controls: false, screened: true });
    // Above 25 % but not controlling: its own minority holder is not on a screened chain (the engine follows controllers only).
    expect(byName.get('Beijing Tech')).toMatchObject({ nonEuEea: true, screened: false, controls: false });
    // Foreign control: the US fund and its Cayman general partner, through the French holding.
    expect(c.foreignControllers.map((l) => l.name).sort()).toEqual(['Redwood Capital Fund', 'Redwood GP']);
    expect(c.iefFindings).toEqual([expect.objectContaining({ shareholderName: 'Neurone Holding', votingRightsPct: 55, basis: ['control', 'threshold'] })]);
  });

  it('agrees with IEF-FOREIGN-CONTROL in a sensitive project', () => {
    const organizations = chainOrgs();
    const findings = evaluateProject({
      project: { id: 'prj_1', technologyDomains: ['quantum'] },
      memberships: [{ organizationId: START, role: 'partner' }],
      organizations,
      declarations: [],
      controlEvents: [],
      now: new Date('2026-01-01'),
    }).filter((f) => f.ruleId === 'IEF-FOREIGN-CONTROL');
    const chain = controlChainOf(START, organizations)!;
    expect(findings.map((f) => f.subject.shareholderName)).toEqual(chain.iefFindings.map((x) => x.shareholderName));
    expect(findings[0]!.evidence.basis).toEqual(chain.iefFindings[0]!.basis);
  });

  it('uses the 10 % threshold of a listed company', () => {
    const orgs = mapOf(org(START, 'Coté SA', 'FR', [{ name: 'Gulf Investments', country: 'AE', votingRightsPct: 12 }], { listed: true }));
    const c = controlChainOf(START, orgs)!;
    expect(c.thresholdPct).toBe(10);
    expect(c.nodes[0]).toMatchObject({ screened: true, controls: false, nonEuEea: true });
    expect(c.iefFindings).toEqual([expect.objectContaining({ shareholderName: 'Gulf Investments', basis: ['threshold'] })]);
    expect(
      controlChainOf(START, mapOf(org(START, 'Non coté SAS', 'FR', [{ name: 'Gulf Investments', country: 'AE', votingRightsPct: 12 }])))!.iefFindings,
    ).toEqual([]);
  });

  it('marks cycles and unregistered organizations instead of looping', () => {
    const A = oid(10);
    const B = oid(11);
    const orgs = mapOf(
      org(A, 'A SAS', 'FR', [
        { name: 'B SAS', country: 'FR', votingRightsPct: 60, organizationId: B },
        { name: 'Inconnue', country: 'US', votingRightsPct: 40, organizationId: oid(99) },
      ]),
      org(B, 'B SAS', 'FR', [{ name: 'A SAS', country: 'FR', votingRightsPct: 60, organizationId: A }]),
    );
    const c = controlChainOf(A, orgs)!;
    expect(c.nodes.map((n) => [n.id, n.name, n.cycle ?? false, n.unresolved ?? false])).toEqual([
      ['1', 'B SAS', false, false],
      ['1.1', 'A SAS', true, false],
      ['2', 'Inconnue', false, true],
    ]);
    expect(c.unresolved).toEqual([oid(99)]);
  });

  it('is bounded', () => {
    // 200 holders each held by 200: far more than the tree shows.
    const ids = Array.from({ length: 200 }, (_, i) => oid(1000 + i));
    const wide = (n: string) => ids.map((id, i) => ({ name: `${n}-${i}`, country: 'FR', votingRightsPct: 0.5, organizationId: id }));
    const orgs = mapOf(
      org(START, 'Large', 'FR', wide('h')),
      ...ids.map((id, i) =>
        org(
          id,
          `H${i}`,
          'FR',
          wide(`g${i}`).map((s) => ({ ...s, organizationId: undefined })),
        ),
      ),
    );
    const c = controlChainOf(START, orgs)!;
    expect(c.nodes.length).toBe(MAX_TREE_NODES);
    expect(c.truncated).toBe(true);
  });

  it('is null for an organization that is not loaded', () => {
    expect(controlChainOf(oid(42), chainOrgs())).toBeNull();
  });
});
