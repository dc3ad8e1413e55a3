import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';

/**
 * What the organization page and the legal dashboard read: the control chain (GET /organizations/{id}/control-chain),
 * an organization's projects, the consequences a control event answers with, the pôle's recent control events
 * (GET /control-events), and the partners' names on a project for its members.
 */
let api: Api;
let legal: string;
let startup: string, fund: string, gp: string, other: string;
let project: { id: string; acronym: string };
const tag = `OP${Date.now() % 1e6}`;

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  const mk = async (body: Record<string, unknown>) => {
    const r = await api.call('POST', '/organizations', { token: legal, body });
    if (r.status !== 201) throw new Error(`POST /organizations → ${r.status}: ${r.text.slice(0, 300)}`);
    return r.body.id as string;
  };
  gp = await mk({ legalName: `Redwood GP ${tag}`, registrationId: 'KY-123', country: 'KY', category: 'other' });
  fund = await mk({
    legalName: `Redwood Capital Fund ${tag}`,
    registrationId: 'US-DE-5551234',
    country: 'US',
    category: 'other',
    shareholders: [{ name: `Redwood GP ${tag}`, country: 'KY', votingRightsPct: 100, organizationId: gp }],
  });
  startup = await mk(
    frenchOrg(`Alpinia ${tag}`, {
      category: 'startup',
      shareholders: [
        { name: 'Fondateurs', country: 'FR', votingRightsPct: 70, naturalPerson: true },
        { name: `Redwood Capital Fund ${tag}`, country: 'US', votingRightsPct: 30, organizationId: fund },
      ],
    }),
  );
  other = await mk(frenchOrg(`Isère Semi ${tag}`, { category: 'large' }));
  const acronym = `${tag}Q`;
  const p = await api.call('POST', '/projects', {
    token: legal,
    body: projectBody({
      acronym,
      technologyDomains: ['quantum'],
      partners: [
        { organizationId: other, role: 'coordinator' },
        { organizationId: startup, role: 'partner' },
      ],
    }),
  });
  expect(p.status).toBe(201);
  // The creation answers with the partners' names too.
  expect(p.body.partners).toEqual(
    expect.arrayContaining([expect.objectContaining({ organizationId: startup, legalName: `Alpinia ${tag}`, country: 'FR', role: 'partner' })]),
  );
  project = { id: p.body.id, acronym };
});
afterAll(() => api.close());

test('the control chain walks up through the registered US fund to its Cayman general partner, as the risk engine does', async () => {
  const r = await api.call('GET', `/organizations/${startup}/control-chain`, { token: legal });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ organizationId: startup, legalName: `Alpinia ${tag}`, country: 'FR', thresholdPct: 25, truncated: false, unresolved: [] });
  const nodes = r.body.nodes as {
    id: string;
    parentId: string | null;
    name: string;
    country: string;
    votingRightsPct: number;
    nonEuEea: boolean;
    screened: boolean;
    controls: boolean;
  }[];
  const fundNode = nodes.find((n) => n.name === `Redwood Capital Fund ${tag}`)!;
  expect(fundNode).toMatchObject({ country: 'US', votingRightsPct: 30, nonEuEea: true, screened: true, controls: false, parentId: null });
  expect(nodes.find((n) => n.parentId === fundNode.id)).toMatchObject({ name: `Redwood GP ${tag}`, country: 'KY', votingRightsPct: 100, screened: true });
  // 30 % of a non-listed company by a non-EU/EEA fund: above the R151-2 threshold.
  expect(r.body.iefFindings).toEqual([expect.objectContaining({ shareholderName: `Redwood Capital Fund ${tag}`, basis: ['threshold'] })]);
  expect(r.body.foreignControllers).toEqual([]);
  expect((await api.call('GET', `/organizations/org_${'0'.repeat(32)}/control-chain`, { token: legal })).status).toBe(404);
});

test("an organization's projects", async () => {
  const r = await api.call('GET', `/organizations/${startup}/projects`, { token: legal });
  expect(r.body.items.map((p: { id: string }) => p.id)).toEqual([project.id]);
  const mine = await api.call('GET', `/organizations/${startup}/projects`, { token: await tokenFor('partner', startup) });
  expect(mine.body.items.map((p: { acronym: string }) => p.acronym)).toEqual([project.acronym]);
  expect((await api.call('GET', `/organizations/${fund}/projects`, { token: legal })).body.items).toEqual([]);
});

