/**
 * `npm run bench:scale` — the main routes on a large pôle (ten years of use) against the same routes on a small
 * one (issue 13 §1). Budget: on the large store each route's p50 and p99 ≤ 1.2 × the small store's, and each
 * route's consumed capacity (RCU, WCU) the same on both.
 *
 * What runs: DynamoDB Local in memory, s3rver and the SES emulator in a temp folder, the local API server
 * (infra/local/server.ts, the same handlers as Lambda), all on 127.0.0.1. Both stores are two tables of the same
 * DynamoDB Local (`vigie-small`, `vigie-large`); the product reads its table name per request (TABLE_NAME), so
 * the bench switches it between requests and measures the two stores interleaved (small, large, large, small…):
 * drift and the other load of the machine hit both alike.
 *
 * Seed (BENCH_SCALE=1): the large store has 5,000 projects, ~60,000 declaration versions, ~500,000 audit events,
 * 1,000 organizations, 80 staff, the workflows, step index items and flags that go with them; the small store 40
 * projects (480 versions, 4,000 audit events), 20 organizations, 24 staff. Items are produced by the product's own
 * store functions (createOrganization, createProject, saveDeclarationVersion, saveWorkflow with the pure workflow
 * domain, saveFlagChanges, replaceProject, putStaff) run against a capture of the document client: their
 * transactions are recorded instead of sent (audit heads answered from the capture, so every chain is a valid hash
 * chain), then written with parallel BatchWriteItem. So the items have exactly the shapes the code writes.
 *
 * The measured entities have the same recipe in both stores; only their history differs:
 *   - project F (5 partners, a lawyer, workflow at legal review, 4 manual flags); the declaration of organization
 *     O in F has BENCH_FOCUS_VERSIONS versions (2,000 large, 120 small), so F's audit chain is as long;
 *   - organization O is a partner of every project of the small store, of 1 in 12 of the large one; lawyer L is
 *     assigned to every third project of O, all at legal review; O's other projects await its approval (the same
 *     shapes on both stores, whichever projects a page picks);
 *   - lists are read with ?limit=10 where the small store has fewer than 50 items (projects, stage, tasks, open
 *     flags, organization projects, staff), else with the default limit (50): every page is full on both stores.
 *
 * Capacity: an SDK middleware on the product's DynamoDB client asks every command for ReturnConsumedCapacity
 * (bench/lib/ddb-meter.ts); each request's RCU/WCU is the sum over its commands (sequential requests).
 *
 * Knobs: BENCH_SCALE (default 1; 0.1 for a quick run: 500 projects), BENCH_N (200 measured requests per route and
 * store), BENCH_WARMUP (20), BENCH_CONCURRENCY (8 projects seeded at a time), BENCH_MAX_SECONDS (1500).
 * A budget miss is reported, not an error.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../shared/domain/access';
import type { Project } from '../shared/domain/project';
import { createBench, intEnv, pool } from './lib/bench';
import { count, meterDynamo } from './lib/ddb-meter';
import { mulberry32, siren } from './lib/fixtures';
import { completeDeclaration } from '../test/fixtures/declaration';
import { environmentLines, loadAverage } from './lib/machine';
import { rawDynamo, startApi, startStack } from './lib/stack';
import { f0, f1, f2, summarize } from './lib/stats';

// ───────────────────────────── configuration ─────────────────────────────

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], got ${process.env.BENCH_SCALE}`);
const N = intEnv('BENCH_N', 200, 10);
const WARMUP = intEnv('BENCH_WARMUP', 20, 0);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1);
const MAX_SECONDS = intEnv('BENCH_MAX_SECONDS', 1500, 60);
const BUDGET = 1.2;
const LIST_LIMIT = 10;

interface StoreSpec {
  name: 'small' | 'large';
  table: string;
  projects: number;
  orgs: number;
  /** O is a partner of one project in `focusOrgEvery`. */
  focusOrgEvery: number;
  /** Versions of each (other) declaration, and audit events per project (padded with project edits). */
  versionsPerDeclaration: number;
  auditPerProject: number;
  focusVersions: number;
  staff: { legal: number; committee: number; lawyer: number };
}

