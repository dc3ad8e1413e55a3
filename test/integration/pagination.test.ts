/**
 * Every list route pages (issue 13): `?limit=` 1..200 (default 50) and an opaque `nextCursor`, null on the last
 * page. For each route, more items than one small page are created and walked with a small limit: no duplicate,
 * no gap (the same items as one large page), and the last page's cursor is null. `limit=201` and a malformed or
 * foreign cursor are a 400 problem+json at `limit` / `cursor`.
 */
import { consortium, submitDeclaration, type Consortium } from './helpers/consortium';
import { completeDeclaration } from '../fixtures/declaration';
import { createProjectOf, frenchOrg, startApi, tokenFor, type Api } from './helpers/api';

let api: Api;
let legal: string;
let c: Consortium;
const tag = `PAG${Date.now() % 100000}`;
const today = new Date().toISOString().slice(0, 10);

type Item = Record<string, unknown>;
const withQuery = (path: string, q: string) => `${path}${path.includes('?') ? '&' : '?'}${q}`;

/**
 * Every page of `path` at `limit`: each page a 200 of at most `limit` items, no item twice (by `key`), the walk
 * ends on a null cursor. Returns the keys in order.
 */
async function walk(path: string, token: string, limit: number, key: (i: Item) => string = (i) => String(i.id)): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 1000; n++) {
    const r = await api.call('GET', withQuery(path, `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), { token });
    expect([path, r.status]).toEqual([path, 200]);
    expect((r.body.items as Item[]).length).toBeLessThanOrEqual(limit);
    for (const i of r.body.items as Item[]) seen.push(key(i));
    cursor = r.body.nextCursor;
    if (cursor === null) {
      expect(new Set(seen).size).toBe(seen.length);
      return seen;
    }
    expect(typeof cursor).toBe('string');
  }
  throw new Error(`${path}: more than 1000 pages`);
}

/** The first page at `limit`, which must be full and have a next page. */
async function firstPage(path: string, token: string, limit: number) {
  const r = await api.call('GET', withQuery(path, `limit=${limit}`), { token });
  expect(r.status).toBe(200);
  expect(r.body.items).toHaveLength(limit);
  expect(typeof r.body.nextCursor).toBe('string');
  return r.body as { items: Item[]; nextCursor: string };
}

/** `limit` over 200, a malformed cursor: 400 problem+json naming the parameter. */
async function rejectsBadParams(path: string, token: string) {
  for (const [q, field] of [
    ['limit=201', 'limit'],
    ['limit=0', 'limit'],
    ['cursor=!!not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from('{"pk":1}').toString('base64url')}`, 'cursor'],
  ] as const) {
    const r = await api.call('GET', withQuery(path, q), { token });
    expect([path, q, r.status]).toEqual([path, q, 400]);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
  }
}

/** A cursor of one list does not open another (another project's, another person's): 400 at `cursor`. */
async function rejectsForeignCursor(cursor: string, path: string, token: string) {
  const r = await api.call('GET', withQuery(path, `limit=2&cursor=${encodeURIComponent(cursor)}`), { token });
  expect([path, r.status]).toEqual([path, 400]);
  expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
}

