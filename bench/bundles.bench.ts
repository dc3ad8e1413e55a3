/**
 * `npm run bench:bundles` = `node --import tsx bench/bundles.bench.ts` — size and cold import time of every
 * Lambda bundle (issue 9). **Budget for every request-path function: ≤ 600 KB minified and cold import
 * ≤ 2 × `node -e 0`.**
 *
 * - Builds each function exactly as `cdk synth` does (bench/lib/bundles.ts: the generated entry of each route
 *   group of the deployed routes and each job's handler; LAMBDA_BUNDLING and LAMBDA_RUNTIME of the construct,
 *   translated to esbuild options by infra/aws/esbuild-options.ts), plus the reference floors of bench/floors/.
 * - Size: the minified .mjs (not its source map); KB = 1,024 bytes, as esbuild prints sizes.
 * - Cold import: median over BENCH_N fresh processes of `node --input-type=module -e "await import('<bundle>')"`
 *   next to the median of `node -e 0`, in interleaved rounds (baseline, then every bundle, the order rotated
 *   each round), after BENCH_WARMUP unrecorded rounds. Wall-clock of the child process, spawn included (as for
 *   the baseline). The children get a Lambda-like environment (region, the construct's variables) and nothing
 *   else from this process. With BENCH_SOURCE_MAPS=1 (default) each bundle is also imported with
 *   `--enable-source-maps`, as the deployed functions run (NODE_OPTIONS in infra/aws/vigie-function.ts).
 *
 * Settings: BENCH_N (15), BENCH_WARMUP (2), BENCH_NODE (the node binary timed; default this one: Lambda runs
 * Node 24), BENCH_ONLY ('<regex>' on function names), BENCH_FLOORS (1; 0 skips bench/floors/), BENCH_SOURCE_MAPS (1),
 * BENCH_TOP (8 packages per bundle), BENCH_WHY ('<package or path>[,…]': the import chain that brings it into each
 * bundle), BENCH_KEEP (1 keeps the bundles, their metafiles and a bundles.json, and prints where),
 * BENCH_COMPARE ('<folder kept by an earlier run>[=label][,…]': their bundles are timed
 * in the same rounds and shown next to today's, labelled 'before' by default), BENCH_MAX_SECONDS (900).
 * Prints Markdown on stdout; the exit code is 0 unless the bench itself failed (the budget is reported, not
 * enforced here: test/infra/bundle-size.test.ts enforces sizes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBench, intEnv, regexEnv } from './lib/bench';
import { buildBundles, contributors, importChain, KB, keepBundles, lambdaEntries, type Bundle, type BundleRow } from './lib/bundles';
import { loadAverage, machine } from './lib/machine';
import { f0, f1, f2, summarize } from './lib/stats';
import { findRepoRoot } from '../infra/aws/group-entry';

/** Issue 9: the budget of every request-path function. */
const BUDGET = { bytes: 600 * KB, initRatio: 2 };

const N = intEnv('BENCH_N', 15, 3);
const WARMUP = intEnv('BENCH_WARMUP', 2, 0);
const TOP = intEnv('BENCH_TOP', 8, 1);
const FLOORS = intEnv('BENCH_FLOORS', 1, 0) > 0;
const SOURCE_MAPS = intEnv('BENCH_SOURCE_MAPS', 1, 0) > 0;
const KEEP = intEnv('BENCH_KEEP', 0, 0) > 0;
const ONLY = regexEnv('BENCH_ONLY');
const WHY = (process.env.BENCH_WHY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const NODE = process.env.BENCH_NODE || process.execPath;
const COMPARE = (process.env.BENCH_COMPARE ?? '')
  .split(',')
  .filter(Boolean)
  .map((s) => {
    const [dir, label = 'before'] = s.split('=');
    return { dir: dir!, label };
  });

const bench = createBench({ maxSeconds: intEnv('BENCH_MAX_SECONDS', 900, 10) });

interface Target {
  name: string;
  kind: 'route group' | 'scheduled job' | 'worker' | 'floor';
  entry: string;
  routes: number;
}

/** A row of the report: a bundle built now, or one kept by an earlier run (BENCH_COMPARE). */
interface Row extends BundleRow {
  metafile?: Bundle['metafile'];
}

/** The bundles a BENCH_KEEP run left in `dir` (bundles.json), renamed "<name> (<label>)". */
function keptRows(dir: string, label: string): Row[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'bundles.json'), 'utf8')) as Row[];
  return manifest.map((r, i) => {
    const meta = join(dir, String(i), 'index.meta.json');
    return {
      ...r,
      name: `${r.name} (${label})`,
      file: join(dir, String(i), basename(r.file)),
      metafile: existsSync(meta) ? JSON.parse(readFileSync(meta, 'utf8')) : undefined,
    };
  });
}