test('a control event answers with its consequences: per project, its acronym and the flags raised with their titles', async () => {
  const r = await api.call('POST', `/organizations/${startup}/control-events`, {
    token: legal,
    body: {
      kind: 'acquisition',
      status: 'planned',
      investor: { name: 'Shenzhen Quantum Capital', country: 'CN' },
      votingRightsBeforePct: 0,
      votingRightsAfterPct: 30,
      effectiveDate: '2027-02-01',
    },
  });
  expect(r.status).toBe(201);
  expect(r.body.reevaluated).toEqual([
    expect.objectContaining({
      projectId: project.id,
      acronym: project.acronym,
      title: 'Projet de test',
      raised: expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'IEF-ACQUISITION',
          severity: expect.stringMatching(/high|critical/),
          title: { fr: expect.any(String), en: expect.any(String) },
        }),
      ]),
      reopened: [],
      updated: expect.any(Array),
      closed: [],
    }),
  ]);
  const raised = r.body.reevaluated[0].raised.find((f: { ruleId: string }) => f.ruleId === 'IEF-ACQUISITION');
  const flag = await api.call('GET', `/projects/${project.id}/flags?status=open`, { token: legal });
  expect(flag.body.items.find((f: { id: string }) => f.id === raised.id).title).toEqual(raised.title);

  // A change of the fund's chain re-evaluates the start-up's project (down the holding links); nothing new to raise.
  const onFund = await api.call('POST', `/organizations/${fund}/control-events`, {
    token: legal,
    body: {
      kind: 'shareholding-change',
      status: 'completed',
      investor: { name: 'Cayman LP', country: 'KY' },
      votingRightsAfterPct: 5,
      effectiveDate: '2027-01-15',
    },
  });
  expect(onFund.status).toBe(201);
  expect(onFund.body.reevaluated.map((x: { acronym: string }) => x.acronym)).toEqual([project.acronym]);
});

test("the pôle's recent control events: newest first, with the organization's name, paginated, from a day", async () => {
  type Item = { organizationId: string; recordedAt: string; organization: { legalName: string; country: string } };
  const mine = (items: Item[]) => items.filter((e) => e.organizationId === startup || e.organizationId === fund);
  const first = await api.call('GET', '/control-events', { token: legal });
  expect(first.status).toBe(200);
  expect(first.body.items.length).toBeLessThanOrEqual(50); // the default page (shared/domain/page.ts)
  // Walk pages of 1 until both events of this file are seen (other test files record events at the same time).
  const seen: Item[] = [];
  let cursor: string | null = null;
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < 200 && seen.length < 2; i++) {
    const page: { body: { items: typeof seen; nextCursor: string | null } } = await api.call(
      'GET',
      `/control-events?limit=1&from=${today}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: await tokenFor('committee') },
    );
    expect(page.body.items.length).toBeLessThanOrEqual(1);
    seen.push(...mine(page.body.items));
    cursor = page.body.nextCursor;
    if (!cursor) break;
  }
  expect(seen.map((e) => e.organization.legalName)).toEqual([`Redwood Capital Fund ${tag}`, `Alpinia ${tag}`]);
  expect(seen[0]!.recordedAt >= seen[1]!.recordedAt).toBe(true);
  expect(seen[1]!.organization.country).toBe('FR');
  // Nothing recorded in the future; a bad day or limit is a 400 at the parameter.
  expect((await api.call('GET', '/control-events?from=2999-01-01', { token: legal })).body.items).toEqual([]);
  const bad = await api.call('GET', '/control-events?from=2027-13-01&limit=500', { token: legal });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['from', 'limit']);
  expect((await api.call('GET', '/control-events?cursor=bm90LWEtY3Vyc29y', { token: legal })).status).toBe(400);
});

test('every member of the project sees its partners by name; still no access to the other organization itself', async () => {
  const partner = await tokenFor('partner', startup);
  const r = await api.call('GET', `/projects/${project.id}`, { token: partner });
  expect(r.body.partners.map((p: { legalName: string; country: string; role: string }) => [p.legalName, p.country, p.role]).sort()).toEqual([
    [`Alpinia ${tag}`, 'FR', 'partner'],
    [`Isère Semi ${tag}`, 'FR', 'coordinator'],
  ]);
  expect((await api.call('GET', `/organizations/${other}`, { token: partner })).status).toBe(404);
});
