import { startApi, tokenFor, frenchOrg, projectBody, sentMail, type Api } from './helpers/api';
import { completeDeclaration } from '../fixtures/declaration';

let api: Api;
let legal: string;
let startup: string, lab: string, group: string;
let projects: { id: string; acronym: string }[];
const tag = `R${Date.now() % 1e6}`;
const legalStaff = [`juriste1-${tag.toLowerCase()}@pole.example`, `juriste2-${tag.toLowerCase()}@pole.example`];

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  for (const email of legalStaff) {
    expect((await api.call('PUT', `/staff/${encodeURIComponent(email)}`, { token: legal, body: { name: email, role: 'legal', language: 'fr' } })).status).toBe(
      201,
    );
  }
  const mk = async (body: Record<string, unknown>) => (await api.call('POST', '/organizations', { token: legal, body })).body.id as string;
  startup = await mk(
    frenchOrg(`Alpinia ${tag}`, { category: 'startup', shareholders: [{ name: 'Fondateurs', country: 'FR', votingRightsPct: 100, naturalPerson: true }] }),
  );
  lab = await mk(frenchOrg(`Labo ${tag}`, { category: 'public-lab', zrr: true }));
  group = await mk(frenchOrg(`Groupe ${tag}`, { category: 'large' }));
  projects = [];
  for (const [i, domains] of [['quantum', 'artificial-intelligence'], ['semiconductors']].entries()) {
    const acronym = `${tag}P${i}`;
    const p = await api.call('POST', '/projects', {
      token: legal,
      body: projectBody({
        acronym,
        technologyDomains: domains,
        partners: [
          { organizationId: group, role: 'coordinator' },
          { organizationId: startup, role: 'partner' },
          { organizationId: lab, role: 'partner' },
        ],
      }),
    });
    projects.push({ id: p.body.id, acronym });
  }
});
afterAll(() => api.close());

const acquisition = (pct: number, status = 'planned') => ({
  kind: 'shareholding-change',
  status,
  investor: { name: 'Redwood Capital Holdings', country: 'US' },
  votingRightsBeforePct: 0,
  votingRightsAfterPct: pct,
  effectiveDate: '2027-03-01',
});

test('a planned 30 % acquisition by a US investor raises IEF-ACQUISITION on every project of the start-up, in the same request, and mails each legal staff member once', async () => {
  const r = await api.call('POST', `/organizations/${startup}/control-events`, { token: legal, body: acquisition(30) });
  expect(r.status).toBe(201);
  expect(r.body.reevaluated.map((x: { projectId: string }) => x.projectId).sort()).toEqual(projects.map((p) => p.id).sort());
  for (const p of projects) {
    const flags = await api.call('GET', `/projects/${p.id}/flags?status=open`, { token: legal });
    const ief = flags.body.items.filter((f: { ruleId: string }) => f.ruleId === 'IEF-ACQUISITION');
    expect(ief).toHaveLength(1);
    expect(ief[0].severity).toBe('high');
    expect(ief[0].explanation.fr).toMatch(/R151/);
    expect(ief[0].explanation.fr).toMatch(/Redwood/);
    expect(ief[0].holds).toEqual({ kind: 'ief', organizationId: startup });
  }
  const mails = await sentMail((m) => m.subject.includes(tag));
  for (const email of legalStaff) expect(mails.filter((m) => m.destination.to.includes(email))).toHaveLength(1);
  const mine = mails.find((m) => m.destination.to.includes(legalStaff[0]!))!;
  expect(mine.body.text).toMatch(/IEF-ACQUISITION/);
  expect(mine.body.html).toContain('/flags/');

  // The dashboard lists them across projects.
  const dash = await api.call('GET', '/flags?severity=high,critical&limit=100', { token: legal });
  const listed = dash.body.items.filter(
    (f: { projectId: string; ruleId: string }) => projects.some((p) => p.id === f.projectId) && f.ruleId === 'IEF-ACQUISITION',
  );
  expect(listed).toHaveLength(2);
  // Each names its project by acronym, as the dashboard shows it.
  for (const f of listed) expect(f.projectAcronym).toBe(projects.find((p) => p.id === f.projectId)!.acronym);

  // Re-evaluating again (any change) adds no twin and sends no new email.
  await api.call('PATCH', `/projects/${projects[0]!.id}`, { token: legal, body: { summary: 'Résumé' }, headers: { 'if-match': '"1"' } });
  const again = await api.call('GET', `/projects/${projects[0]!.id}/flags`, { token: legal });
  expect(again.body.items.filter((f: { ruleId: string }) => f.ruleId === 'IEF-ACQUISITION')).toHaveLength(1);
  expect((await sentMail((m) => m.subject.includes(tag))).length).toBe(mails.length);
});

