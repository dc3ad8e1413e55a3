import { startApi, tokenFor, frenchOrg, createProjectOf, sentMail, type Api } from './helpers/api';
import { completeDeclaration } from '../fixtures/declaration';
import type { Principal } from '../../shared/domain/access';
import { decide, NO_GATES, partnerStepId, recordAgreementGenerated, recordSignature, type WorkflowState } from '../../shared/domain/workflow';
import { getWorkflow, ipFileOpen, saveWorkflow } from '../../shared/store/workflow';
import { saveDeclarationVersion } from '../../shared/store/declarations';
import { ConflictError } from '../../shared/domain/errors';
import { ipFileLockedError } from '../../shared/services/ip-file-lock';

/**
 * The IP file locks at the last signature (issue 10 §2): declarations, partners and shares get 409, reading
 * stays allowed; before that, legal staff may reopen, which withdraws the pending agreement and tells the
 * partners why. The workflow is driven to the signatures stage through the domain's own transitions (without
 * the risk gates) and stored with saveWorkflow, as the agreement routes do.
 */
let api: Api;
let legal: string;
const tag = `l${Date.now() % 1e7}`;
const rep = (i: number) => `rep${i}-${tag}@partner.example`;
const LEGAL: Principal = { sub: 'u-legal', role: 'legal', email: `juriste-${tag}@pole.example` };
const COMMITTEE: Principal = { sub: 'u-committee', role: 'committee', email: `comite-${tag}@pole.example` };

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal', undefined, LEGAL.email);
});
afterAll(() => api.close());

interface Consortium {
  project: string;
  orgs: string[];
  tokens: string[];
}

/** Two partners (one reads English) with submitted declarations, the workflow at the signatures stage. */
async function atSignatures(): Promise<Consortium> {
  const orgs: string[] = [];
  for (let i = 0; i < 2; i++) {
    const o = await api.call('POST', '/organizations', {
      token: legal,
      body: frenchOrg(`LK ${tag} ${i} ${orgs.length}`, { representatives: [{ name: `Rep ${i}`, email: rep(i), language: i === 1 ? 'en' : 'fr' }] }),
    });
    orgs.push(o.body.id);
  }
  const { project } = await createProjectOf(api, legal, orgs, tag);
  expect((await api.call('POST', `/projects/${project}/workflow`, { token: legal, body: {} })).status).toBe(201);
  const tokens = await Promise.all(orgs.map((o) => tokenFor('partner', o)));
  for (let i = 0; i < 2; i++) {
    const d = completeDeclaration(orgs[i]!, orgs[1 - i]!, orgs[1 - i]!);
    d.results[0].ownership = [{ organizationId: orgs[i], pct: 100 }];
    const path = `/projects/${project}/declarations/${orgs[i]}`;
    expect((await api.call('PUT', path, { token: tokens[i], body: d })).status).toBe(201);
    expect((await api.call('POST', `${path}/submit`, { token: tokens[i] })).status).toBe(200);
  }
  const stored = (await getWorkflow(project))!;
  let s: WorkflowState = stored.state;
  const now = new Date();
  for (const [stepId, actor] of [
    ...orgs.map((o): [string, Principal] => [partnerStepId(o), { sub: `u-${o}`, role: 'partner', organizationId: o }]),
    ['legal-review', LEGAL] as [string, Principal],
    ['committee', COMMITTEE] as [string, Principal],
  ]) {
    s = decide(s, { stepId, decision: 'approve', actor, now, gates: NO_GATES }).state;
  }
  const generated = recordAgreementGenerated(s, { agreementId: `agr_${tag}.v1`, hash: 'a'.repeat(64) }, now);
  await saveWorkflow({ id: project, acronym: 'LOCK', title: 'Verrou' }, stored, generated.state, generated.effects, {
    sub: 'u',
    role: 'legal',
    org: null,
    email: null,
  });
  return { project, orgs, tokens };
}

async function sign(c: Consortium, orgIds: string[]): Promise<void> {
  const stored = (await getWorkflow(c.project))!;
  let s = stored.state;
  for (const o of orgIds) s = recordSignature(s, o, new Date()).state;
  await saveWorkflow({ id: c.project, acronym: 'LOCK', title: 'Verrou' }, stored, s, [], { sub: 'u', role: 'legal', org: null, email: null });
}

