import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';
import { completeDeclaration } from '../fixtures/declaration';

let api: Api;
let legal: string;
let a: string, b: string, c: string, outsider: string;
let project: string;
let tA: string, tB: string, tOutsider: string;
const decl = () => `/projects/${project}/declarations/${a}`;

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  const mk = async (n: string) => (await api.call('POST', '/organizations', { token: legal, body: frenchOrg(n) })).body.id as string;
  [a, b, c, outsider] = [await mk('Décl A'), await mk('Décl B'), await mk('Décl C'), await mk('Décl X')];
  project = (
    await api.call('POST', '/projects', {
      token: legal,
      body: projectBody({
        partners: [
          { organizationId: a, role: 'coordinator' },
          { organizationId: b, role: 'partner' },
          { organizationId: c, role: 'partner' },
        ],
      }),
    })
  ).body.id;
  tA = await tokenFor('partner', a);
  tB = await tokenFor('partner', b);
  tOutsider = await tokenFor('partner', outsider);
});
afterAll(() => api.close());

test('three versions, history, a redline from 1 to 3, and drafts hidden from other partners', async () => {
  const v1 = await api.call('PUT', decl(), { token: tA, body: { background: [{ key: 'bg-1', title: 'Brouillon' }] } });
  expect(v1.status).toBe(201);
  expect(v1.headers.get('etag')).toBe('"1"');
  const noIfMatch = await api.call('PUT', decl(), { token: tA, body: { background: [] } });
  expect(noIfMatch.status).toBe(428);
  const full = completeDeclaration(a, b, c);
  const v2 = await api.call('PUT', decl(), { token: tA, body: full, headers: { 'if-match': '"1"' } });
  expect(v2.status).toBe(201);
  const stale = await api.call('PUT', decl(), { token: tA, body: full, headers: { 'if-match': '"1"' } });
  expect(stale.status).toBe(412);
  expect(stale.body.currentEtag).toBe('"2"');
  full.background[1].title = 'Firmware de pilotage v2';
  const v3 = await api.call('PUT', decl(), { token: tA, body: full, headers: { 'if-match': '"2"' } });
  expect(v3.status).toBe(201);
  const same = await api.call('PUT', decl(), { token: tA, body: full, headers: { 'if-match': '"3"' } });
  expect(same.status).toBe(200);
  expect(same.headers.get('etag')).toBe('"3"');

  const versions = await api.call('GET', `${decl()}/versions`, { token: tA });
  if (versions.status !== 200) throw new Error(versions.text);
  expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
  expect(new Set(versions.body.items.map((v: { contentHash: string }) => v.contentHash)).size).toBe(3);
  const diff = await api.call('GET', `${decl()}/diff?from=1&to=3`, { token: tA });
  expect(diff.status).toBe(200);
  expect(diff.body.changed).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/background[key=bg-1]/title', from: 'Brouillon' })]));
  expect(diff.body.added.map((x: { path: string }) => x.path)).toContain('/background[key=bg-2]');
  const v1Again = await api.call('GET', `${decl()}/versions/1`, { token: tA });
  expect(v1Again.body.content).toEqual({ background: [{ key: 'bg-1', title: 'Brouillon' }] });

  // Another partner: no draft, no history, no diff.
  expect((await api.call('GET', decl(), { token: tB })).status).toBe(404);
  expect((await api.call('GET', `${decl()}/versions/3`, { token: tB })).status).toBe(404);
  expect((await api.call('GET', `${decl()}/versions`, { token: tB })).body.items).toEqual([]);
  expect((await api.call('GET', `${decl()}/diff?from=1&to=3`, { token: tB })).status).toBe(404);
  // Committee and the project's lawyer read drafts; a partner of another project sees nothing.
  expect((await api.call('GET', decl(), { token: await tokenFor('committee') })).status).toBe(200);
  expect((await api.call('GET', decl(), { token: tOutsider })).status).toBe(404);
});