const SPECS: StoreSpec[] = [
  {
    name: 'small',
    table: 'vigie-small',
    projects: 40,
    orgs: 20,
    focusOrgEvery: 1,
    versionsPerDeclaration: 3,
    auditPerProject: 100,
    focusVersions: 120,
    staff: { legal: 12, committee: 6, lawyer: 6 },
  },
  {
    name: 'large',
    table: 'vigie-large',
    projects: Math.max(60, Math.round(5000 * SCALE)),
    orgs: Math.max(30, Math.round(1000 * SCALE)),
    // 1 in 12 at full size (~420 projects); at least ~50 projects on a quick run, so its pages stay full.
    focusOrgEvery: Math.max(2, Math.min(12, Math.floor((5000 * SCALE) / 50))),
    versionsPerDeclaration: 3,
    auditPerProject: 100,
    focusVersions: Math.max(200, Math.round(2000 * SCALE)),
    staff: { legal: 30, committee: 30, lawyer: 20 },
  },
];
const PARTNERS = 4;

const bench = createBench({ maxSeconds: MAX_SECONDS, elapsedInLog: true });
const { log } = bench;

/** DynamoDB's item size rule, approximately: attribute names + values (numbers ≈ 1 byte per 2 digits + 1). */
function itemSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').length / 2) + 1;
  if (v instanceof Uint8Array) return v.length;
  if (Array.isArray(v)) return 3 + v.reduce((a: number, x) => a + 1 + itemSize(x), 0);
  return 3 + Object.entries(v as Record<string, unknown>).reduce((a, [k, x]) => a + Buffer.byteLength(k) + 1 + itemSize(x), 0);
}

type Item = Record<string, unknown>;

// ───────────────────────────── main ─────────────────────────────

