/**
 * `npm run bench:fanout` — the re-evaluation fan-out of the risk engine (docs/risk.md): a control event is recorded
 * on an organization that belongs to N projects, and every one of those projects is re-evaluated.
 * Budget: the fan-out's DynamoDB cost grows linearly with the number of projects, with no Scan.
 *
 * What runs: DynamoDB Local in memory, s3rver and the SES emulator (aws-ses-v2-local, in this process) in a temp
 * folder, all on 127.0.0.1. The code under test is the product's: the control-event store write
 * (shared/store/control-events.ts recordControlEvent) then `reevaluateOrganization` (functions/risk/reevaluate.ts),
 * exactly what `POST /organizations/{id}/control-events` does after validating its body (parseControlEventInput).
 *
 * Seed (through the product's store functions, after validating each input with the domain's zod schemas):
 *   - 2 legal staff (they receive the flag emails), 10 holding companies, a pool of 30 French partner organizations
 *     each held 40 % by a registered holding (so the control chain has two levels);
 *   - for each N in BENCH_SIZES (25, 50, 100, 200), one French start-up T_N that is a partner of N projects;
 *     each project has BENCH_PARTNERS (4) partners (T_N and 3 from the pool), critical technology domains, and a
 *     small submitted declaration per partner (2 background items, 1 result, 1 access right; BENCH_DECL_VERSIONS
 *     saved versions of it, the last submitted, each padded by BENCH_DECL_PAD_KB kB of text — defaults 1 and 0);
 *   - then every project is evaluated once (what the declaration routes do after each save), so the stored flags
 *     reflect the seed before anything is measured.
 *
 * Measured for each N (the fan-out only; the control-event write is timed and counted separately):
 *   event A  a planned 30 % shareholding by a US investor → raises IEF-ACQUISITION (high) on every project: the
 *            fan-out reads and writes (one flag + audit event per project) and mails each legal staff member once;
 *   event B  a 5 % shareholding by a German investor, BENCH_REPEAT (3) times → nothing to change: read-only fan-out.
 *
 * Instrumentation (no product code changed): an SDK middleware on the product's DynamoDB client counts commands
 * by name, times them, and asks for ReturnConsumedCapacity=INDEXES on every command that does not already, so the
 * consumed read and write units (and the GSI share of the writes) are known. Scan is counted over the whole bench (it must stay 0).
 *
 * Bounded: BENCH_MAX_SECONDS (default 600): past it no new size starts; 30 s later the process stops hard.
 * Emulators are always stopped, also on error or Ctrl-C. A budget miss is reported, not an error.
 */
import type { ControlEvent } from '../shared/domain/control-event';
import { createBench, intEnv, pool } from './lib/bench';
import { count, meterDynamo, requests, type Tally } from './lib/ddb-meter';
import { siren } from './lib/fixtures';
import { completeDeclaration } from '../test/fixtures/declaration';
import { environmentLines } from './lib/machine';
import { rawDynamo, sesMailbox, startStack } from './lib/stack';
import { f0, f1, f2, f3 } from './lib/stats';

// ───────────────────────────── configuration ─────────────────────────────

const SIZES = (process.env.BENCH_SIZES ?? '25,50,100,200').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`BENCH_SIZES: integers in 1..1000, got ${s}`);
  return n;
});
const PARTNERS = intEnv('BENCH_PARTNERS', 4, 3);
const REPEAT = intEnv('BENCH_REPEAT', 3, 1);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1);
const MAX_SECONDS = intEnv('BENCH_MAX_SECONDS', 600, 30);
/** Saved versions per declaration (the last one is submitted), and padding of each version's text in kB (≤ 19). */
const DECL_VERSIONS = intEnv('BENCH_DECL_VERSIONS', 1, 1);
const DECL_PAD_KB = intEnv('BENCH_DECL_PAD_KB', 0, 0);
if (DECL_PAD_KB > 19) throw new Error('BENCH_DECL_PAD_KB must be ≤ 19 (one description holds at most 20,000 characters)');
const POOL = 30;
const HOLDINGS = 10;
const LEGAL = 2;
if (PARTNERS - 1 > POOL) throw new Error(`BENCH_PARTNERS must be ≤ ${POOL + 1}`);

const bench = createBench({ maxSeconds: MAX_SECONDS, elapsedInLog: true });
const { log, deadline } = bench;

// ───────────────────────────── helpers ─────────────────────────────