const FLOORS_LIST: Target[] = [
  { name: 'floor: empty module', kind: 'floor', entry: 'bench/floors/empty.ts', routes: 0 },
  { name: 'floor: middy + logger + DynamoDB + zod', kind: 'floor', entry: 'bench/floors/dynamodb.ts', routes: 0 },
  { name: 'floor: … + S3 + presigner + presigned POST', kind: 'floor', entry: 'bench/floors/documents.ts', routes: 0 },
  { name: 'floor: … + SES v2', kind: 'floor', entry: 'bench/floors/sesv2.ts', routes: 0 },
];

/** What Lambda gives the process (region, function name, the construct's variables), nothing from this shell. */
function lambdaEnv(name: string, sourceMaps: boolean): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'eu-west-3',
    AWS_DEFAULT_REGION: 'eu-west-3',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: `Vigie-${name.replace(/\W+/g, '-')}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    TABLE_NAME: 'Vigie-Table',
    IDEMPOTENCY_TABLE_NAME: 'Vigie-IdempotencyTable',
    DOCUMENTS_BUCKET: 'vigie-documents',
    AGREEMENTS_BUCKET: 'vigie-agreements',
    EXPORTS_BUCKET: 'vigie-exports',
    MAIL_FROM: 'vigie@pole.example',
    WEB_ORIGIN: 'https://vigie.example.org',
    POWERTOOLS_SERVICE_NAME: 'vigie',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
  };
}

interface Run {
  key: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Wall-clock ms of one fresh node process; throws with its stderr if it fails. */
function timeRun(r: Run): number {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(NODE, r.args, { env: r.env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(`${r.key}: node ${r.args.join(' ')} exited ${res.status}: ${res.stderr.toString().slice(0, 2000)}`);
  return ms;
}

const kb = (bytes: number) => f0(bytes / KB);
const verdict = (ok: boolean) => (ok ? 'PASS' : '**FAIL**');

bench.run(async () => {
  const repoRoot = findRepoRoot();
  const functions: Target[] = lambdaEntries(repoRoot);
  const targets = [...functions, ...(FLOORS ? FLOORS_LIST.map((f) => ({ ...f, entry: join(repoRoot, f.entry) })) : [])].filter(
    (t) => !ONLY || ONLY.test(t.name),
  );
  if (!targets.length) throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} selects no function`);

  const outRoot = mkdtempSync(join(tmpdir(), 'vigie-bundles-'));
  if (!KEEP) bench.onCleanup(() => rmSync(outRoot, { recursive: true, force: true }));
  bench.log(`building ${targets.length} bundles in ${outRoot}`);
  const t0 = Date.now();
  const built = await buildBundles(
    targets.map((t) => t.entry),
    outRoot,
    { write: true, repoRoot },
  );
  bench.log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const current: Row[] = targets.map(({ entry: _e, ...t }, i) => ({
    ...t,
    file: built[i]!.file,
    bytes: built[i]!.bytes,
    mapBytes: built[i]!.mapBytes,
    metafile: built[i]!.metafile,
  }));
  if (KEEP) keepBundles(outRoot, current);
  // Kept bundles of an earlier run, each right after today's bundle of the same name.
  const kept = COMPARE.flatMap((c) => keptRows(c.dir, c.label)).filter((r) => !ONLY || ONLY.test(r.name));
  const rows = current.flatMap((r) => [r, ...kept.filter((k) => COMPARE.some((c) => k.name === `${r.name} (${c.label})`))]);
  rows.push(...kept.filter((k) => !rows.includes(k)));

  const nodeVersion = spawnSync(NODE, ['--version']).stdout.toString().trim();
  const baseline: Run = { key: 'node -e 0', args: ['-e', '0'], env: lambdaEnv('baseline', false) };
  const runs: Run[] = [baseline];
  for (const t of rows) {
    const code = `await import(${JSON.stringify(pathToFileURL(t.file).href)})`;
    runs.push({ key: t.name, args: ['--input-type=module', '-e', code], env: lambdaEnv(t.name, false) });
    if (SOURCE_MAPS) runs.push({ key: `${t.name}#sm`, args: ['--input-type=module', '-e', code], env: lambdaEnv(t.name, true) });
  }
  const samples = new Map<string, number[]>(runs.map((r) => [r.key, []]));
  bench.log(`timing with ${NODE} (${nodeVersion}): ${WARMUP} warm-up + ${N} rounds of ${runs.length} processes`);
  let rounds = 0;
  for (let round = 0; round < WARMUP + N; round++) {
    if (!bench.timeLeft()) {
      bench.log(`time cap reached after ${rounds} measured rounds`);
      break;
    }
    // Rotate the order so that no bundle always runs right after the baseline.
    const order = runs.map((_, i) => runs[(i + round) % runs.length]!);
    for (const r of order) {
      const ms = timeRun(r);
      if (round >= WARMUP) samples.get(r.key)!.push(ms);
    }
    if (round >= WARMUP) rounds++;
    if ((round + 1) % 5 === 0) bench.log(`round ${round + 1}/${WARMUP + N}`);
  }
  if (!rounds) throw new Error('no measured round');

  const med = (key: string) => summarize(samples.get(key) ?? []).p50;
  const base = med(baseline.key);
  const m = machine();
  const lines: string[] = [];
  lines.push(`## Bundles — ${new Date().toISOString()}`, '');
  lines.push(
    `- timed with: ${NODE} (${nodeVersion}); bench process ${m.node}; CPU: ${m.cpuModel ?? 'unknown'} × ${m.cores} cores; load average at the end ${loadAverage()}`,
  );
  lines.push(`- ${rounds} measured rounds (+ ${WARMUP} warm-up) of ${runs.length} processes, interleaved; medians. \`node -e 0\`: **${f1(base)} ms**`);
  lines.push(`- budget (request path): ≤ ${f0(BUDGET.bytes / KB)} KB (KB = 1,024 B) and cold import ≤ ${BUDGET.initRatio}× \`node -e 0\``, '');
  const smHead = SOURCE_MAPS ? ' import ms, --enable-source-maps | ratio |' : '';
  lines.push(`| function | kind | routes | size KB | map KB | import ms | − node -e 0 | ratio |${smHead} size | init | verdict |`);
  lines.push(`|---|---|---:|---:|---:|---:|---:|---:|${SOURCE_MAPS ? '---:|---:|' : ''}---|---|---|`);
  for (const t of rows) {
    const ms = med(t.name);
    const ratio = ms / base;
    const sizeOk = t.bytes <= BUDGET.bytes;
    const initOk = ratio <= BUDGET.initRatio;
    const sm = SOURCE_MAPS ? ` ${f1(med(`${t.name}#sm`))} | ${f2(med(`${t.name}#sm`) / base)}× |` : '';
    const requestPath = t.kind === 'route group';
    const v = requestPath
      ? verdict(sizeOk && initOk)
      : t.kind === 'floor'
        ? `(${sizeOk && initOk ? 'within' : 'over'})`
        : `(${sizeOk && initOk ? 'within' : 'over'}; not request path)`;
    lines.push(
      `| ${t.name} | ${t.kind} | ${t.routes || ''} | ${kb(t.bytes)} | ${kb(t.mapBytes)} | ${f1(ms)} | ${f1(ms - base)} | ${f2(ratio)}× |${sm} ${sizeOk ? 'ok' : 'over'} | ${initOk ? 'ok' : 'over'} | ${v} |`,
    );
  }
  lines.push('', `### Largest contributors per bundle (KB in the minified output, from the esbuild metafile; top ${TOP})`, '');
  lines.push('| function | packages (our code by folder) |', '|---|---|');
  for (const t of current) {
    if (!t.metafile) continue;
    const top = contributors(t.metafile).slice(0, TOP);
    lines.push(`| ${t.name} | ${top.map((c) => `${c.name} ${kb(c.bytes)}`).join(' · ')} |`);
  }
  for (const what of WHY) {
    lines.push('', `### Why \`${what}\` is in each bundle (shortest import chain)`, '');
    for (const t of current) {
      if (!t.metafile) continue;
      const chain = importChain(t.metafile, what);
      lines.push(`- ${t.name}: ${chain ? chain.join(' → ') : '(not in the bundle)'}`);
    }
  }
  if (KEEP) lines.push('', `Bundles and metafiles kept in ${outRoot} (one folder per row, in table order).`);
  console.log(lines.join('\n'));
});