async function main() {
  const loadAtStart = loadAverage();
  const stack = await startStack(bench, { tmpPrefix: 'vigie-bench-scale-', devToken: true, env: { MAIL_FROM: 'vigie@pole.example' } });
  const { ensureTables } = await import('../infra/local/bootstrap');
  for (const s of SPECS) await ensureTables(stack.emulators.dynamodb, { table: s.table, idempotency: process.env.IDEMPOTENCY_TABLE_NAME! });

  // Imported only now: the SDK clients read their endpoints from the environment startStack set.
  const { ddb, dynamo } = await import('../shared/store/clients');
  const { GetCommand, TransactWriteCommand, BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  const keys = await import('../shared/store/keys');
  const { encodeCursor } = await import('../shared/store/pagination');
  const { createOrganization } = await import('../shared/store/organizations');
  const { createProject, replaceProject } = await import('../shared/store/projects');
  const { saveDeclarationVersion, submissionChange } = await import('../shared/store/declarations');
  const { saveWorkflow } = await import('../shared/store/workflow');
  const { saveFlagChanges } = await import('../shared/store/flags');
  const { putStaff } = await import('../shared/store/staff');
  const { organizationInputSchema } = await import('../shared/domain/organization');
  const { projectInputSchema } = await import('../shared/domain/project');
  const { staffInputSchema } = await import('../shared/domain/staff');
  const { createWorkflow, recordSubmission, decide, partnerStepId, NO_GATES } = await import('../shared/domain/workflow');
  const { createManualFlag, manualFlagBodySchema } = await import('../shared/domain/risk/lifecycle');
  const { signDevToken } = await import('../shared/services/dev-jwt');
  type Head = Awaited<ReturnType<typeof saveDeclarationVersion>>['head'];
  type Stored = Awaited<ReturnType<typeof saveWorkflow>>;

  // ── capture of the product's document client (seeding only) ──
  const doc = ddb();
  const realSend = doc.send.bind(doc) as (c: unknown) => Promise<unknown>;
  // Per async context: several projects are seeded at a time.
  const captureStore = new AsyncLocalStorage<Map<string, Item>>();
  const k = (key: { pk: unknown; sk: unknown }) => `${key.pk as string}\u0000${key.sk as string}`;
  (doc as unknown as { send: (c: unknown) => Promise<unknown> }).send = async (c: unknown) => {
    const capture = captureStore.getStore();
    if (!capture) return realSend(c);
    if (c instanceof GetCommand) return { Item: capture.get(k(c.input.Key as Item as { pk: string; sk: string })) };
    if (c instanceof TransactWriteCommand) {
      for (const t of c.input.TransactItems ?? []) {
        if (t.Put) capture.set(k(t.Put.Item as { pk: string; sk: string }), t.Put.Item as Item);
        else if (t.Delete) capture.delete(k(t.Delete.Key as { pk: string; sk: string }));
        else if (t.Update) throw new Error('capture: an Update in a seeded transaction');
      }
      return {};
    }
    throw new Error(`capture: unexpected ${(c as object).constructor.name}`);
  };
  const captured = async (fn: (capture: Map<string, Item>) => Promise<void>, into = new Map<string, Item>()): Promise<Map<string, Item>> => {
    await captureStore.run(into, () => fn(into));
    return into;
  };

  // ── writing captured items (the bench's own client: not metered) ──
  const { doc: raw, low: rawLow } = await rawDynamo(bench, { removeUndefinedValues: true, convertClassInstanceToMap: false });
  const written = new Map<string, { items: number; sampledBytes: number; sampled: number; ms: number }>();
  const writeItems = async (table: string, items: Iterable<Item>) => {
    const all = [...items];
    const w = written.get(table) ?? { items: 0, sampledBytes: 0, sampled: 0, ms: 0 };
    written.set(table, w);
    for (let i = 0; i < all.length; i += 25) {
      let req: Record<string, { PutRequest: { Item: Item } }[]> | undefined = { [table]: all.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
      for (let attempt = 0; req && Object.keys(req).length; attempt++) {
        if (attempt > 20) throw new Error('BatchWrite: unprocessed items after 20 attempts');
        if (attempt) await new Promise((r) => setTimeout(r, 20 * attempt));
        const out = await raw.send(new BatchWriteCommand({ RequestItems: req }));
        req = out.UnprocessedItems as typeof req;
      }
    }
    w.items += all.length;
    for (let i = 0; i < all.length; i += 17) {
      w.sampledBytes += itemSize(all[i]);
      w.sampled++;
    }
  };

  // ── actors ──
  const legalActor = { sub: 'bench-legal', role: 'legal', org: null, email: 'juriste01@pole.example' };
  const legalPrincipal: Principal = { sub: 'bench-legal', role: 'legal', email: 'juriste01@pole.example', name: 'Juriste 01' };
  const partnerActor = (org: string) => ({ sub: `rep-${org}`, role: 'partner', org, email: `rep@${org}.bench.example` });
  const partnerPrincipal = (org: string): Principal => ({ sub: `rep-${org}`, role: 'partner', organizationId: org, email: `rep@${org}.bench.example` });

  const YEAR = 365.25 * 86_400_000;
  const T0 = Date.parse('2016-01-04T08:00:00.000Z');

  // ── one project, its whole history ──
  interface ProjectRecipe {
    idx: number;
    partners: string[];
    lawyer: string | null;
    phase: 'none' | 'declarations' | 'partner-approval' | 'legal-review';
    versions: (org: string) => number;
    auditTarget: number;
    start: number;
  }
  const content = (a: string, b: string, c: string, v: number) => {
    const d = completeDeclaration(a, b, c);
    d.background[0].description = `Capteur à base de guides d’onde, révision ${String(v).padStart(6, '0')}.`;
    return d;
  };
  async function seedProject(r: ProjectRecipe): Promise<{ items: Map<string, Item>; project: Project }> {
    let tick = r.start;
    const next = () => new Date((tick += 60_000 + ((r.idx * 7919 + tick) % 3_600_000)));
    let project!: Project;
    const items = await captured(async (capture) => {
      const input = projectInputSchema.parse({
        acronym: `PRJ${String(r.idx).padStart(5, '0')}`,
        title: `Projet collaboratif ${String(r.idx).padStart(5, '0')} : capteurs photoniques pour l’industrie`,
        summary: 'Conception et industrialisation de capteurs photoniques intégrés pour la surveillance de procédés industriels.',
        fundingScheme: 'france-2030',
        technologyDomains: ['photonics', 'artificial-intelligence'],
        startDate: '2027-01-01',
        endDate: '2029-12-31',
        partners: r.partners.map((organizationId, i) => ({ organizationId, role: i === 0 ? 'coordinator' : 'partner' })),
      });
      const view = await createProject(input, legalActor, next());
      const { partners: _p, ...p } = view;
      project = p as Project;
      if (r.lawyer) {
        const at = next().toISOString();
        capture.set(k(keys.lawyerKey(project.id, r.lawyer)), {
          ...keys.lawyerKey(project.id, r.lawyer),
          ...keys.lawyerGsi(project.id, r.lawyer),
          entity: 'lawyer-assignment',
          projectId: project.id,
          email: r.lawyer,
          assignedAt: at,
        });
      }
      // Declarations: every partner saves its versions.
      const heads = new Map<string, Head>();
      for (const [i, a] of r.partners.entries()) {
        const b = r.partners[(i + 1) % r.partners.length]!;
        const c = r.partners[(i + 2) % r.partners.length]!;
        let head: Head | null = null;
        for (let v = 1; v <= r.versions(a); v++) {
          ({ head } = await saveDeclarationVersion(project.id, a, content(a, b, c, v), v - 1, partnerActor(a), next(), { head }));
        }
        if (head) heads.set(a, head);
      }
      // Workflow (the pure domain, written by saveWorkflow like the routes do).
      if (r.phase !== 'none') {
        const created = createWorkflow(r.partners, undefined, next());
        let stored: Stored = await saveWorkflow(project, null, created.state, created.effects, legalActor);
        const submitting = r.phase === 'declarations' ? r.partners.slice(0, Math.floor(r.partners.length / 2)) : r.partners;
        for (const org of submitting) {
          const at = next();
          const { write, audit } = submissionChange(heads.get(org)!, partnerActor(org), at);
          const res = recordSubmission(stored.state, org, heads.get(org)!.currentHash, at);
          stored = await saveWorkflow(project, stored, res.state, res.effects, partnerActor(org), { writes: [write], audits: [audit] });
        }
        if (r.phase === 'legal-review') {
          for (const org of r.partners) {
            const res = decide(stored.state, { stepId: partnerStepId(org), decision: 'approve', actor: partnerPrincipal(org), now: next(), gates: NO_GATES });
            stored = await saveWorkflow(project, stored, res.state, res.effects, partnerActor(org));
          }
        }
      }
      // Four flags added by the legal staff, one per severity (all open: on the open-flags index).
      const flags = (['critical', 'high', 'medium', 'low'] as const).map((severity, i) =>
        createManualFlag(
          manualFlagBodySchema.parse({
            title: `Point de vigilance ${i + 1}`,
            severity,
            explanation: 'Vérifier les conditions d’accès aux connaissances propres avant la signature de l’accord de consortium.',
          }),
          { actor: legalPrincipal, now: next() },
        ),
      );
      await saveFlagChanges(
        project.id,
        flags.map((flag) => ({ flag, previous: null, action: 'flag.raised', detail: { manual: true } })),
        legalActor,
      );
      // The rest of ten years: project edits, up to the audit target.
      const headKey = k(keys.auditHeadKey(keys.projectChain(project.id)));
      for (let e = (capture.get(headKey)?.seq as number) ?? 0; e < r.auditTarget; e++) {
        project = await replaceProject(
          project,
          { ...project, summary: `${input.summary} Révision ${String(e).padStart(6, '0')}.` },
          project.version,
          legalActor,
          next(),
        );
      }
    });
    return { items, project };
  }

  // ── one store ──
  interface Seeded {
    spec: StoreSpec;
    focusOrg: string;
    focusProject: string;
    lawyer: string;
    chainLength: number;
    ms: number;
    projects: number;
    versions: number;
    audit: number;
  }
  const PHASES = [
    'none',
    'declarations',
    'partner-approval',
    'partner-approval',
    'legal-review',
    'legal-review',
    'legal-review',
    'partner-approval',
    'declarations',
    'legal-review',
  ] as const;

  async function seedStore(spec: StoreSpec): Promise<Seeded> {
    const t0 = performance.now();
    const rnd = mulberry32(spec.name === 'small' ? 1 : 2);
    let versions = 0;
    let audit = 0;
    const countIn = (m: Map<string, Item>) => {
      for (const it of m.values()) {
        if (it.entity === 'audit') audit++;
        else if (it.entity === 'declaration-version') versions++;
      }
    };
    // Staff (pôle chain), organizations (one chain each).
    const staffItems = await captured(async () => {
      for (const [role, n] of Object.entries(spec.staff)) {
        for (let i = 1; i <= n; i++) {
          const email = role === 'legal' ? `juriste${String(i).padStart(2, '0')}@pole.example` : `${role}${String(i).padStart(2, '0')}@pole.example`;
          await putStaff(
            email,
            staffInputSchema.parse({ name: `${role} ${i}`, role, language: i % 3 ? 'fr' : 'en' }),
            null,
            legalActor,
            new Date(T0 + i * 86_400_000),
          );
        }
      }
    });
    countIn(staffItems);
    await writeItems(spec.table, staffItems.values());
    const orgIds: string[] = [];
    const orgItems = await captured(async () => {
      for (let i = 0; i < spec.orgs; i++) {
        const o = await createOrganization(
          organizationInputSchema.parse({
            legalName: `Partenaire ${String(i).padStart(4, '0')} SAS`,
            siren: siren(String(30_000_000 + i)),
            country: 'FR',
            city: 'Grenoble',
            category: i % 3 ? 'sme' : 'large',
            activityDescription: 'Conception de capteurs photoniques pour la surveillance industrielle.',
            shareholders: [
              { name: 'Fondateurs', country: 'FR', votingRightsPct: 60, naturalPerson: true },
              { name: 'Bpifrance Participations', country: 'FR', votingRightsPct: 40 },
            ],
            representatives: [{ name: `Représentant ${i}`, email: `rep${i}@partenaire${i}.bench.example`, language: 'fr', position: 'Président' }],
          }),
          legalActor,
          new Date(T0 + i * 3_600_000),
        );
        orgIds.push(o.id);
      }
    });
    countIn(orgItems);
    await writeItems(spec.table, orgItems.values());
    const focusOrg = orgIds[0]!;
    const lawyer = 'lawyer01@pole.example';
    // Projects: F first, then the others (spread over ten years).
    let oCount = 0;
    const recipe = (idx: number): ProjectRecipe => {
      const withO = idx === 0 || idx % spec.focusOrgEvery === 0;
      const others: string[] = [];
      while (others.length < (idx === 0 ? 4 : PARTNERS - (withO ? 1 : 0))) {
        const o = orgIds[1 + Math.floor(rnd() * (orgIds.length - 1))]!;
        if (!others.includes(o)) others.push(o);
      }
      const partners = withO ? [others[0]!, focusOrg, ...others.slice(1)] : others;
      const withLawyer = withO && oCount++ % 3 === 0;
      return {
        idx,
        partners,
        lawyer: withLawyer ? lawyer : null,
        // O's projects have one shape per kind on both stores, so a page holds the same shapes (and item sizes)
        // whichever projects it picks: the lawyer's at legal review (like F), the others awaiting O's approval.
        phase: idx === 0 || withLawyer ? 'legal-review' : withO ? 'partner-approval' : PHASES[idx % PHASES.length]!,
        versions: (org) => (idx === 0 && org === focusOrg ? spec.focusVersions : spec.versionsPerDeclaration),
        auditTarget: idx === 0 ? 0 : spec.auditPerProject,
        start: T0 + (idx / spec.projects) * 10 * YEAR,
      };
    };
    const focus = await seedProject(recipe(0));
    countIn(focus.items);
    const chainLength = focus.items.get(k(keys.auditHeadKey(keys.projectChain(focus.project.id))))!.seq as number;
    await writeItems(spec.table, focus.items.values());
    const recipes = Array.from({ length: spec.projects - 1 }, (_, i) => recipe(i + 1));
    let done = 0;
    await pool(recipes, CONCURRENCY, async (r) => {
      const { items } = await seedProject(r);
      countIn(items);
      await writeItems(spec.table, items.values());
      if (++done % 250 === 0) {
        const w = written.get(spec.table)!;
        log(`  ${spec.name}: ${done + 1}/${spec.projects} projects, ${f0(w.items)} items, ${f0(w.items / ((performance.now() - t0) / 1000))} items/s`);
      }
    });
    const ms = performance.now() - t0;
    log(
      `${spec.name} store seeded: ${spec.projects} projects, ${f0(versions)} versions, ${f0(audit)} audit events, ${f0(written.get(spec.table)!.items)} items in ${f1(ms / 1000)} s`,
    );
    return { spec, focusOrg, focusProject: focus.project.id, lawyer, chainLength, ms, projects: spec.projects, versions, audit };
  }

  const seeded: Seeded[] = [];
  for (const spec of SPECS) seeded.push(await seedStore(spec));

  // ── measurement ──
  const meter = meterDynamo(dynamo(), { capacity: 'TOTAL' });
  const api = await startApi(bench, stack);
  const tokenOf = async (u: Parameters<typeof signDevToken>[0]) => `Bearer ${await signDevToken(u, api.devSecret)}`;

  interface Req {
    method: string;
    path: string;
    auth: string;
    body?: () => string;
    headers?: () => Record<string, string>;
    want: number;
    /** Items a list page must hold (a full page on both stores). */
    items?: number;
    onOk?: (body: string) => void;
  }
  interface Route {
    name: string;
    req: Map<string, Req>;
  }

  const use = (s: Seeded) => void (process.env.TABLE_NAME = s.spec.table);
  const page = async (s: Seeded, auth: string, path: string, pages: number) => {
    use(s);
    let cursor: string | null = null;
    for (let i = 0; i < pages; i++) {
      const r = await api.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=${LIST_LIMIT}${cursor ? `&cursor=${cursor}` : ''}`, {
        authorization: auth,
      });
      if (r.status !== 200) throw new Error(`${path} → ${r.status} ${r.body.slice(0, 200)}`);
      cursor = (JSON.parse(r.body) as { nextCursor: string | null }).nextCursor;
      if (!cursor) throw new Error(`${path}: no page ${i + 2}`);
    }
    return cursor!;
  };

  const routes: Route[] = [];
  const builders: [string, (s: Seeded) => Promise<Req>][] = [];
  const route = (name: string, f: (s: Seeded) => Promise<Req> | Req) => builders.push([name, async (s) => f(s)]);

  const legal = await tokenOf({ sub: 'bench-legal', role: 'legal', email: 'juriste01@pole.example', name: 'Juriste 01' });
  route('GET /projects (legal, page 1)', () => ({ method: 'GET', path: `/projects?limit=${LIST_LIMIT}`, auth: legal, want: 200, items: LIST_LIMIT }));
  route('GET /projects (legal, later page)', async (s) => {
    const deep = s.spec.name === 'small' ? 2 : Math.min(100, Math.floor(s.projects / LIST_LIMIT) - 2);
    const cursor = await page(s, legal, '/projects', deep);
    return { method: 'GET', path: `/projects?limit=${LIST_LIMIT}&cursor=${cursor}`, auth: legal, want: 200, items: LIST_LIMIT };
  });
  route('GET /projects?stage=legal-review', () => ({
    method: 'GET',
    path: `/projects?stage=legal-review&limit=${LIST_LIMIT}`,
    auth: legal,
    want: 200,
    items: LIST_LIMIT,
  }));
  route('GET /projects/{id}', (s) => ({ method: 'GET', path: `/projects/${s.focusProject}`, auth: legal, want: 200 }));
  route('GET /projects/{id}/declarations', (s) => ({ method: 'GET', path: `/projects/${s.focusProject}/declarations`, auth: legal, want: 200, items: 5 }));
  route('GET …/declarations/{org}/versions', (s) => ({
    method: 'GET',
    path: `/projects/${s.focusProject}/declarations/${s.focusOrg}/versions`,
    auth: legal,
    want: 200,
    items: 50,
  }));
  route('GET …/versions/{n}', (s) => ({
    method: 'GET',
    path: `/projects/${s.focusProject}/declarations/${s.focusOrg}/versions/${s.spec.focusVersions - 10}`,
    auth: legal,
    want: 200,
  }));
  route('GET /me/tasks (legal)', () => ({ method: 'GET', path: `/me/tasks?limit=${LIST_LIMIT}`, auth: legal, want: 200, items: LIST_LIMIT }));
  route('GET /me/tasks (partner)', async (s) => ({
    method: 'GET',
    path: `/me/tasks?limit=${LIST_LIMIT}`,
    auth: await tokenOf({
      sub: `rep-${s.focusOrg}`,
      role: 'partner',
      organizationId: s.focusOrg,
      email: `rep@${s.focusOrg}.bench.example`,
      name: 'Représentant',
    }),
    want: 200,
    items: LIST_LIMIT,
  }));
  route('GET /flags', () => ({ method: 'GET', path: `/flags?limit=${LIST_LIMIT}`, auth: legal, want: 200, items: LIST_LIMIT }));
  route('GET /projects/{id}/flags', (s) => ({ method: 'GET', path: `/projects/${s.focusProject}/flags`, auth: legal, want: 200 }));
  route('GET /projects/{id}/audit (page 1)', (s) => ({ method: 'GET', path: `/projects/${s.focusProject}/audit`, auth: legal, want: 200, items: 50 }));
  route('GET /projects/{id}/audit (deep cursor)', (s) => {
    const cursor = encodeCursor(keys.auditEventKey(keys.projectChain(s.focusProject), s.chainLength - 60))!;
    return { method: 'GET', path: `/projects/${s.focusProject}/audit?cursor=${cursor}`, auth: legal, want: 200, items: 50 };
  });
  route('GET /organizations/{id}/projects (lawyer)', async (s) => ({
    method: 'GET',
    path: `/organizations/${s.focusOrg}/projects?limit=${LIST_LIMIT}`,
    auth: await tokenOf({ sub: 'bench-lawyer', role: 'lawyer', email: s.lawyer, name: 'Avocat 01' }),
    want: 200,
    items: LIST_LIMIT,
  }));
  route('GET /staff', () => ({ method: 'GET', path: `/staff?limit=${LIST_LIMIT}`, auth: legal, want: 200, items: LIST_LIMIT }));
  route('PUT …/declarations/{org} (save a version)', async (s) => {
    // The other partners of F: the declaration names members of the project.
    use(s);
    const view = await api.call('GET', `/projects/${s.focusProject}`, { authorization: legal });
    const others = (JSON.parse(view.body) as { partners: { organizationId: string }[] }).partners.map((p) => p.organizationId).filter((o) => o !== s.focusOrg);
    let version = s.spec.focusVersions;
    return {
      method: 'PUT',
      path: `/projects/${s.focusProject}/declarations/${s.focusOrg}`,
      auth: await tokenOf({
        sub: `rep-${s.focusOrg}`,
        role: 'partner',
        organizationId: s.focusOrg,
        email: `rep@${s.focusOrg}.bench.example`,
        name: 'Représentant',
      }),
      headers: () => ({ 'content-type': 'application/json', 'if-match': `"${version}"` }),
      body: () => JSON.stringify(content(s.focusOrg, others[0]!, others[1]!, version + 1)),
      want: 201,
      onOk: () => void version++,
    };
  });

  for (const [name, build] of builders) {
    const r: Route = { name, req: new Map() };
    for (const s of seeded) r.req.set(s.spec.name, await build(s));
    routes.push(r);
  }
  interface Sample {
    ms: number;
    rcu: number;
    wcu: number;
  }
  const samples = new Map<string, Sample[]>();
  const itemsSeen = new Map<string, number>();
  const run = async (r: Route, s: Seeded, rec: boolean) => {
    const q = r.req.get(s.spec.name)!;
    use(s);
    meter.reset();
    const res = await api.timed(q.method, q.path, { authorization: q.auth, ...(q.headers?.() ?? {}) }, q.body?.());
    const t = meter.tally;
    if (res.status !== q.want) throw new Error(`${s.spec.name}: ${q.method} ${q.path} → ${res.status} (expected ${q.want}): ${res.body.slice(0, 300)}`);
    q.onOk?.(res.body);
    if (q.items !== undefined) {
      const n = (JSON.parse(res.body) as { items: unknown[] }).items.length;
      if (n !== q.items) throw new Error(`${s.spec.name}: ${q.path} returned ${n} items, expected a full page of ${q.items}`);
      itemsSeen.set(`${r.name}|${s.spec.name}`, n);
    }
    if (!rec) return;
    const key = `${r.name}|${s.spec.name}`;
    const arr = samples.get(key) ?? [];
    samples.set(key, arr);
    arr.push({ ms: res.ms, rcu: t.readUnits, wcu: t.writeUnits });
  };
  log(`warm-up: ${WARMUP} requests per route and store`);
  for (const r of routes) for (let i = 0; i < WARMUP; i++) for (const s of seeded) await run(r, s, false);
  log(`measuring: ${N} requests per route and store, interleaved`);
  let cappedAt: string | null = null;
  const BLOCK = 10;
  outer: for (let done = 0; done < N; done += BLOCK) {
    for (const r of routes) {
      for (let i = 0; i < BLOCK && done + i < N; i++) {
        if (!bench.timeLeft()) {
          cappedAt = `time cap of ${MAX_SECONDS} s reached after ${done} requests per route`;
          break outer;
        }
        const order = (done + i) % 2 ? [...seeded].reverse() : seeded;
        for (const s of order) await run(r, s, true);
      }
    }
    if ((done + BLOCK) % 50 === 0) log(`  ${done + BLOCK}/${N}`);
  }

  // ── sizes ──
  const sizes = [];
  for (const s of seeded) {
    const d = await rawLow.send(new DescribeTableCommand({ TableName: s.spec.table }));
    const w = written.get(s.spec.table)!;
    sizes.push({ s, items: w.items, avg: w.sampledBytes / w.sampled, describedItems: d.Table?.ItemCount, describedBytes: d.Table?.TableSizeBytes });
  }

  // ── report ──
  const L: string[] = [];
  L.push('## Environment', '');
  L.push(...environmentLines({ withLoad: true }));
  L.push(`- load average at the start: ${loadAtStart} (2 cores shared with other agents: expect noise)`);
  L.push(`- settings: BENCH_SCALE=${SCALE} BENCH_N=${N} BENCH_WARMUP=${WARMUP} BENCH_CONCURRENCY=${CONCURRENCY}`);
  for (const x of seeded) {
    const w = written.get(x.spec.table)!;
    L.push(
      `- ${x.spec.name} store: ${f0(x.projects)} projects, ${f0(x.spec.orgs)} organizations, ${f0(x.versions)} declaration versions, ${f0(x.audit)} audit events, ${f0(w.items)} items in all; seeded in ${f1(x.ms / 1000)} s (${f0(w.items / (x.ms / 1000))} items/s); F's audit chain ${f0(x.chainLength)} events, O's declaration ${f0(x.spec.focusVersions)} versions`,
    );
  }
  for (const z of sizes) {
    L.push(
      `- ${z.s.spec.name} table size: ${f0(z.items)} items × ${f0(z.avg)} B average (sampled 1 in 17) ≈ ${f1((z.items * z.avg) / 2 ** 20)} MiB; DescribeTable: ${f0(z.describedItems ?? NaN)} items, ${f1((z.describedBytes ?? NaN) / 2 ** 20)} MiB`,
    );
  }
  if (cappedAt) L.push(`- **partial run**: ${cappedAt}`);
  L.push('');
  L.push(
    `Lists with \`limit=${LIST_LIMIT}\` where marked ¹, else the default (50); every list page full on both stores. RCU/WCU: median per request (min–max when they vary).`,
    '',
  );
  L.push(
    '| route | small p50 ms | small p99 ms | large p50 ms | large p99 ms | p50 ratio | p99 ratio | RCU small | RCU large | WCU small | WCU large | verdict |',
  );
  L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  let allPass = true;
  const units = (xs: number[]) => {
    const s = summarize(xs);
    const min = Math.min(...xs);
    return min === s.max ? f1(s.p50) : `${f1(s.p50)} (${f1(min)}–${f1(s.max)})`;
  };
  const summary: { route: string; rcu: number; wcu: number }[] = [];
  for (const r of routes) {
    const sm = samples.get(`${r.name}|small`) ?? [];
    const lg = samples.get(`${r.name}|large`) ?? [];
    const a = summarize(sm.map((x) => x.ms));
    const b = summarize(lg.map((x) => x.ms));
    const r50 = b.p50 / a.p50;
    const r99 = b.p99 / a.p99;
    const rs = summarize(sm.map((x) => x.rcu)).p50;
    const rl = summarize(lg.map((x) => x.rcu)).p50;
    const ws = summarize(sm.map((x) => x.wcu)).p50;
    const wl = summarize(lg.map((x) => x.wcu)).p50;
    const latencyOk = r50 <= BUDGET && r99 <= BUDGET;
    // Same units, up to one rounding unit: a Query is charged the sum of its items' sizes rounded up to 4 KB
    // (0.5 RCU eventually consistent), so a page whose items sum to just about 4 KB may flip by 0.5 on a few bytes.
    const capacityOk = Math.abs(rs - rl) <= 0.5 && Math.abs(ws - wl) <= 1;
    const capacityExact = rs === rl && ws === wl;
    const pass = latencyOk && capacityOk;
    if (!pass) allPass = false;
    const verdict = pass
      ? capacityExact
        ? 'PASS'
        : 'PASS (units within one 4 KB rounding)'
      : `FAIL (${[!latencyOk && 'latency', !capacityOk && 'capacity'].filter(Boolean).join(', ')})`;
    const limited = r.req.get('small')!.path.includes(`limit=${LIST_LIMIT}`) ? ' ¹' : '';
    L.push(
      `| ${r.name}${limited} | ${f2(a.p50)} | ${f2(a.p99)} | ${f2(b.p50)} | ${f2(b.p99)} | ${f2(r50)} | ${f2(r99)} | ${units(sm.map((x) => x.rcu))} | ${units(lg.map((x) => x.rcu))} | ${units(sm.map((x) => x.wcu))} | ${units(lg.map((x) => x.wcu))} | ${verdict} |`,
    );
    summary.push({ route: r.name, rcu: rl, wcu: wl });
  }
  const scans = count(meter.total, 'ScanCommand');
  L.push('', `Scan commands sent by the product's client during the measurements: **${scans}**.`);
  L.push(
    `**Verdict: ${allPass && scans === 0 ? 'PASS' : 'FAIL'}** (every route: large p50 and p99 ≤ ${BUDGET} × small, same median RCU and WCU on both stores up to one rounding unit — 0.5 RCU, 1 WCU —, no Scan).`,
  );
  console.log(L.join('\n'));
}

bench.run(main);