/** A small declaration of organization `a` in a project with partners a, b and c (the shared test fixture); identifiers unique per (n, i). */
function smallDeclaration(a: string, b: string, c: string, n: number, i: number, version = 1): unknown {
  const d = completeDeclaration(a, b, c);
  const bg = d.background[0];
  bg.title = `Capteur photonique intégré ${n}.${i}`;
  bg.description =
    `Capteur à base de guides d’onde (version ${version}).${DECL_PAD_KB ? ' ' + 'Texte descriptif détaillé. '.repeat(Math.floor((DECL_PAD_KB * 1024) / 27)) : ''}`.trim();
  bg.identifiers = [{ kind: 'patent-publication', value: `EP ${1_000_000 + n * 10 + i} B1` }];
  bg.jurisdictions = ['EP', 'FR'];
  bg.exportControl = { category: 'none' };
  d.results[0].ownership = [
    { organizationId: a, pct: 50 },
    { organizationId: b, pct: 25 },
    { organizationId: c, pct: 25 },
  ];
  return d;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Least squares y = a·x + b, with R². */
function fit(xs: number[], ys: number[]) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  const a = sxx ? sxy / sxx : NaN;
  const b = my - a * mx;
  const r2 = syy ? (sxy * sxy) / (sxx * syy) : 1;
  return { a, b, r2 };
}

/** DynamoDB's item size rule, approximately: attribute names + values (numbers ≈ 1 byte per 2 digits + 1). */
function itemSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').length / 2) + 1;
  if (v instanceof Uint8Array) return v.length;
  if (Array.isArray(v)) return 3 + v.reduce((a: number, x) => a + 1 + itemSize(x), 0);
  return 3 + Object.entries(v as Record<string, unknown>).reduce((a, [k, x]) => a + Buffer.byteLength(k) + 1 + itemSize(x), 0);
}

// ───────────────────────────── main ─────────────────────────────

interface Row {
  size: number;
  event: 'A' | 'B';
  rep: number;
  storeMs: number;
  storeRequests: number;
  ms: number;
  tally: Tally;
  reevaluated: number;
  raised: number;
  closed: number;
  updated: number;
  emails: number;
}

