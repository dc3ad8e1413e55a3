import { startApi, tokenFor, frenchOrg, createProjectOf, type Api } from './helpers/api';
import { completeDeclaration } from '../fixtures/declaration';

/**
 * Workflow integrity over the wire: only a lawyer assigned to the project may be named for the lawyer
 * opinion (and stays assigned while named); simultaneous decisions on different steps all land.
 */
let api: Api;
let legal: string;
const tag = `wi${Date.now() % 1e7}`;

interface Consortium {
  project: string;
  acronym: string;
  orgs: string[];
  tokens: string[];
}

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal', undefined, `juriste-${tag}@pole.example`);
});
afterAll(() => api.close());

async function consortium(n: number, start: Record<string, unknown> | null = {}): Promise<Consortium> {
  const orgs: string[] = [];
  for (let i = 0; i < n; i++) orgs.push((await api.call('POST', '/organizations', { token: legal, body: frenchOrg(`WI ${tag} ${i}`) })).body.id);
  const { project, acronym } = await createProjectOf(api, legal, orgs, tag);
  if (start) expect((await api.call('POST', `/projects/${project}/workflow`, { token: legal, body: start })).status).toBe(201);
  return { project, acronym, orgs, tokens: await Promise.all(orgs.map((o) => tokenFor('partner', o))) };
}

async function submit(c: Consortium, i: number) {
  const d = completeDeclaration(c.orgs[i]!, c.orgs[(i + 1) % c.orgs.length]!, c.orgs[(i + 2) % c.orgs.length]!);
  if (c.orgs.length < 3) {
    d.results[0].ownership = [{ organizationId: c.orgs[i], pct: 100 }];
    if (c.orgs.length < 2) d.accessRights = [];
  }
  const path = `/projects/${c.project}/declarations/${c.orgs[i]}`;
  expect((await api.call('PUT', path, { token: c.tokens[i], body: d })).status).toBe(201);
  expect((await api.call('POST', `${path}/submit`, { token: c.tokens[i] })).status).toBe(200);
}

const decide = (c: Consortium, token: string, stepId: string, decision = 'approve') =>
  api.call('POST', `/projects/${c.project}/workflow/steps/${encodeURIComponent(stepId)}/decision`, {
    token,
    body: { decision, comment: decision === 'approve' ? '' : 'Non.' },
  });

const lawyerPath = (c: Consortium, email: string) => `/projects/${c.project}/lawyers/${encodeURIComponent(email)}`;

async function patchWorkflow(c: Consortium, body: unknown) {
  const cur = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  return api.call('PATCH', `/projects/${c.project}/workflow`, { token: legal, body, headers: { 'if-match': cur.headers.get('etag')! } });
}

async function tasksOf(token: string, c: Consortium) {
  const r = await api.call('GET', '/me/tasks', { token });
  expect(r.status).toBe(200);
  return r.body.items.filter((t: { projectId: string }) => t.projectId === c.project);
}