test('an exclusive licence to the held partner is refused, naming the flag', async () => {
  const p = projects[0]!;
  const d = completeDeclaration(group, startup, lab);
  d.accessRights = [
    {
      key: 'ar-x',
      purpose: 'exploitation',
      direction: 'granted',
      beneficiaryOrganizationId: startup,
      grantorOrganizationId: group,
      subject: { kind: 'background', itemKey: 'bg-1' },
      exclusive: true,
      fieldOfUse: 'Tous domaines',
      territory: { scope: 'worldwide' },
      terms: 'Licence exclusive',
    },
  ];
  const r = await api.call('PUT', `/projects/${p.id}/declarations/${group}`, { token: legal, body: d });
  expect(r.status).toBe(409);
  expect(r.headers.get('content-type')).toMatch(/problem\+json/);
  const flags = await api.call('GET', `/projects/${p.id}/flags?status=open`, { token: legal });
  const ief = flags.body.items.find((f: { ruleId: string }) => f.ruleId === 'IEF-ACQUISITION');
  expect(r.body.flagIds).toContain(ief.id);
  expect(r.body.detail).toContain(ief.id);
  // A co-ownership share of a result for the held partner is a transfer: refused too.
  d.accessRights[0].exclusive = false;
  const share = await api.call('PUT', `/projects/${p.id}/declarations/${group}`, { token: legal, body: d });
  expect(share.status).toBe(409);
  expect(share.body.violations.map((v: { path: string }) => v.path)).toEqual(['results/0/ownership/1']);
  // Non-exclusive access and no share for the held partner: accepted.
  d.results[0].ownership = [
    { organizationId: group, pct: 66.67 },
    { organizationId: lab, pct: 33.33 },
  ];
  expect((await api.call('PUT', `/projects/${p.id}/declarations/${group}`, { token: legal, body: d })).status).toBe(201);
});

test('waive with a justification; new evidence reopens the flag; a completed operation without authorisation is critical', async () => {
  const p = projects[1]!;
  const flags = await api.call('GET', `/projects/${p.id}/flags?status=open`, { token: legal });
  const ief = flags.body.items.find((f: { ruleId: string }) => f.ruleId === 'IEF-ACQUISITION');
  const short = await api.call('POST', `/projects/${p.id}/flags/${ief.id}/actions`, { token: legal, body: { action: 'waive', justification: 'trop court' } });
  expect(short.status).toBe(400);
  expect(short.body.errors[0].path).toBe('justification');
  const committeeWaive = await api.call('POST', `/projects/${p.id}/flags/${ief.id}/actions`, {
    token: await tokenFor('committee'),
    body: { action: 'waive', justification: 'Le comité estime le risque acceptable en l’état.' },
  });
  expect(committeeWaive.status).toBe(403);
  const waived = await api.call('POST', `/projects/${p.id}/flags/${ief.id}/actions`, {
    token: legal,
    body: { action: 'waive', justification: 'Autorisation préalable demandée à la DG Trésor (dossier 2027-114).' },
  });
  expect(waived.status).toBe(200);
  expect(waived.body.status).toBe('waived');

  // Same evidence: the waiver survives re-evaluation.
  await api.call('PATCH', `/projects/${p.id}`, { token: legal, body: { summary: 'x' }, headers: { 'if-match': '"1"' } });
  expect((await api.call('GET', `/projects/${p.id}/flags`, { token: legal })).body.items.find((f: { id: string }) => f.id === ief.id).status).toBe('waived');

  // The operation completes without authorisation: new evidence → reopened, now critical.
  const completed = await api.call('POST', `/organizations/${startup}/control-events`, { token: legal, body: acquisition(30, 'completed') });
  expect(completed.status).toBe(201);
  const after = (await api.call('GET', `/projects/${p.id}/flags`, { token: legal })).body.items.filter(
    (f: { ruleId: string; status: string }) => f.ruleId === 'IEF-ACQUISITION' && f.status === 'open',
  );
  expect(after.some((f: { severity: string }) => f.severity === 'critical')).toBe(true);

  const audit = await api.call('GET', `/projects/${p.id}/audit?limit=100`, { token: legal });
  const actions = audit.body.items.map((e: { action: string }) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['flag.raised', 'flag.waive']));
  expect((await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal })).body.valid).toBe(true);
});

