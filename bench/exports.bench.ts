/**
 * `npm run bench:exports` — compliance exports (issue 11 §4, docs/exports.md): time, peak RSS and S3 parts of each
 * export kind in each format, pôle-wide (no project, organization or period: the whole data), at 10k and 100k
 * declarations. Budget: peak RSS at 100k ≤ 1.2 × that at 10k, and time linear (100k ≤ 12 × the 10k time).
 *
 * What runs: DynamoDB Local in memory, s3rver (in this process) in a temp folder, on 127.0.0.1.
 * Seed (bench/lib/export-seed.ts): N declarations = N / 20 projects of 20 partners, one version per declaration
 * with realistic inline content, its head, 1 flag per declaration on average, 3 audit events per declaration
 * (hash-chained per project), N / 10 organizations with one control event each — written with BatchWriteItem
 * using the store's key builders (so the dated index gsi3 is there as the product writes it). The sizes are seeded
 * in ascending order, each on top of the previous one.
 * Each export runs in a child process (bench/lib/export-probe.ts, an esbuild bundle under plain node, as the
 * Lambda runs it) that creates a queued job and calls `runExportJob`; its peak RSS is its own. This process waits
 * asynchronously (s3rver runs in it). The export file is deleted from s3rver after each run.
 *
 * Settings: BENCH_SIZES (10000,100000), BENCH_KINDS (flags,audit,declarations-register,results-ownership; `all` for
 * the 8 tabular kinds, or a comma-separated list), BENCH_FORMATS (csv,xlsx,jsonl),
 * BENCH_CONCURRENCY (8 BatchWriteItem calls in flight), BENCH_MAX_SECONDS (10800: past it no new export starts);
 * diagnostics for the children only: BENCH_CHILD_NODE_ARGS ('--max-old-space-size=96') and BENCH_CHILD_ENV
 * ('MALLOC_ARENA_MAX=2,MALLOC_MMAP_THRESHOLD_=131072').
 * Prints Markdown on stdout; exit code 0 even when a budget is breached (the line says BREACH).
 */
import { execFile } from 'node:child_process';
import { EXPORT_KINDS, type ExportKind } from '../shared/domain/exports/columns';
import { workers } from '../shared/api/routes';
import { bundleProbe } from './lib/probe-bundle';
import { createBench, intEnv } from './lib/bench';
import { environmentLines, loadAverage } from './lib/machine';
import { rawDynamo, startStack } from './lib/stack';
import { f0, f1, f2 } from './lib/stats';

const BUDGET = { time: 12, rss: 1.2 } as const;
const FORMATS_ALL = ['csv', 'xlsx', 'jsonl'] as const;
type Format = (typeof FORMATS_ALL)[number];

function listEnv<T extends string>(name: string, all: readonly T[], def: readonly T[] = all): T[] {
  const raw = process.env[name];
  if (!raw) return [...def];
  const xs = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = xs.filter((x) => !all.includes(x as T));
  if (bad.length) throw new Error(`${name}: unknown ${bad.join(', ')} (one of ${all.join(', ')})`);
  return xs as T[];
}

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .sort((a, b) => a - b);
if (!SIZES.length || SIZES.some((n) => !Number.isInteger(n) || n < 20 || n % 20 !== 0)) throw new Error('BENCH_SIZES: integers, multiples of 20');
/** The default run: the four kinds the issue's budget is judged on (the others: BENCH_KINDS=all or a list). */
const DEFAULT_KINDS: readonly ExportKind[] = ['flags', 'audit', 'declarations-register', 'results-ownership'];
const KINDS = process.env.BENCH_KINDS === 'all' ? [...EXPORT_KINDS] : listEnv<ExportKind>('BENCH_KINDS', EXPORT_KINDS, DEFAULT_KINDS);
const FORMATS = listEnv<Format>('BENCH_FORMATS', FORMATS_ALL);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1);
/** Diagnostics for the children only: node flags (e.g. `--max-old-space-size=96`) and environment (e.g. `MALLOC_ARENA_MAX=2`). */
/** The children run with the export worker's own V8 flags (shared/api/routes.ts `workers`), unless overridden. */
const CHILD_NODE_ARGS = (process.env.BENCH_CHILD_NODE_ARGS ?? workers.find((w) => w.name === 'export')!.nodeFlags.join(' ')).split(' ').filter(Boolean);
const CHILD_ENV = Object.fromEntries(
  (process.env.BENCH_CHILD_ENV ?? '')
    .split(',')
    .filter(Boolean)
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);
const MiB = 2 ** 20;