const ok = async (method: string, path: string, token: string, body?: unknown) => {
  const r = await api.call(method, path, { token, ...(body !== undefined ? { body } : {}) });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status}: ${r.text.slice(0, 300)}`);
  return r;
};

let other: { project: string };
const lawyerEmail = `lawyer-${tag.toLowerCase()}@cabinet.example`;
let lawyer: string;
let lawyerProjects: string[];
let orgProjects: string[];

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  lawyer = await tokenFor('lawyer', undefined, lawyerEmail);
  c = await consortium(api, legal, tag, 3);
  // Three versions of partner 0's declaration.
  const decl = `/projects/${c.project}/declarations/${c.orgs[0]}`;
  for (let v = 1; v <= 3; v++) {
    const d = completeDeclaration(c.orgs[0]!, c.orgs[1]!, c.orgs[2]!);
    d.background[1].title = `Firmware v${v}`;
    const cur = await api.call('GET', decl, { token: c.tokens[0] });
    const put = await api.call('PUT', decl, { token: c.tokens[0], body: d, headers: cur.status === 200 ? { 'if-match': cur.headers.get('etag')! } : {} });
    expect(put.status).toBe(201);
  }
  // Documents: two of partner 0, one of partner 1 (pending uploads are listed too).
  for (const [i, n] of [
    [0, 1],
    [0, 2],
    [1, 1],
  ] as const) {
    await ok('POST', `/projects/${c.project}/documents`, c.tokens[i]!, { fileName: `doc-${i}-${n}.pdf`, contentType: 'application/pdf', size: 10 });
  }
  // Manual flags, control events.
  for (let i = 0; i < 3; i++) await ok('POST', `/projects/${c.project}/flags`, legal, { title: `Point ${i}`, severity: 'low', explanation: 'À vérifier.' });
  for (let i = 0; i < 3; i++) {
    await ok('POST', `/organizations/${c.orgs[0]}/control-events`, legal, {
      kind: 'shareholding-change',
      status: 'completed',
      investor: { name: `Fonds ${i}`, country: 'FR' },
      votingRightsBeforePct: 10 + i,
      votingRightsAfterPct: 11 + i,
      effectiveDate: today,
    });
  }
  // Organization 0 is a partner in two more projects; the lawyer is assigned to two of its three, and to one without it.
  const p2 = await createProjectOf(api, legal, [c.orgs[0]!, c.orgs[1]!], `${tag}B`);
  const p3 = await createProjectOf(api, legal, [c.orgs[0]!], `${tag}C`);
  other = await createProjectOf(api, legal, [c.orgs[2]!], `${tag}D`);
  orgProjects = [c.project, p2.project, p3.project];
  lawyerProjects = [c.project, p3.project];
  for (const p of [...lawyerProjects, other.project]) await ok('PUT', `/projects/${p}/lawyers/${encodeURIComponent(lawyerEmail)}`, legal);
  // Staff: three committee members.
  for (let i = 0; i < 3; i++)
    await ok('PUT', `/staff/${encodeURIComponent(`comite${i}-${tag.toLowerCase()}@pole.example`)}`, legal, { name: `Comité ${i}`, role: 'committee' });
}, 180_000);
afterAll(() => api.close());

test("a declaration's versions page (oldest first); other partners page through the submitted ones", async () => {
  const path = `/projects/${c.project}/declarations/${c.orgs[0]}/versions`;
  expect(await walk(path, c.tokens[0]!, 2, (v) => String(v.version))).toEqual(['1', '2', '3']);
  expect(await walk(path, c.tokens[0]!, 1, (v) => String(v.version))).toEqual(['1', '2', '3']);
  expect((await firstPage(path, legal, 2)).items.map((v) => v.version)).toEqual([1, 2]);
  // Nothing submitted yet: another partner sees no version.
  expect(await walk(path, c.tokens[1]!, 2, (v) => String(v.version))).toEqual([]);
  await rejectsBadParams(path, c.tokens[0]!);
  // Partner 0 submits version 3, saves and submits version 4: the others see those two, one per page.
  const decl = `/projects/${c.project}/declarations/${c.orgs[0]}`;
  await ok('POST', `${decl}/submit`, c.tokens[0]!);
  const d = completeDeclaration(c.orgs[0]!, c.orgs[1]!, c.orgs[2]!);
  d.background[1].title = 'Firmware v4';
  const cur = await api.call('GET', decl, { token: c.tokens[0] });
  expect((await api.call('PUT', decl, { token: c.tokens[0], body: d, headers: { 'if-match': cur.headers.get('etag')! } })).status).toBe(201);
  await ok('POST', `${decl}/submit`, c.tokens[0]!);
  expect(await walk(path, c.tokens[1]!, 1, (v) => `${v.version}/${v.submitted}`)).toEqual(['3/true', '4/true']);
  expect(await walk(path, c.tokens[0]!, 3, (v) => `${v.version}/${v.submitted}`)).toEqual(['1/false', '2/false', '3/true', '4/true']);
  await rejectsBadParams(path, c.tokens[1]!);
  // Partner 1's versions do not continue from partner 0's cursor.
  await submitDeclaration(api, c, 1);
  await rejectsForeignCursor((await firstPage(path, c.tokens[0]!, 1)).nextCursor, `/projects/${c.project}/declarations/${c.orgs[1]}/versions`, c.tokens[1]!);
});

test("a project's declarations, documents, flags and audit page; a partner's documents page through its own", async () => {
  expect((await walk(`/projects/${c.project}/declarations`, legal, 2, (d) => String(d.organizationId))).sort()).toEqual([...c.orgs].sort());
  await rejectsBadParams(`/projects/${c.project}/declarations`, legal);

  const docs = `/projects/${c.project}/documents`;
  const allDocs = await walk(docs, legal, 2);
  expect(allDocs).toHaveLength(3);
  expect(await walk(docs, legal, 200)).toEqual(allDocs);
  // Partner 0 sees its two documents only, one per page.
  const own = await walk(docs, c.tokens[0]!, 1, (d) => `${d.organizationId}/${d.id}`);
  expect(own.map((x) => x.split('/')[0])).toEqual([c.orgs[0], c.orgs[0]]);
  await rejectsBadParams(docs, legal);
  await rejectsForeignCursor((await firstPage(docs, legal, 1)).nextCursor, `/projects/${other.project}/documents`, legal);

  const flags = `/projects/${c.project}/flags`;
  const allFlags = await walk(flags, legal, 2);
  expect(allFlags.length).toBeGreaterThanOrEqual(3);
  expect((await walk(flags, legal, 200)).sort()).toEqual([...allFlags].sort());
  // Filtered: the three manual low flags, one per page.
  const low = (await walk(withQuery(flags, 'severity=low&status=open'), legal, 1, (f) => `${f.id} ${f.severity}/${f.status}/${f.manual}`)).map(
    (x) => x.split(' ')[1],
  );
  expect(low.filter((x) => x === 'low/open/true')).toHaveLength(3);
  expect(low.every((x) => x!.startsWith('low/open/'))).toBe(true);
  await rejectsBadParams(flags, legal);
  await rejectsForeignCursor((await firstPage(flags, legal, 1)).nextCursor, `/projects/${other.project}/flags`, legal);

  const audit = `/projects/${c.project}/audit`;
  const events = await walk(audit, legal, 2, (e) => String(e.seq));
  expect(events.length).toBeGreaterThan(5);
  expect(await walk(audit, legal, 200, (e) => String(e.seq))).toEqual(events);
  await rejectsBadParams(audit, legal);
  await rejectsForeignCursor((await firstPage(audit, legal, 1)).nextCursor, `/projects/${other.project}/audit`, legal);
});

test("an organization's control events, audit and projects page; a lawyer's view reads its own assignments", async () => {
  const events = `/organizations/${c.orgs[0]}/control-events`;
  expect(await walk(events, legal, 2)).toHaveLength(3);
  await rejectsBadParams(events, legal);
  await rejectsForeignCursor((await firstPage(events, legal, 1)).nextCursor, `/organizations/${c.orgs[1]}/control-events`, legal);

  const audit = `/organizations/${c.orgs[0]}/audit`;
  const seqs = await walk(audit, legal, 2, (e) => String(e.seq));
  expect(seqs.length).toBeGreaterThanOrEqual(4); // created + three control events
  expect(await walk(audit, legal, 200, (e) => String(e.seq))).toEqual(seqs);
  await rejectsBadParams(audit, legal);

  const projects = `/organizations/${c.orgs[0]}/projects`;
  expect((await walk(projects, legal, 2)).sort()).toEqual([...orgProjects].sort());
  // The lawyer: the two projects of the organization assigned to it, not the third, one per page.
  expect((await walk(projects, lawyer, 1)).sort()).toEqual([...lawyerProjects].sort());
  await rejectsBadParams(projects, legal);
  await rejectsBadParams(projects, lawyer);
  // A staff cursor (organization index) does not continue the lawyer's list (its assignments), nor another organization's.
  const staffCursor = (await firstPage(projects, legal, 1)).nextCursor;
  await rejectsForeignCursor(staffCursor, projects, lawyer);
  await rejectsForeignCursor(staffCursor, `/organizations/${c.orgs[1]}/projects`, legal);
});

test('pôle-wide lists page without duplicates and contain what this file created', async () => {
  // The shared test table holds other files' items too: walk, check for duplicates, find ours.
  const orgs = await walk('/organizations', legal, 200);
  for (const o of c.orgs) expect(orgs).toContain(o);
  const head = await walk('/organizations', legal, 200);
  expect(new Set(head).size).toBe(head.length);
  await firstPage('/organizations', legal, 2);

  const projects = await walk('/projects', legal, 200);
  for (const p of orgProjects) expect(projects).toContain(p);
  expect(await walk('/projects', lawyer, 1)).toEqual(expect.arrayContaining([...lawyerProjects, other.project]));
  expect((await walk('/projects', c.tokens[0]!, 1)).sort()).toEqual([...orgProjects].sort());
  expect(await walk('/projects?stage=declarations', legal, 200)).toContain(c.project);

  const committee = await walk('/staff?role=committee', legal, 2, (s) => String(s.email));
  for (let i = 0; i < 3; i++) expect(committee).toContain(`comite${i}-${tag.toLowerCase()}@pole.example`);
  const everyone = await walk('/staff', legal, 200, (s) => String(s.email));
  expect(everyone).toEqual(expect.arrayContaining(committee));

  const open = await walk('/flags?severity=low', legal, 50);
  expect(open.length).toBeGreaterThanOrEqual(3);
  const pole = await walk(`/control-events?from=${today}`, legal, 50);
  expect(pole.length).toBeGreaterThanOrEqual(3);

  for (const path of ['/organizations', '/projects', '/projects?stage=declarations', '/staff', '/flags', '/control-events', '/exports', '/me/tasks']) {
    await rejectsBadParams(path, legal);
  }
  // A cursor of one stage's list does not page another stage.
  const a = await api.call('GET', '/projects?stage=declarations&limit=1', { token: legal });
  if (a.body.nextCursor) await rejectsForeignCursor(a.body.nextCursor, '/projects?stage=committee', legal);
});

test("/me/tasks and a person's export jobs page", async () => {
  // Organization X is a partner in three projects standing at partner approval: three tasks.
  const x = await ok('POST', '/organizations', legal, frenchOrg(`${tag} X`));
  const y = await ok('POST', '/organizations', legal, frenchOrg(`${tag} Y`));
  const tokens = [await tokenFor('partner', x.body.id), await tokenFor('partner', y.body.id)];
  for (let i = 0; i < 3; i++) {
    const p = await createProjectOf(api, legal, [x.body.id, y.body.id], `${tag}T${i}`);
    await ok('POST', `/projects/${p.project}/workflow`, legal, {});
    const pc: Consortium = { project: p.project, acronym: p.acronym, orgs: [x.body.id, y.body.id], tokens };
    await submitDeclaration(api, pc, 0);
    await submitDeclaration(api, pc, 1);
  }
  const tasks = await walk('/me/tasks', tokens[0]!, 2, (t) => `${t.projectId}/${t.stepId}`);
  expect(tasks).toHaveLength(3);
  expect(await walk('/me/tasks', tokens[0]!, 200, (t) => `${t.projectId}/${t.stepId}`)).toEqual(tasks);
  await rejectsBadParams('/me/tasks', tokens[0]!);

  // Export jobs: one person's, newest first.
  const requester = await tokenFor('legal');
  for (let i = 0; i < 3; i++) expect((await api.call('POST', '/exports', { token: requester, body: { kind: 'flags', format: 'csv' } })).status).toBe(202);
  expect(await walk('/exports', requester, 2)).toHaveLength(3);
  await rejectsForeignCursor((await firstPage('/exports', requester, 1)).nextCursor, '/exports', legal);
});
