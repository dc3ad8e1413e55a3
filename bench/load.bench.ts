/**
 * `npm run bench:load` — issue 13 §3: 50 virtual users for 60 s against `npm start`, on a realistic mix
 * (80 % reads, 20 % writes: declarations, workflow decisions, flag actions, document uploads), then the proof
 * that nothing was lost: every write the API acknowledged reads back, and every audit chain verifies.
 *
 * It starts `npm start` itself (infra/local/start.ts, the same command a newcomer runs: demo data, emulators,
 * web app) on a free port with a data folder of its own, signs users in through `/dev/token`, builds the pôle it
 * needs through the API (projects of 3 partners each, one partner user per organization, so that two users never
 * race on the same declaration), runs the users, checks, prints a Markdown report on stdout and stops the stack.
 *
 * Knobs: BENCH_VUS (50), BENCH_SECONDS (60), BENCH_PROJECTS (12), BENCH_URL (use a running stack instead; it must
 * serve /dev/token). Budget: 0 5xx, 0 lost writes, every chain valid. 429s (the local rate limiter) are counted
 * apart: a throttled request is refused, not lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBench, intEnv } from './lib/bench';
import { environmentLines } from './lib/machine';
import { STATS_TABLE_HEAD, createSamples, f0, f1 } from './lib/stats';
import { completeDeclaration } from '../test/fixtures/declaration';
import { frenchOrgBody, mulberry32 } from './lib/fixtures';

const VUS = intEnv('BENCH_VUS', 50, 1);
const SECONDS = intEnv('BENCH_SECONDS', 60, 1);
const PROJECTS = intEnv('BENCH_PROJECTS', 12, 1);
const bench = createBench({ maxSeconds: SECONDS + 600, elapsedInLog: true });
const samples = createSamples();
const rand = mulberry32(13);

interface Res {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads a few fields of many response shapes
  body: any;
  headers: Headers;
}
type Item = { id: string; status?: string; sha256?: string };
const statusCounts = new Map<string, Map<number, number>>();
const failures: string[] = [];
let base = '';

/**
 * One request. A 429 is counted, then honoured as a well-behaved client would: wait its Retry-After. The set-up and
 * the read-back retry it; a user's operation gives up (it was refused, not lost: nothing was acknowledged).
 */
async function call(route: string, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  for (;;) {
    const res = await once(route, method, path, token, body, headers);
    if (res.status !== 429) return res;
    const wait = Math.min(5, Number(res.headers.get('retry-after') ?? 1) || 1);
    await new Promise((r) => setTimeout(r, wait * 1000));
    if (route !== 'setup' && route !== 'verify') return res;
  }
}