interface Run {
  ms: number;
  rows: number;
  bytes: number;
  parts: number;
  s3Key: string;
  maxRssMb: number;
  rssBeforeMb: number;
  sampledPeakRssMb: number;
  peakHeapMb: number;
}

const bench = createBench({ maxSeconds: intEnv('BENCH_MAX_SECONDS', 10_800, 60), elapsedInLog: true });

/** Bundles bench/lib/export-probe.ts (esbuild, ESM, as the Lambda bundles are) into a temp folder. */
const buildProbe = () => bundleProbe(new URL('./lib/export-probe.ts', import.meta.url), 'export-bench', (fn) => bench.onCleanup(fn));

/** One export in a child process (asynchronous: s3rver answers from this process meanwhile). */
function runChild(probe: string, kind: ExportKind, format: Format): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...CHILD_NODE_ARGS, probe, kind, format],
      { env: { ...process.env, ...CHILD_ENV }, maxBuffer: 16 * MiB },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${kind}/${format}: ${err.message}\n${stderr.slice(-2000)}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Run);
      },
    );
  });
}

async function main(): Promise<void> {
  await startStack(bench, { tmpPrefix: 'vigie-bench-exports-' });
  const table = process.env.TABLE_NAME!;
  const { doc } = await rawDynamo(bench, { removeUndefinedValues: true });
  // Imported now: the seed's product imports read the environment startStack set.
  const { seedProjects, orgPoolSize, PARTNERS_PER_PROJECT } = await import('./lib/export-seed');
  const { S3Client, DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const s3 = new S3Client({ forcePathStyle: true });
  bench.onCleanup(() => s3.destroy());
  bench.log('bundling the probe…');
  const probe = await buildProbe();

  const results = new Map<string, Run>();
  const seeds: { n: number; ms: number; items: number; mb: number }[] = [];
  let projectsDone = 0;
  let orgsDone = 0;
  let cutShort: string | null = null;
  for (const n of SIZES) {
    const projects = n / PARTNERS_PER_PROJECT;
    const orgPool = orgPoolSize(n);
    bench.log(`seeding up to ${n} declarations (${projects} projects, ${orgPool} organizations)…`);
    const t0 = performance.now();
    const seeded = await seedProjects(doc, table, {
      fromProject: projectsDone,
      toProject: projects,
      orgPool,
      orgsFrom: orgsDone,
      concurrency: CONCURRENCY,
      onChunk: (done) => {
        if (done % 1000 === 0) bench.log(`  ${done} / ${projects} projects`);
      },
    });
    const seedMs = performance.now() - t0;
    seeds.push({ n, ms: seedMs, items: seeded.items, mb: seeded.bytes / MiB });
    bench.log(`seeded ${seeded.items} items (${f0(seeded.bytes / MiB)} MB of JSON) in ${f1(seedMs / 1000)} s`);
    projectsDone = projects;
    orgsDone = orgPool;

    for (const kind of KINDS) {
      for (const format of FORMATS) {
        if (!bench.timeLeft()) {
          cutShort ??= `time cap of ${bench.maxSeconds} s reached before ${kind}/${format} at ${n}`;
          continue;
        }
        const r = await runChild(probe, kind, format);
        results.set(`${n}/${kind}/${format}`, r);
        bench.log(
          `${n} ${kind} ${format}: ${f0(r.ms)} ms, ${r.rows} rows, ${f1(r.bytes / MiB)} MB, ${r.parts} parts, maxRSS ${f0(r.maxRssMb)} MB (before ${f0(r.rssBeforeMb)}), peak heap ${f0(r.peakHeapMb)} MB`,
        );
        await s3.send(new DeleteObjectCommand({ Bucket: process.env.EXPORTS_BUCKET!, Key: r.s3Key }));
      }
    }
  }

  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  out('## Results');
  out();
  for (const l of environmentLines({ withLoad: true })) out(l);
  out(`- sizes ${SIZES.join(', ')}; kinds ${KINDS.join(', ')}; formats ${FORMATS.join(', ')}`);
  out(`- children run with ${[...CHILD_NODE_ARGS, process.env.BENCH_CHILD_ENV ?? ''].join(' ').trim() || 'no extra flags'}`);
  for (const s of seeds) out(`- seed up to ${s.n}: ${s.items} items (${f0(s.mb)} MB of JSON) in ${f1(s.ms / 1000)} s`);
  if (cutShort) out(`- CUT SHORT: ${cutShort}`);
  out();
  const [small, large] = [SIZES[0]!, SIZES[SIZES.length - 1]!];
  const two = SIZES.length > 1;
  out(
    `| kind | format | rows ${small}${two ? ` / ${large}` : ''} | MB ${small}${two ? ` / ${large}` : ''} | time ${small} s | ${two ? `time ${large} s | ratio (≤ ${BUDGET.time}) | ` : ''}maxRSS ${small} MB | ${two ? `maxRSS ${large} MB | ratio (≤ ${BUDGET.rss}) | ` : ''}S3 parts ${small}${two ? ` / ${large}` : ''} | peak heap MB ${small}${two ? ` / ${large}` : ''} |`,
  );
  out(`|---|---|---:|---:|---:|${two ? '---:|---:|' : ''}---:|${two ? '---:|---:|' : ''}---:|---:|`);
  const breaches: string[] = [];
  for (const kind of KINDS) {
    for (const format of FORMATS) {
      const a = results.get(`${small}/${kind}/${format}`);
      const b = results.get(`${large}/${kind}/${format}`);
      if (!a) continue;
      const both = <T>(f: (r: Run) => T, fmt: (x: T) => string) => (two ? `${fmt(f(a))} / ${b ? fmt(f(b)) : '—'}` : fmt(f(a)));
      let cols = `| ${kind} | ${format} | ${both((r) => r.rows, String)} | ${both((r) => r.bytes / MiB, f1)} | ${f1(a.ms / 1000)} |`;
      if (two) {
        const tr = b ? b.ms / a.ms : NaN;
        const mr = b ? b.maxRssMb / a.maxRssMb : NaN;
        const tBad = tr > BUDGET.time;
        const mBad = mr > BUDGET.rss;
        if (tBad) breaches.push(`${kind}/${format} time ×${f2(tr)}`);
        if (mBad) breaches.push(`${kind}/${format} maxRSS ×${f2(mr)}`);
        cols += ` ${b ? f1(b.ms / 1000) : '—'} | ${f2(tr)}${tBad ? ' **BREACH**' : ''} | ${f0(a.maxRssMb)} | ${b ? f0(b.maxRssMb) : '—'} | ${f2(mr)}${mBad ? ' **BREACH**' : ''} |`;
      } else cols += ` ${f0(a.maxRssMb)} |`;
      cols += ` ${both((r) => r.parts, String)} | ${both((r) => r.peakHeapMb, f0)} |`;
      out(cols);
    }
  }
  out();
  const floor = [...results.values()].map((r) => r.rssBeforeMb);
  out(`RSS of a probe before its job starts (modules loaded, job created): ${f0(Math.min(...floor))}–${f0(Math.max(...floor))} MB.`);
  out(
    two
      ? breaches.length
        ? `**BREACH** of the budget: ${breaches.join('; ')}.`
        : 'Budget: met for every kind and format measured.'
      : 'One size only: no ratio.',
  );
  out(`Load average at the end ${loadAverage()}.`);
  console.log(lines.join('\n'));
}

bench.run(main);