test('submit: shares adding up to 90 are refused at the right path; fixed, it submits; others then read it', async () => {
  const cur = await api.call('GET', decl(), { token: tA });
  const content = cur.body.content;
  content.results[0].ownership = [
    { organizationId: a, pct: 30 },
    { organizationId: b, pct: 30 },
    { organizationId: c, pct: 30 },
  ];
  content.results[0].plannedPublications = [{ venue: 'Nature', date: '2027-01-01' }];
  const saved = await api.call('PUT', decl(), { token: tA, body: content, headers: { 'if-match': cur.headers.get('etag')! } });
  expect(saved.status).toBe(201);
  const bad = await api.call('POST', `${decl()}/submit`, { token: tA });
  expect(bad.status).toBe(400);
  const paths = bad.body.errors.map((e: { path: string }) => e.path);
  expect(paths).toContain('results/0/ownership');
  expect(paths).toContain('results/0/plannedPublications/0/date');
  expect(bad.body.errors.find((e: { path: string }) => e.path === 'results/0/ownership').message).toMatch(/90/);

  content.results[0].ownership = [
    { organizationId: a, pct: 33.33 },
    { organizationId: b, pct: 33.33 },
    { organizationId: c, pct: 33.34 },
  ];
  content.results[0].plannedPublications = [{ venue: 'Nature', date: '2027-09-01' }];
  const fixed = await api.call('PUT', decl(), { token: tA, body: content, headers: { 'if-match': saved.headers.get('etag')! } });
  // A partner of another organization cannot submit A's declaration.
  expect((await api.call('POST', `${decl()}/submit`, { token: tB })).status).toBe(403);
  const ok = await api.call('POST', `${decl()}/submit`, { token: tA });
  expect(ok.status).toBe(200);
  expect(ok.body.status).toBe('submitted');
  expect((await api.call('POST', `${decl()}/submit`, { token: tA })).status).toBe(409);

  const seenByB = await api.call('GET', decl(), { token: tB });
  expect(seenByB.status).toBe(200);
  expect(seenByB.body.version).toBe(Number(fixed.headers.get('etag')!.replace(/"/g, '')));
  expect(seenByB.body.status).toBe('submitted');
  // Markup is stored as text, untouched.
  expect(seenByB.body.content.background[0].description).toContain('<script>alert("x")</script>');
  const list = await api.call('GET', `/projects/${project}/declarations`, { token: tB });
  expect(list.body.items.find((i: { organizationId: string }) => i.organizationId === a)).toMatchObject({ status: 'submitted' });

  const audit = await api.call('GET', `/projects/${project}/audit/verify`, { token: legal });
  expect(audit.body.valid).toBe(true);
  const events = await api.call('GET', `/projects/${project}/audit?limit=100`, { token: legal });
  expect(events.body.items.map((e: { action: string }) => e.action)).toContain('declaration.submitted');
});

describe('bad input', () => {
  const put = async (body: unknown, rawBody?: string) => {
    const org = b;
    const path = `/projects/${project}/declarations/${org}`;
    const head = await api.call('GET', path, { token: tB });
    const headers: Record<string, string> = head.status === 200 ? { 'if-match': head.headers.get('etag')! } : {};
    return rawBody
      ? api.call('PUT', path, { token: tB, rawBody, headers: { ...headers, 'content-type': 'application/json' } })
      : api.call('PUT', path, { token: tB, body, headers });
  };
  test('unknown fields', async () => {
    const r = await put({ background: [{ key: 'k', title: 't', secret: 1 }], admin: true });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['admin', 'background/0/secret']);
  });
  test('a negative share, 100.0001 and 99.99', async () => {
    const neg = await put({ results: [{ key: 'r', ownership: [{ organizationId: b, pct: -5 }] }] });
    expect(neg.status).toBe(400);
    expect(neg.body.errors[0].path).toBe('results/0/ownership/0/pct');
    for (const pcts of [
      [50, 50.0001],
      [50, 49.99],
    ]) {
      const d = completeDeclaration(b, a, c);
      d.results[0].ownership = [
        { organizationId: b, pct: pcts[0] },
        { organizationId: a, pct: pcts[1] },
      ];
      expect((await put(d)).status).toBe(201); // drafts may be wrong…
      const s = await api.call('POST', `/projects/${project}/declarations/${b}/submit`, { token: tB });
      expect(s.status).toBe(400); // …submissions may not
      expect(s.body.errors.map((e: { path: string }) => e.path)).toContain('results/0/ownership');
    }
  });
  test('5,000 background items → 413; a 10 MB description → 413', async () => {
    const many = await put({ background: Array.from({ length: 5000 }, (_, i) => ({ key: `k${i}` })) });
    expect(many.status).toBe(413);
    const huge = await put(undefined, JSON.stringify({ background: [{ key: 'k', description: 'x'.repeat(10 * 1024 * 1024) }] }));
    expect(huge.status).toBe(413);
  });
  test('an invalid patent number', async () => {
    const r = await put({ background: [{ key: 'k', type: 'patent', identifiers: [{ kind: 'patent-publication', value: 'EP 12' }] }] });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('background/0/identifiers/0/value');
  });
  test('writing another organization’s declaration is forbidden; an outsider sees nothing', async () => {
    expect((await api.call('PUT', `/projects/${project}/declarations/${c}`, { token: tB, body: {} })).status).toBe(403);
    expect((await api.call('PUT', `/projects/${project}/declarations/${outsider}`, { token: legal, body: {} })).status).toBe(404);
    expect((await api.call('PUT', `/projects/${project}/declarations/${b}`, { token: tOutsider, body: {} })).status).toBe(404);
  });
});

test('a large declaration is stored outside the item and reads back identically', async () => {
  // ~700 KB of incompressible text: more than fits in a DynamoDB item even gzipped.
  const { randomBytes } = await import('node:crypto');
  const d = completeDeclaration(c, a, b);
  d.background = Array.from({ length: 40 }, (_, i) => ({
    key: `big-${i}`,
    title: `Item ${i}`,
    description: randomBytes(13_000).toString('base64').slice(0, 17_000),
  }));
  d.accessRights = [];
  const path = `/projects/${project}/declarations/${c}`;
  const tC = await tokenFor('partner', c);
  const r = await api.call('PUT', path, { token: tC, body: d });
  expect(r.status).toBe(201);
  expect(r.body.savedVersion.storage).toBe('s3');
  const back = await api.call('GET', `${path}/versions/1`, { token: tC });
  expect(back.body.content).toEqual(d);
});