async function main() {
  const stack = await startStack(bench, { tmpPrefix: 'vigie-bench-fanout-', env: { MAIL_FROM: 'vigie@pole.example' } });

  // Imported only now: the SDK clients read their endpoints from the environment set above.
  const { dynamo } = await import('../shared/store/clients');
  const { reevaluateOrganization } = await import('../shared/services/reevaluate');
  const { recordControlEvent } = await import('../shared/store/control-events');
  const { createOrganization, newId } = await import('../shared/store/organizations');
  const { createProject } = await import('../shared/store/projects');
  const { saveDeclarationVersion, submitDeclaration } = await import('../shared/store/declarations');
  const { listFlags } = await import('../shared/store/flags');
  const { putStaff } = await import('../shared/store/staff');
  const { organizationInputSchema } = await import('../shared/domain/organization');
  const { projectInputSchema } = await import('../shared/domain/project');
  const { staffInputSchema } = await import('../shared/domain/staff');
  const { parseDeclarationDraft } = await import('../shared/domain/declaration');
  const { parseControlEventInput } = await import('../shared/domain/control-event');

  // ── instrumentation of the product's client (meter.total: whole bench, never reset: the Scan count) ──
  const meter = meterDynamo(dynamo(), { capacity: 'INDEXES' });

  // The bench's own client (item sizes): configured like shared/store/clients.ts, not counted.
  const { GetCommand, QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const keys = await import('../shared/store/keys');
  const { queryInput } = await import('../shared/store/query');
  const { doc: raw } = await rawDynamo(bench);
  const TABLE = process.env.TABLE_NAME!;

  const actor = { sub: 'bench-legal', role: 'legal', org: null, email: 'bench-legal@pole.example' };
  const { count: sesCount } = sesMailbox(stack);

  // ── seed ──
  const t0 = performance.now();
  for (let i = 0; i < LEGAL; i++) {
    await putStaff(
      `juriste${i + 1}@pole.bench.example`,
      staffInputSchema.parse({ name: `Juriste ${i + 1}`, role: 'legal', language: i ? 'en' : 'fr' }),
      null,
      actor,
    );
  }
  let sirenSeq = 0;
  const org = async (legalName: string, extra: Record<string, unknown>) =>
    (
      await createOrganization(
        organizationInputSchema.parse({ legalName, siren: siren(String(20_000_000 + sirenSeq++)), country: 'FR', city: 'Grenoble', ...extra }),
        actor,
      )
    ).id;
  const holdings = await pool(
    Array.from({ length: HOLDINGS }, (_, i) => i),
    CONCURRENCY,
    (i) =>
      org(`Holding ${i} SA`, {
        category: 'large',
        shareholders: [{ name: 'Actionnaires familiaux', country: 'FR', votingRightsPct: 100, naturalPerson: true }],
      }),
  );
  const partnersPool = await pool(
    Array.from({ length: POOL }, (_, i) => i),
    CONCURRENCY,
    (i) =>
      org(`Partenaire ${i} SAS`, {
        category: i % 2 ? 'sme' : 'large',
        shareholders: [
          { name: `Holding ${i % HOLDINGS} SA`, country: 'FR', votingRightsPct: 40, organizationId: holdings[i % HOLDINGS] },
          { name: 'Fondateurs', country: 'FR', votingRightsPct: 60, naturalPerson: true },
        ],
        representatives: [{ name: `Représentant ${i}`, email: `rep${i}@partenaire${i}.bench.example`, language: 'fr' }],
      }),
  );
  const targets = new Map<number, string>();
  const projectsOf = new Map<number, string[]>();
  let projectSeq = 0;
  for (const size of SIZES) {
    const target = await org(`Start-up cible ${size} SAS`, {
      category: 'startup',
      shareholders: [{ name: 'Fondateurs', country: 'FR', votingRightsPct: 100, naturalPerson: true }],
      representatives: [{ name: `Dirigeante ${size}`, email: `ceo@cible${size}.bench.example`, language: 'fr' }],
    });
    targets.set(size, target);
    const ids = await pool(
      Array.from({ length: size }, (_, p) => p),
      CONCURRENCY,
      async (p) => {
        const n = projectSeq++;
        const others = Array.from({ length: PARTNERS - 1 }, (_, k) => partnersPool[(n * (PARTNERS - 1) + k) % POOL]!);
        const members = [target, ...others];
        const input = projectInputSchema.parse({
          acronym: `FO${size}-${p}`,
          title: `Projet ${p} de la start-up ${size}`,
          fundingScheme: 'france-2030',
          technologyDomains: ['quantum', 'artificial-intelligence'],
          startDate: '2027-01-01',
          endDate: '2029-12-31',
          partners: members.map((organizationId, i) => ({ organizationId, role: i === 1 ? 'coordinator' : 'partner' })),
        });
        const project = await createProject(input, actor);
        for (const [i, a] of members.entries()) {
          const b = members[(i + 1) % members.length]!;
          const c = members[(i + 2) % members.length]!;
          let head: Awaited<ReturnType<typeof saveDeclarationVersion>>['head'] | undefined;
          for (let v = 1; v <= DECL_VERSIONS; v++) {
            ({ head } = await saveDeclarationVersion(project.id, a, parseDeclarationDraft(smallDeclaration(a, b, c, n, i, v)), v - 1, actor));
          }
          await submitDeclaration(head!, actor);
        }
        return project.id;
      },
    );
    projectsOf.set(size, ids);
    log(`  seeded T_${size}: ${size} projects × ${PARTNERS} partners (${((performance.now() - t0) / 1000).toFixed(1)} s so far)`);
  }
  // Every project evaluated once, as the declaration routes would have done after each save.
  for (const size of SIZES) await reevaluateOrganization(targets.get(size)!, actor);
  const seedMs = performance.now() - t0;
  const seedFlags = await listFlags(projectsOf.get(SIZES[0]!)![0]!);
  log(
    `seed done in ${(seedMs / 1000).toFixed(1)} s; flags on a project after the initial evaluation: ${seedFlags.map((f) => `${f.ruleId}/${f.severity}/${f.status}`).join(', ') || 'none'}`,
  );

  // ── measurements ──
  const eventA = {
    kind: 'shareholding-change',
    status: 'planned',
    investor: { name: 'Redwood Capital Holdings', country: 'US' },
    votingRightsBeforePct: 0,
    votingRightsAfterPct: 30,
    effectiveDate: '2027-03-01',
  };
  const eventB = (rep: number) => ({
    kind: 'shareholding-change',
    status: 'completed',
    investor: { name: `Deutsche Fonds ${rep}`, country: 'DE' },
    votingRightsBeforePct: 0,
    votingRightsAfterPct: 5,
    effectiveDate: '2027-02-01',
  });

  const rows: Row[] = [];
  const measure = async (size: number, which: 'A' | 'B', rep: number, body: unknown): Promise<Row> => {
    const orgId = targets.get(size)!;
    const now = new Date();
    const input = parseControlEventInput(body, orgId);
    const event: ControlEvent = { ...input, id: newId('cev'), organizationId: orgId, recordedAt: now.toISOString(), recordedBy: actor.sub };
    const mailsBefore = await sesCount();
    meter.reset();
    let t = performance.now();
    await recordControlEvent(event, actor);
    const storeMs = performance.now() - t;
    const storeRequests = requests(meter.tally);
    meter.reset();
    t = performance.now();
    const results = await reevaluateOrganization(orgId, actor, now);
    const ms = performance.now() - t;
    const tally = meter.tally;
    const row: Row = {
      size,
      event: which,
      rep,
      storeMs,
      storeRequests,
      ms,
      tally,
      reevaluated: results.length,
      raised: results.reduce((a, r) => a + r.created.length + r.reopened.length, 0),
      closed: results.reduce((a, r) => a + r.closed.length, 0),
      updated: results.reduce((a, r) => a + r.updated.length, 0),
      emails: (await sesCount()) - mailsBefore,
    };
    meter.reset(); // the row keeps its own tally: later reads (checks) are not added to it
    if (row.reevaluated !== size) throw new Error(`T_${size}: ${row.reevaluated} projects re-evaluated, expected ${size}`);
    const rt = row.tally;
    log(
      `  N=${size} event ${which}${which === 'B' ? ` #${rep}` : ''}: ${f0(ms)} ms, ${requests(rt)} requests (${f2(requests(rt) / size)}/project), RCU ${f1(rt.readUnits)}, WCU ${f1(rt.writeUnits)}, raised ${row.raised}, closed ${row.closed}, updated ${row.updated}, emails ${row.emails}, Scan ${count(rt, 'ScanCommand')}`,
    );
    return row;
  };

  // Warm-up (not reported): a read-only fan-out on the smallest organization.
  log('warm-up (not reported)…');
  await measure(Math.min(...SIZES), 'B', 0, eventB(0));

  let cappedAt: string | null = null;
  let itemSizes: { flag: number; audit: number; head: number } | undefined;
  for (const size of SIZES) {
    if (Date.now() > deadline) {
      cappedAt = `time cap reached before N = ${size}`;
      log(cappedAt);
      break;
    }
    rows.push(await measure(size, 'A', 1, eventA));
    const flagLists = await Promise.all(projectsOf.get(size)!.map(listFlags));
    const iefFlags = flagLists.map((fl) => fl.find((f) => f.ruleId === 'IEF-ACQUISITION' && f.status === 'open')).filter((f) => !!f);
    if (iefFlags.length !== size) throw new Error(`T_${size}: IEF-ACQUISITION open on ${iefFlags.length} of ${size} projects`);
    if (!itemSizes) {
      // The items one project's flag write put, read back with the bench's own client (not counted).
      const pid = projectsOf.get(size)![0]!;
      const chain = keys.projectChain(pid);
      const flagItem = (await raw.send(new QueryCommand({ ...queryInput(keys.queries.flags(pid)), TableName: TABLE }))).Items?.find(
        (i) => i.ruleId === 'IEF-ACQUISITION',
      );
      const lastAudit = (await raw.send(new QueryCommand({ ...queryInput(keys.queries.auditEvents(chain), { descending: true }), TableName: TABLE, Limit: 1 })))
        .Items?.[0];
      const head = (await raw.send(new GetCommand({ TableName: TABLE, Key: keys.auditHeadKey(chain) }))).Item;
      itemSizes = { flag: itemSize(flagItem), audit: itemSize(lastAudit), head: itemSize(head) };
    }
    for (let rep = 1; rep <= REPEAT; rep++) rows.push(await measure(size, 'B', rep, eventB(rep)));
  }

  // ── report ──
  const L: string[] = [];
  L.push('## Environment', '');
  L.push(...environmentLines({ withLoad: true }));
  L.push(
    `- settings: BENCH_SIZES=${SIZES.join(',')} BENCH_PARTNERS=${PARTNERS} BENCH_DECL_VERSIONS=${DECL_VERSIONS} BENCH_DECL_PAD_KB=${DECL_PAD_KB} BENCH_REPEAT=${REPEAT} BENCH_CONCURRENCY=${CONCURRENCY} (seed only; the product fans out 8 projects at a time)`,
  );
  L.push(
    `- seed: ${SIZES.reduce((a, b) => a + b, 0)} projects, ${POOL} pool partners, ${HOLDINGS} holdings, ${LEGAL} legal staff, in ${f1(seedMs / 1000)} s; flags after the initial evaluation of a project: ${seedFlags.map((f) => `${f.ruleId} (${f.severity})`).join(', ') || 'none'}`,
  );
  if (itemSizes)
    L.push(
      `- items written per project by event A (approximate DynamoDB item sizes): IEF-ACQUISITION flag ${f1(itemSizes.flag / 1024)} kB (also on gsi1 OPENFLAGS), audit event ${f1(itemSizes.audit / 1024)} kB, audit chain head ${f1(itemSizes.head / 1024)} kB`,
    );
  if (cappedAt) L.push(`- **partial run**: ${cappedAt}`);

  const cmdNames = ['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand', 'ScanCommand'];
  const short = (n: string) => n.replace(/Command$/, '');
  L.push('', '## Fan-out runs', '');
  L.push(
    '"requests" = DynamoDB commands sent by the product\'s client during `reevaluateOrganization` (the control-event write before it is shown apart).',
    '',
  );
  L.push(
    `| N projects | event | time ms | ms / project | requests | requests / project | ${cmdNames.map(short).join(' | ')} | RCU | RCU / project | WCU (of which GSI) | WCU / project | flags raised | emails | event write ms (requests) |`,
  );
  L.push(`|---:|---|---:|---:|---:|---:|${cmdNames.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|---:|---:|`);
  for (const r of rows) {
    L.push(
      `| ${r.size} | ${r.event}${r.event === 'B' ? ` #${r.rep}` : ''} | ${f0(r.ms)} | ${f1(r.ms / r.size)} | ${requests(r.tally)} | ${f2(requests(r.tally) / r.size)} | ${cmdNames.map((n) => count(r.tally, n)).join(' | ')} | ${f1(r.tally.readUnits)} | ${f3(r.tally.readUnits / r.size)} | ${f1(r.tally.writeUnits)} (${f1(r.tally.gsiWriteUnits)}) | ${f3(r.tally.writeUnits / r.size)} | ${r.raised} | ${r.emails} | ${f0(r.storeMs)} (${r.storeRequests}) |`,
    );
  }

  // Linearity
  L.push('', '## Budget: linear in the number of projects, no Scan', '');
  L.push(
    'Least-squares fit y = a·N + b over the sizes (event B: median time of the repeats; request and unit counts are identical across repeats up to the growing control-event list).',
    '',
  );
  L.push('| event | quantity | a (per project) | b (fixed) | R² | max/min of y/N |');
  L.push('|---|---|---:|---:|---:|---:|');
  let linear = true;
  const sizesDone = [...new Set(rows.map((r) => r.size))];
  for (const ev of ['A', 'B'] as const) {
    const pick = (size: number) => rows.filter((r) => r.size === size && r.event === ev);
    const series: [string, (rs: Row[]) => number, boolean][] = [
      ['requests', (rs) => median(rs.map((r) => requests(r.tally))), true],
      ['read units (RCU)', (rs) => median(rs.map((r) => r.tally.readUnits)), true],
      ['write units (WCU)', (rs) => median(rs.map((r) => r.tally.writeUnits)), true],
      ['time ms', (rs) => median(rs.map((r) => r.ms)), false],
    ];
    for (const [label, get, judged] of series) {
      const xs = sizesDone.filter((s) => pick(s).length);
      const ys = xs.map((s) => get(pick(s)));
      if (xs.length < 2) continue;
      const { a, b, r2 } = fit(xs, ys);
      const per = xs.map((x, i) => ys[i]! / x).filter((v) => v > 0);
      const spread = per.length ? Math.max(...per) / Math.min(...per) : NaN;
      if (judged && ys.some((y) => y > 0) && !(r2 >= 0.99)) linear = false;
      L.push(`| ${ev} | ${label} | ${f3(a)} | ${f1(b)} | ${f3(r2)} | ${f2(spread)} |`);
    }
  }
  const scans = count(meter.total, 'ScanCommand');
  L.push('', `Scan commands sent by the product's client during the whole bench (seed, initial evaluation, warm-up, all runs): **${scans}**.`);
  L.push(`**Verdict: ${linear && scans === 0 ? 'PASS' : 'FAIL'}** (requests, RCU and WCU fit a line in N with R² ≥ 0.99, and Scan = 0).`);
  console.log(L.join('\n'));
}

bench.run(main);