test('after the last signature: declarations, partners and reopening get 409 saying why; reading stays allowed', async () => {
  const c = await atSignatures();
  await sign(c, c.orgs);
  expect((await getWorkflow(c.project))!.state.status).toBe('signed');
  const path = `/projects/${c.project}/declarations/${c.orgs[0]}`;
  const cur = await api.call('GET', path, { token: c.tokens[0] });
  expect(cur.status).toBe(200);
  const d = completeDeclaration(c.orgs[0]!, c.orgs[1]!, c.orgs[1]!);
  d.results[0].ownership = [
    { organizationId: c.orgs[0], pct: 10 },
    { organizationId: c.orgs[1], pct: 90 },
  ];
  const put = await api.call('PUT', path, { token: c.tokens[0], body: d, headers: { 'if-match': cur.headers.get('etag')! } });
  expect(put.status).toBe(409);
  expect(put.headers.get('content-type')).toContain('application/problem+json');
  expect(put.body.detail).toMatch(/dossier PI est verrouillé/);
  expect(put.body).toMatchObject({ locked: true, agreementId: `agr_${tag}.v1` });
  expect(put.body.signedAt).toEqual(expect.any(String));
  const en = await api.call('PUT', path, { token: c.tokens[0], body: d, headers: { 'if-match': cur.headers.get('etag')!, 'accept-language': 'en' } });
  expect(en.body.detail).toMatch(/IP file is locked/);
  expect((await api.call('POST', `${path}/submit`, { token: c.tokens[0] })).status).toBe(409);

  const other = await api.call('POST', '/organizations', { token: legal, body: frenchOrg(`LK late ${tag}`) });
  expect((await api.call('PUT', `/projects/${c.project}/partners/${other.body.id}`, { token: legal, body: { role: 'partner' } })).status).toBe(409);
  const del = await api.call('DELETE', `/projects/${c.project}/partners/${c.orgs[1]}`, { token: legal });
  expect(del.status).toBe(409);
  expect(del.body.detail).toMatch(/verrouillé/);
  const reopen = await api.call('POST', `/projects/${c.project}/workflow/reopen`, { token: legal, body: { reason: 'Trop tard' } });
  expect(reopen.status).toBe(409);

  // Reading stays allowed.
  expect((await api.call('GET', `/projects/${c.project}/ip-file`, { token: c.tokens[1] })).status).toBe(200);
  expect((await api.call('GET', `/projects/${c.project}`, { token: c.tokens[1] })).body.partners).toHaveLength(2);
  // The condition inside the transaction: a write that read the file before the last signature still fails.
  await expect(
    saveDeclarationVersion(
      c.project,
      c.orgs[0]!,
      d,
      Number(cur.headers.get('etag')!.replace(/\W/g, '')),
      { sub: 'u', role: 'partner', org: c.orgs[0]!, email: null },
      new Date(),
      {},
      [ipFileOpen(c.project, () => ipFileLockedError(null))],
    ),
  ).rejects.toBeInstanceOf(ConflictError);
});

test('before every signature: reopening withdraws the agreement, audits it and emails every partner the reason', async () => {
  const c = await atSignatures();
  await sign(c, [c.orgs[0]!]);
  expect((await api.call('POST', `/projects/${c.project}/workflow/reopen`, { token: legal })).status).toBe(400);
  const partnerTry = await api.call('POST', `/projects/${c.project}/workflow/reopen`, { token: c.tokens[0], body: { reason: 'x' } });
  expect(partnerTry.status).toBe(403);
  const res = await api.call('POST', `/projects/${c.project}/workflow/reopen`, { token: legal, body: { reason: `Quote-part à corriger ${tag}` } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ stage: 'committee', agreement: null, signatures: [] });
  const actions: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await api.call('GET', `/projects/${c.project}/audit?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: legal });
    expect(page.status).toBe(200);
    actions.push(...page.body.items.map((e: { action: string }) => e.action));
    cursor = page.body.nextCursor;
  }
  expect(actions).toEqual(expect.arrayContaining(['workflow.agreement-invalidated', 'workflow.workflow-reopened']));
  const fr = await sentMail((m) => m.destination.to.includes(rep(0)) && m.subject.includes('annulé'));
  expect(fr).toHaveLength(1);
  expect(fr[0]!.body.text).toContain(`Quote-part à corriger ${tag}`);
  const en = await sentMail((m) => m.destination.to.includes(rep(1)) && m.subject.includes('withdrawn'));
  expect(en).toHaveLength(1);
  // The partners may still change their declarations (the file is not locked).
  const path = `/projects/${c.project}/declarations/${c.orgs[1]}`;
  const cur = await api.call('GET', path, { token: c.tokens[1] });
  const d = completeDeclaration(c.orgs[1]!, c.orgs[0]!, c.orgs[0]!);
  d.background[0].title = 'Changed';
  expect((await api.call('PUT', path, { token: c.tokens[1], body: d, headers: { 'if-match': cur.headers.get('etag')! } })).status).toBe(201);
});
