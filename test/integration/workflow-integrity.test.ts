import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';
import { completeDeclaration } from '../fixtures/declaration';

/**
 * Workflow integrity over the wire: simultaneous decisions on different steps all land.
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
  const acronym = `${tag}-${Math.floor(Math.random() * 1e4)}`;
  const project = (await api.call('POST', '/projects', { token: legal, body: projectBody({ acronym, technologyDomains: ['other'], partners: orgs.map((id, i) => ({ organizationId: id, role: i === 0 ? 'coordinator' : 'partner' })) }) })).body.id;
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
  api.call('POST', `/projects/${c.project}/workflow/steps/${encodeURIComponent(stepId)}/decision`, { token, body: { decision, comment: decision === 'approve' ? '' : 'Non.' } });

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
    const decided = audit.body.items.filter((e: { action: string }) => e.action === 'workflow.step-decided').map((e: { target: { id: string } }) => e.target.id);
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