async function once(route: string, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const t0 = performance.now();
  let res: Response;
  try {
    res = await fetch(base + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    count(route, 0);
    failures.push(`${method} ${path}: no response (${String((e as Error).cause ?? e)})`);
    return { status: 0, body: null, headers: new Headers() };
  }
  const text = await res.text();
  samples.record(route, performance.now() - t0);
  count(route, res.status);
  if (res.status >= 500) failures.push(`${method} ${path} → ${res.status}: ${text.slice(0, 200)}`);
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
function count(route: string, status: number) {
  let m = statusCounts.get(route);
  if (!m) statusCounts.set(route, (m = new Map()));
  m.set(status, (m.get(status) ?? 0) + 1);
}
const must = (r: Res, what: string, ok = [200, 201]) => {
  if (!ok.includes(r.status)) throw new Error(`${what} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** `npm start` in a data folder of its own; resolves once /health answers, with the time it took. */
async function startNpmStart(): Promise<number> {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'vigie-load-'));
  base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  const child: ChildProcess = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), VIGIE_DATA_DIR: data, WEB_ORIGIN: base, POWERTOOLS_LOG_LEVEL: 'ERROR' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
  bench.onCleanup(() => rmSync(data, { recursive: true, force: true }));
  bench.onCleanup(async () => {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 1500));
  });
  while (Date.now() - t0 < 180_000) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${base}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`npm start did not answer /health within 180 s: ${stderr}`);
}

async function token(user: Record<string, unknown>): Promise<string> {
  const r = await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  return ((await r.json()) as { token: string }).token;
}

interface Project {
  id: string;
  orgs: string[];
}
interface User {
  kind: 'legal' | 'committee' | 'partner';
  token: string;
  project: Project;
  org?: string;
}

/** What the API acknowledged, to read back at the end. */
const written = {
  versions: [] as { project: string; org: string; version: number; marker: string }[],
  flags: [] as { project: string; id: string }[],
  flagActions: [] as { project: string; id: string; status: string }[],
  documents: [] as { project: string; id: string; sha256: string }[],
  decisions: [] as { project: string; stepId: string }[],
};

async function setUp(legal: string): Promise<Project[]> {
  const projects: Project[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const orgs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const org = JSON.parse(frenchOrgBody(`Charge ${p}-${i} SAS`, [])) as Record<string, unknown>;
      org.representatives = [{ name: `Représentant ${p}-${i}`, email: `rep-${p}-${i}@load.example`, language: 'fr' }];
      orgs.push(must(await call('setup', 'POST', '/organizations', legal, org), 'POST /organizations').id);
    }
    const proj = must(
      await call('setup', 'POST', '/projects', legal, {
        acronym: `LOAD${p}`,
        title: `Projet de charge ${p}`,
        fundingScheme: 'france-2030',
        technologyDomains: ['other'],
        startDate: '2027-01-01',
        endDate: '2029-12-31',
        partners: orgs.map((organizationId, i) => ({ organizationId, role: i ? 'partner' : 'coordinator' })),
      }),
      'POST /projects',
    );
    must(await call('setup', 'POST', `/projects/${proj.id}/workflow`, legal, {}), 'POST workflow');
    projects.push({ id: proj.id, orgs });
  }
  return projects;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** One read, chosen by weight among what this user may read. */
async function read(u: User): Promise<void> {
  const p = u.project.id;
  const org = u.org ?? pick(u.project.orgs);
  const reads: [string, () => Promise<Res>][] = [
    ['GET /projects', () => call('GET /projects', 'GET', '/projects?limit=20', u.token)],
    ['GET /projects/{id}', () => call('GET /projects/{id}', 'GET', `/projects/${p}`, u.token)],
    ['GET /projects/{id}/declarations', () => call('GET /projects/{id}/declarations', 'GET', `/projects/${p}/declarations`, u.token)],
    ['GET …/declarations/{org}', () => call('GET …/declarations/{org}', 'GET', `/projects/${p}/declarations/${org}`, u.token)],
    ['GET …/versions', () => call('GET …/versions', 'GET', `/projects/${p}/declarations/${org}/versions?limit=20`, u.token)],
    ['GET /projects/{id}/workflow', () => call('GET /projects/{id}/workflow', 'GET', `/projects/${p}/workflow`, u.token)],
    ['GET /me/tasks', () => call('GET /me/tasks', 'GET', '/me/tasks', u.token)],
    ['GET /projects/{id}/documents', () => call('GET /projects/{id}/documents', 'GET', `/projects/${p}/documents`, u.token)],
  ];
  if (u.kind !== 'partner') {
    reads.push(
      ['GET /projects/{id}/flags', () => call('GET /projects/{id}/flags', 'GET', `/projects/${p}/flags`, u.token)],
      ['GET /flags', () => call('GET /flags', 'GET', '/flags?limit=20', u.token)],
      ['GET /projects/{id}/audit', () => call('GET /projects/{id}/audit', 'GET', `/projects/${p}/audit?limit=20`, u.token)],
    );
  }
  await pick(reads)[1]();
}

/** One write: a partner saves a new version, submits, decides or uploads; staff raise and act on flags, decide. */
async function write(u: User): Promise<void> {
  const p = u.project.id;
  if (u.kind === 'partner') {
    const org = u.org!;
    const path = `/projects/${p}/declarations/${org}`;
    const r = rand();
    if (r < 0.55) {
      const cur = await call('GET …/declarations/{org}', 'GET', path, u.token);
      const others = u.project.orgs.filter((o) => o !== org);
      const d = completeDeclaration(org, others[0]!, others[1]!);
      const marker = `Firmware ${Math.floor(rand() * 1e9)}`;
      d.background[1].title = marker;
      const put = await call('PUT …/declarations/{org}', 'PUT', path, u.token, d, cur.status === 200 ? { 'if-match': cur.headers.get('etag')! } : {});
      if (put.status === 200 || put.status === 201)
        written.versions.push({ project: p, org, version: put.body.savedVersion?.version ?? put.body.currentVersion, marker });
      if (rand() < 0.3) await call('POST …/submit', 'POST', `${path}/submit`, u.token);
    } else if (r < 0.75) {
      const d = await call('POST …/decision', 'POST', `/projects/${p}/workflow/steps/${encodeURIComponent('partner-approval')}/decision`, u.token, {
        decision: 'approve',
      });
      if (d.status === 200) written.decisions.push({ project: p, stepId: `partner-approval:${org}` });
    } else {
      const bytes = new TextEncoder().encode(`%PDF-1.4\n% pièce ${Math.floor(rand() * 1e9)}\n`);
      const start = await call('POST …/documents', 'POST', `/projects/${p}/documents`, u.token, {
        fileName: 'annexe.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
      });
      if (start.status !== 201) return;
      const form = new FormData();
      for (const [k, v] of Object.entries(start.body.upload.fields as Record<string, string>)) form.append(k, v);
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'upload');
      const t0 = performance.now();
      const up = await fetch(start.body.upload.url, { method: 'POST', body: form });
      samples.record('S3 POST (presigned upload)', performance.now() - t0);
      if (up.status >= 300) return void failures.push(`S3 POST → ${up.status}`);
      const id = start.body.document.id as string;
      const c = await call('POST …/documents/{id}/confirm', 'POST', `/projects/${p}/documents/${id}/confirm`, u.token);
      if (c.status === 200) written.documents.push({ project: p, id, sha256: c.body.sha256 });
    }
    return;
  }
  if (u.kind === 'legal' && rand() < 0.5) {
    const f = await call('POST /projects/{id}/flags', 'POST', `/projects/${p}/flags`, u.token, {
      title: 'Point de vigilance',
      severity: pick(['info', 'low', 'medium'] as const),
      explanation: 'Relevé pendant la revue de charge.',
    });
    if (f.status === 201) written.flags.push({ project: p, id: f.body.id });
    return;
  }
  const mine = written.flags.filter((f) => f.project === p && !written.flagActions.some((a) => a.id === f.id));
  if (mine.length) {
    const flag = pick(mine);
    const a = await call('POST …/flags/{id}/actions', 'POST', `/projects/${p}/flags/${flag.id}/actions`, u.token, {
      action: 'acknowledge',
      note: 'Pris en compte.',
    });
    if (a.status === 200 || a.status === 201) written.flagActions.push({ project: p, id: flag.id, status: 'acknowledged' });
    return;
  }
  const step = u.kind === 'legal' ? 'legal-review' : 'committee';
  const d = await call('POST …/decision', 'POST', `/projects/${p}/workflow/steps/${step}/decision`, u.token, { decision: 'approve' });
  if (d.status === 200) written.decisions.push({ project: p, stepId: step });
}

/** Reads back every acknowledged write; returns the number of writes lost. */
async function verify(legal: string, projects: Project[]): Promise<{ checked: number; lost: string[]; chains: string[] }> {
  const lost: string[] = [];
  let checked = 0;
  for (const v of written.versions) {
    checked++;
    const r = await call('verify', 'GET', `/projects/${v.project}/declarations/${v.org}/versions/${v.version}`, legal);
    if (r.status !== 200 || JSON.stringify(r.body).indexOf(v.marker) < 0) lost.push(`version ${v.version} of ${v.org} in ${v.project} (${r.status})`);
  }
  for (const p of projects) {
    const flags = await readAll(legal, `/projects/${p.id}/flags`);
    for (const f of written.flags.filter((x) => x.project === p.id)) {
      checked++;
      const found = flags.find((x) => x.id === f.id);
      const acted = written.flagActions.find((a) => a.id === f.id);
      if (!found) lost.push(`flag ${f.id}`);
      else if (acted && found.status !== acted.status) lost.push(`action on flag ${f.id}: status ${found.status}`);
    }
    const docs = await readAll(legal, `/projects/${p.id}/documents`);
    for (const d of written.documents.filter((x) => x.project === p.id)) {
      checked++;
      const found = docs.find((x) => x.id === d.id);
      // Confirmed = 'available', with the SHA-256 the confirmation answered.
      if (!found || found.status !== 'available' || found.sha256 !== d.sha256) lost.push(`document ${d.id} (${found?.status ?? 'missing'})`);
    }
    const wf = (await call('verify', 'GET', `/projects/${p.id}/workflow`, legal)).body as { history?: { stepId: string | null; by: unknown }[] };
    for (const d of written.decisions.filter((x) => x.project === p.id)) {
      checked++;
      // A later declaration may reopen an approval: the decision stays in the history.
      if (!wf.history?.some((h) => h.stepId === d.stepId && h.by)) lost.push(`decision ${d.stepId} in ${p.id}`);
    }
  }
  const chains: string[] = [];
  for (const path of [...projects.map((p) => `/projects/${p.id}`), ...projects.flatMap((p) => p.orgs.map((o) => `/organizations/${o}`))]) {
    const r = await call('verify', 'GET', `${path}/audit/verify`, legal);
    if (r.status !== 200 || r.body?.valid !== true) chains.push(`${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  }
  return { checked, lost, chains };
}

async function readAll(tok: string, path: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await call('verify', 'GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, tok);
    if (r.status !== 200) throw new Error(`${path} → ${r.status}`);
    items.push(...(r.body.items as Item[]));
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

bench.run(async () => {
  let startMs = 0;
  if (process.env.BENCH_URL) base = process.env.BENCH_URL.replace(/\/$/, '');
  else {
    bench.log('starting npm start…');
    startMs = await startNpmStart();
    bench.log(`npm start answered /health after ${(startMs / 1000).toFixed(1)} s`);
  }
  const legal = await token({ role: 'legal', email: 'charge-juriste@pole.example' });
  const projects = await setUp(legal);
  bench.log(`${projects.length} projects of 3 partners set up`);

  // 50 users: each partner organization has its own user; the rest are legal staff and committee members.
  const users: User[] = [];
  const partnerSlots = projects.flatMap((project) => project.orgs.map((org) => ({ project, org })));
  for (let i = 0; i < VUS; i++) {
    if (i < Math.min(partnerSlots.length, Math.round(VUS * 0.7))) {
      const { project, org } = partnerSlots[i]!;
      users.push({ kind: 'partner', project, org, token: await token({ role: 'partner', organizationId: org }) });
    } else if (i % 3) {
      users.push({ kind: 'legal', project: pick(projects), token: await token({ role: 'legal', email: `juriste${i}@pole.example` }) });
    } else {
      users.push({ kind: 'committee', project: pick(projects), token: await token({ role: 'committee', email: `comite${i}@pole.example` }) });
    }
  }
  // Before the clock: every partner declares once, so that reads find content and decisions have steps.
  for (const u of users.filter((x) => x.kind === 'partner')) await write({ ...u });

  let reads = 0;
  let writes = 0;
  const t0 = Date.now();
  const end = t0 + SECONDS * 1000;
  bench.log(`${VUS} users for ${SECONDS} s…`);
  await Promise.all(
    users.map(async (u) => {
      while (Date.now() < end) {
        if (rand() < 0.8) {
          reads++;
          await read(u);
        } else {
          writes++;
          await write(u);
        }
      }
    }),
  );
  const elapsed = (Date.now() - t0) / 1000;
  bench.log(`${reads + writes} requests in ${elapsed.toFixed(1)} s; verifying…`);
  const v = await verify(legal, projects);

  const lines: string[] = ['## Environment', '', ...environmentLines({ withLoad: true })];
  lines.push(
    `- settings: BENCH_VUS=${VUS}, BENCH_SECONDS=${SECONDS}, BENCH_PROJECTS=${PROJECTS}; ${process.env.BENCH_URL ? `against ${base}` : `against npm start (answered /health after ${(startMs / 1000).toFixed(1)} s)`}`,
    '',
    '## Throughput',
    '',
    `${f0(reads + writes)} operations in ${f1(elapsed)} s: **${f1((reads + writes) / elapsed)} operations/s** (${f0(reads)} reads, ${f0(writes)} writes: ${f1((100 * reads) / (reads + writes))} % reads).`,
    '',
    '## Latency per route (client-observed, over loopback)',
    '',
    ...STATS_TABLE_HEAD,
  );
  const routes = [...statusCounts.keys()].filter((r) => r !== 'setup' && r !== 'verify').sort();
  for (const r of [...routes, 'S3 POST (presigned upload)']) if (samples.get(r)) lines.push(samples.row(r, r));
  lines.push('', '## Status codes', '', '| route | statuses |', '|---|---|');
  for (const r of routes)
    lines.push(
      `| ${r} | ${[...statusCounts.get(r)!]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ')} |`,
    );
  const fiveXx = [...statusCounts.values()].reduce((a, m) => a + [...m].filter(([s]) => s >= 500 || s === 0).reduce((x, [, n]) => x + n, 0), 0);
  const throttled = [...statusCounts.values()].reduce((a, m) => a + (m.get(429) ?? 0), 0);
  lines.push(
    '',
    '## Budget',
    '',
    `- 5xx (or no response): **${fiveXx}** → ${fiveXx === 0 ? 'PASS' : 'FAIL'}${failures.length ? ` (first: ${failures.slice(0, 3).join(' | ')})` : ''}`,
    `- writes acknowledged: ${written.versions.length} declaration versions, ${written.flags.length} flags, ${written.flagActions.length} flag actions, ${written.documents.length} documents, ${written.decisions.length} decisions; read back: ${v.checked}; **lost: ${v.lost.length}** → ${v.lost.length === 0 ? 'PASS' : 'FAIL'}${v.lost.length ? ` (${v.lost.slice(0, 5).join('; ')})` : ''}`,
    `- audit chains verified: ${projects.length * 4} (each project's and each organization's); **broken: ${v.chains.length}** → ${v.chains.length === 0 ? 'PASS' : 'FAIL'}${v.chains.length ? ` (${v.chains.slice(0, 3).join('; ')})` : ''}`,
    `- throttled (429, not lost: refused with Retry-After): ${throttled}`,
  );
  console.log(lines.join('\n'));
  if (fiveXx || v.lost.length || v.chains.length) throw new Error('budget missed (see the report)');
});