test('an EU investor at 30 % without control raises no IEF-ACQUISITION', async () => {
  const org = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg(`EU ${tag}`, { category: 'startup' }) })).body.id;
  const p = (
    await api.call('POST', '/projects', {
      token: legal,
      body: projectBody({ technologyDomains: ['quantum'], partners: [{ organizationId: org, role: 'coordinator' }] }),
    })
  ).body.id;
  const r = await api.call('POST', `/organizations/${org}/control-events`, {
    token: legal,
    body: { ...acquisition(30), investor: { name: 'Deutsche Fonds', country: 'DE' } },
  });
  expect(r.status).toBe(201);
  const flags = await api.call('GET', `/projects/${p}/flags`, { token: legal });
  expect(flags.body.items.filter((f: { ruleId: string }) => f.ruleId === 'IEF-ACQUISITION')).toHaveLength(0);
});

test("an acquisition of the fund that holds a partner re-evaluates the partner's projects (down the chain)", async () => {
  const fund = (
    await api.call('POST', '/organizations', {
      token: legal,
      body: { legalName: `Alpine Holding ${tag}`, registrationId: 'LU-B123456', country: 'LU', category: 'other' },
    })
  ).body.id;
  const sub = (
    await api.call('POST', '/organizations', {
      token: legal,
      body: frenchOrg(`Filiale ${tag}`, {
        category: 'startup',
        shareholders: [{ name: 'Alpine Holding', country: 'LU', votingRightsPct: 60, organizationId: fund }],
      }),
    })
  ).body.id;
  const p = (
    await api.call('POST', '/projects', {
      token: legal,
      body: projectBody({ technologyDomains: ['semiconductors'], partners: [{ organizationId: sub, role: 'coordinator' }] }),
    })
  ).body.id;
  // A US investor takes control of the Luxembourg holding: the French start-up below it is now foreign-controlled.
  const r = await api.call('POST', `/organizations/${fund}/control-events`, {
    token: legal,
    body: {
      kind: 'acquisition',
      status: 'planned',
      investor: { name: 'Redwood Capital', country: 'US' },
      votingRightsBeforePct: 0,
      votingRightsAfterPct: 70,
      effectiveDate: '2027-05-01',
    },
  });
  expect(r.status).toBe(201);
  expect(r.body.reevaluated.map((x: { projectId: string }) => x.projectId)).toContain(p);
  const flags = await api.call('GET', `/projects/${p}/flags?status=open`, { token: legal });
  expect(
    flags.body.items.some((f: { ruleId: string; subject: { organizationId?: string } }) => f.ruleId.startsWith('IEF-') && f.subject.organizationId === sub),
  ).toBe(true);
});

test('an action the flag state does not allow is a 409 problem naming the flag state (not a 500)', async () => {
  const p = projects[0]!;
  const flag = await api.call('POST', `/projects/${p.id}/flags`, {
    token: legal,
    body: { title: 'Contrat de licence à vérifier', severity: 'medium', explanation: 'Vérifier la clause de territoire.' },
  });
  expect(flag.status).toBe(201);
  const path = `/projects/${p.id}/flags/${flag.body.id}/actions`;
  expect((await api.call('POST', path, { token: legal, body: { action: 'acknowledge' } })).status).toBe(200);
  const again = await api.call('POST', path, { token: legal, body: { action: 'acknowledge' } });
  expect(again.status).toBe(409);
  expect(again.headers.get('content-type')).toMatch(/problem\+json/);
  expect(again.body).toMatchObject({
    status: 409,
    type: 'https://vigie.dev/problems/conflict',
    flagId: flag.body.id,
    flagStatus: 'acknowledged',
    action: 'acknowledge',
  });
  const en = await api.call('POST', path, { token: legal, body: { action: 'acknowledge' }, headers: { 'accept-language': 'en' } });
  expect(en.status).toBe(409);
  expect(en.body.detail).toBe(`Cannot acknowledge flag ${flag.body.id}: it is acknowledged.`);
});