describe('the lawyer named for the opinion is a lawyer assigned to the project', () => {
  test('PATCH naming a lawyer who is not assigned: 400 on lawyerOpinion/lawyerEmail; the lawyer never sees the project in its tasks', async () => {
    const c = await consortium(1);
    const outsider = `avocat-hors-projet-${tag}@cabinet.example`;
    const r = await patchWorkflow(c, { lawyerOpinion: { enabled: true, lawyerEmail: outsider } });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['lawyerOpinion/lawyerEmail']);
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    expect(wf.body.config.lawyerOpinion).toEqual({ enabled: false, lawyerEmail: null });

    // Walk to the lawyer stage: had the lawyer been named, the step would now be open for someone who reads nothing.
    await submit(c, 0);
    expect((await decide(c, c.tokens[0]!, 'partner-approval')).status).toBe(200);
    expect((await decide(c, legal, 'legal-review')).status).toBe(200);
    const outsiderToken = await tokenFor('lawyer', undefined, outsider);
    expect(await tasksOf(outsiderToken, c)).toEqual([]);
    expect((await api.call('GET', `/projects/${c.project}`, { token: outsiderToken })).status).toBe(404);
  });

  test('POST /workflow naming a lawyer who is not assigned: 400, nothing started; with the lawyer assigned it starts', async () => {
    const c = await consortium(1, null);
    const email = `avocat-start-${tag}@cabinet.example`;
    const r = await api.call('POST', `/projects/${c.project}/workflow`, { token: legal, body: { lawyerOpinion: { enabled: true, lawyerEmail: email } } });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['lawyerOpinion/lawyerEmail']);
    expect((await api.call('GET', `/projects/${c.project}/workflow`, { token: legal })).status).toBe(404);
    expect((await api.call('PUT', lawyerPath(c, email), { token: legal })).status).toBe(201);
    // Case does not matter: emails are compared lower-cased.
    const ok = await api.call('POST', `/projects/${c.project}/workflow`, {
      token: legal,
      body: { lawyerOpinion: { enabled: true, lawyerEmail: email.toUpperCase() } },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.config.lawyerOpinion).toEqual({ enabled: true, lawyerEmail: email });
  });

  test('an assigned lawyer can be named, then cannot be unassigned (409) while named; the lawyer decides; unassigning works once no longer named', async () => {
    const c = await consortium(1);
    const email = `avocat-${tag}@cabinet.example`;
    const other = `avocat2-${tag}@cabinet.example`;
    expect((await api.call('PUT', lawyerPath(c, email), { token: legal })).status).toBe(201);
    expect((await api.call('PUT', lawyerPath(c, other), { token: legal })).status).toBe(201);
    expect((await patchWorkflow(c, { lawyerOpinion: { enabled: true, lawyerEmail: email } })).status).toBe(200);

    const refused = await api.call('DELETE', lawyerPath(c, email), { token: legal });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    const header = await api.call('GET', `/projects/${c.project}`, { token: await tokenFor('lawyer', undefined, email) });
    expect(header.status).toBe(200); // still assigned
    // A lawyer who is not named can be unassigned.
    expect((await api.call('DELETE', lawyerPath(c, other), { token: legal })).status).toBe(204);

    // The named lawyer gets the task and decides.
    await submit(c, 0);
    expect((await decide(c, c.tokens[0]!, 'partner-approval')).status).toBe(200);
    expect((await decide(c, legal, 'legal-review')).status).toBe(200);
    const lawyer = await tokenFor('lawyer', undefined, email);
    expect((await tasksOf(lawyer, c)).map((t: { stepId: string }) => t.stepId)).toEqual(['lawyer-opinion']);
    expect((await decide(c, lawyer, 'lawyer-opinion')).status).toBe(200);
    // An opinion given can still be re-asked (a new IP file): the lawyer stays assigned while named.
    expect((await api.call('DELETE', lawyerPath(c, email), { token: legal })).status).toBe(409);

    // Switched off: the lawyer may go.
    expect((await patchWorkflow(c, { lawyerOpinion: { enabled: false } })).status).toBe(200);
    expect((await api.call('DELETE', lawyerPath(c, email), { token: legal })).status).toBe(204);
    expect((await api.call('GET', `/projects/${c.project}/audit/verify`, { token: legal })).body.valid).toBe(true);
  });

  test('naming and unassigning at the same moment never leave a named lawyer unassigned', async () => {
    const c = await consortium(1);
    for (let round = 0; round < 4; round++) {
      const email = `avocat-race${round}-${tag}@cabinet.example`;
      expect((await api.call('PUT', lawyerPath(c, email), { token: legal })).status).toBe(201);
      const cur = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
      const [patch, del] = await Promise.all([
        api.call('PATCH', `/projects/${c.project}/workflow`, {
          token: legal,
          body: { lawyerOpinion: { enabled: true, lawyerEmail: email } },
          headers: { 'if-match': cur.headers.get('etag')! },
        }),
        api.call('DELETE', lawyerPath(c, email), { token: legal }),
      ]);
      expect([patch.status, del.status]).not.toEqual([200, 204]);
      const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
      const project = await api.call('GET', `/projects/${c.project}`, { token: await tokenFor('lawyer', undefined, email) });
      if (wf.body.config.lawyerOpinion.lawyerEmail === email) expect(project.status).toBe(200);
      // Leave the opinion off for the next round.
      if (wf.body.config.lawyerOpinion.enabled) expect((await patchWorkflow(c, { lawyerOpinion: { enabled: false } })).status).toBe(200);
    }
  });
});

describe('simultaneous decisions', () => {
  test('four partners approving their own steps at the same moment all succeed; every decision is recorded; the audit chain is valid', async () => {
    const c = await consortium(4);
    for (let i = 0; i < 4; i++) await submit(c, i);
    const results = await Promise.all(c.tokens.map((t) => decide(c, t, 'partner-approval')));
    expect(results.map((r) => [r.status, r.body.detail])).toEqual(c.tokens.map(() => [200, undefined]));
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    expect(wf.body.stage).toBe('legal-review');
    for (const o of c.orgs) {
      const step = wf.body.steps.find((s: { stepId: string }) => s.stepId === `partner-approval:${o}`);
      expect(step).toMatchObject({ status: 'decided', decision: { decision: 'approve', by: { org: o } } });
    }
    const audit = await api.call('GET', `/projects/${c.project}/audit?limit=100`, { token: legal });
    const decided = audit.body.items
      .filter((e: { action: string }) => e.action === 'workflow.step-decided')
      .map((e: { target: { id: string } }) => e.target.id);
    expect(decided.sort()).toEqual(c.orgs.map((o) => `${c.project}/partner-approval:${o}`).sort());
    expect((await api.call('GET', `/projects/${c.project}/audit/verify`, { token: legal })).body.valid).toBe(true);
  });

  test('two decisions on the same step at the same moment: one 200, one 409', async () => {
    const c = await consortium(2);
    for (let i = 0; i < 2; i++) await submit(c, i);
    // Two representatives of the same organization decide its step at once.
    const second = await tokenFor('partner', c.orgs[0], `rep2-${tag}@partner.example`);
    const [a, b] = await Promise.all([decide(c, c.tokens[0]!, 'partner-approval'), decide(c, second, 'partner-approval', 'reject')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.type).toBe('https://vigie.dev/problems/conflict');
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    const step = wf.body.steps.find((s: { stepId: string }) => s.stepId === `partner-approval:${c.orgs[0]}`);
    expect(step.decision.decision).toBe(a.status === 200 ? 'approve' : 'reject');
    expect((await api.call('GET', `/projects/${c.project}/audit/verify`, { token: legal })).body.valid).toBe(true);
  });
});
