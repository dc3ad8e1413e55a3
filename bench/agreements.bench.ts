/**
 * `npm run bench:agreements` = `node --import tsx bench/agreements.bench.ts` — generation time and memory of the
 * agreement PDF (issue 10 §4). **Budget: ≤ 2 × the bare pdf-lib layout time, and a memory peak under 256 MB for
 * the large agreement.**
 *
 * - Models: test/support/agreement-fixture.ts, 4 partners / 20 items and 20 partners / 200 items (long
 *   descriptions, words without spaces, French typography), built with the real `buildAgreementModel`.
 * - Documents: `agreementDocument(model)` (the legal text as it is in this commit), and the stress document of
 *   test/support/agreement-stress-document.ts (every item in a background table, the results with their shares,
 *   a row taller than a page, the signature boxes), so that the tables are measured whatever the legal text holds.
 * - Series, per document: the renderer (`renderAgreementDocument`: layout, fonts, footers, metadata, attached
 *   model, save) and bare pdf-lib laying out the same strings with the same fonts (bench/lib/bare-pdf-layout.ts),
 *   interleaved run by run, after BENCH_WARMUP runs of each. In-process, fonts already read (a warm container).
 * - Memory: child processes run an esbuild bundle of bench/lib/agreement-memory-probe.ts under plain node (like
 *   the Lambda: no tsx loader, whose worker thread alone adds ~90 MB of RSS) and report `process.resourceUsage()
 *   .maxRSS` and the peak `heapUsed`: without rendering (the floor), one rendering of the large stress document
 *   (an invocation), BENCH_N renderings in a row (a warm container), and the same with --expose-gc to show the
 *   heap left after a full GC (a leak would grow it).
 *
 * Settings: BENCH_N (default 15 measured runs per series), BENCH_WARMUP (3), BENCH_ONLY ('<regex>' on the series
 * names, e.g. 'large'). Prints Markdown on stdout; the exit code is 0 unless the bench itself failed (the budget
 * is reported, not enforced).
 */
import { execFileSync } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { PDFDocument } from 'pdf-lib';
import { agreementDocument, type AgreementDocument } from '../shared/domain/agreement/document';
import type { AgreementModel } from '../shared/domain/agreement/model';
import { FONT_DIR_ENV, fontDirectory, loadFontBytes } from '../shared/pdf/fonts';
import { renderAgreementDocument } from '../shared/pdf/render-agreement';
import { agreementFixture, LARGE_AGREEMENT, SMALL_AGREEMENT } from '../test/support/agreement-fixture';
import { stressDocument } from '../test/support/agreement-stress-document';
import { bundleProbe } from './lib/probe-bundle';
import { createBench, intEnv, regexEnv } from './lib/bench';
import { renderBare } from './lib/bare-pdf-layout';
import { environmentLines, loadAverage } from './lib/machine';
import { f0, f1, f2, summarize } from './lib/stats';

const BUDGET = { ratio: 2, rssMiB: 256 };
const N = intEnv('BENCH_N', 15, 3);
const WARMUP = intEnv('BENCH_WARMUP', 3, 0);
const ONLY = regexEnv('BENCH_ONLY');
const MiB = 2 ** 20;

interface Series {
  name: string;
  model: AgreementModel;
  document: AgreementDocument;
}

function series(): Series[] {
  const small = agreementFixture(SMALL_AGREEMENT);
  const large = agreementFixture(LARGE_AGREEMENT);
  return [
    { name: '4 partners / 20 items, agreementDocument', model: small, document: agreementDocument(small) },
    { name: '20 partners / 200 items, agreementDocument', model: large, document: agreementDocument(large) },
    { name: '4 partners / 20 items, stress document', model: small, document: stressDocument(small, { tallRow: true }) },
    { name: '20 partners / 200 items, stress document', model: large, document: stressDocument(large, { tallRow: true }) },
  ].filter((s) => !ONLY || ONLY.test(s.name));
}

const pagesOf = async (pdf: Uint8Array): Promise<number> => (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();

async function timeIt(fn: () => Promise<Uint8Array>): Promise<{ ms: number; pdf: Uint8Array }> {
  const t = performance.now();
  const pdf = await fn();
  return { ms: performance.now() - t, pdf };
}

interface Memory {
  maxRssMiB: number;
  peakHeapMiB: number;
  heapAfterGcMiB: number | null;
}

/** Bundles bench/lib/agreement-memory-probe.ts (esbuild, ESM, as the Lambda bundles are) into a temp folder. */
const buildProbe = () => bundleProbe(new URL('./lib/agreement-memory-probe.ts', import.meta.url), 'agreement-bench', (fn) => bench.onCleanup(fn));

/** One child process: the probe under plain node, the fonts read from node_modules through VIGIE_FONT_DIR. */
function measureMemory(probe: string, mode: 'floor' | 'render', n: number, exposeGc = false): Memory {
  const out = execFileSync(process.execPath, [...(exposeGc ? ['--expose-gc'] : []), probe, mode, String(n)], {
    env: { ...process.env, [FONT_DIR_ENV]: fontDirectory({}) },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Memory;
}

async function main(): Promise<void> {
  const fonts = await loadFontBytes();
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  out('## Results');
  out();
  for (const l of environmentLines()) out(l);
  out(`- settings: N = ${N} measured runs per series, warm-up ${WARMUP}, renderer and bare interleaved run by run`);
  out(`- load average at start ${loadAverage()}`);
  out();
  out('| document | pages (renderer / bare) | PDF KB (renderer / bare) | renderer p50 ms | bare p50 ms | ratio p50 | renderer p95 ms | bare p95 ms |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|');
  const ratios: { name: string; ratio: number }[] = [];
  for (const s of series()) {
    bench.log(s.name);
    const mine: number[] = [];
    const bare: number[] = [];
    let sizes = { mine: 0, bare: 0, minePages: 0, barePages: 0 };
    for (let i = 0; i < WARMUP + N; i++) {
      const a = await timeIt(() => renderAgreementDocument(s.document, s.model));
      const b = await timeIt(() => renderBare(s.document, fonts));
      if (i >= WARMUP) {
        mine.push(a.ms);
        bare.push(b.ms);
      }
      if (i === 0) sizes = { mine: a.pdf.length, bare: b.pdf.length, minePages: await pagesOf(a.pdf), barePages: await pagesOf(b.pdf) };
    }
    const m = summarize(mine);
    const b = summarize(bare);
    ratios.push({ name: s.name, ratio: m.p50 / b.p50 });
    out(
      `| ${s.name} | ${sizes.minePages} / ${sizes.barePages} | ${f0(sizes.mine / 1024)} / ${f0(sizes.bare / 1024)} | ${f1(m.p50)} | ${f1(b.p50)} | ${f2(m.p50 / b.p50)} | ${f1(m.p95)} | ${f1(b.p95)} |`,
    );
  }
  bench.log('memory (child processes)');
  const probe = await buildProbe();
  const floor = measureMemory(probe, 'floor', 0);
  const once = measureMemory(probe, 'render', 1);
  const many = measureMemory(probe, 'render', N);
  const manyGc = measureMemory(probe, 'render', N, true);
  out();
  out(
    '| memory, 20 partners / 200 items agreementDocument (a child process per row: esbuild bundle, plain node) | maxRSS MiB | peak heapUsed MiB | heap after full GC MiB |',
  );
  out('|---|---:|---:|---:|');
  out(`| fixture built and fonts read, no rendering (floor) | ${f1(floor.maxRssMiB)} | ${f1(floor.peakHeapMiB)} | — |`);
  out(`| the same + 1 rendering (one invocation) | ${f1(once.maxRssMiB)} | ${f1(once.peakHeapMiB)} | — |`);
  out(`| the same + ${N} renderings in a row (a warm container) | ${f1(many.maxRssMiB)} | ${f1(many.peakHeapMiB)} | — |`);
  out(
    `| ${N} renderings, node --expose-gc (leak check: the heap left at the end) | ${f1(manyGc.maxRssMiB)} | ${f1(manyGc.peakHeapMiB)} | ${f1(manyGc.heapAfterGcMiB ?? NaN)} |`,
  );
  out();
  const render = { maxRssMiB: Math.max(once.maxRssMiB, many.maxRssMiB) };
  const worst = ratios.reduce((a, r) => (r.ratio > a.ratio ? r : a), { name: '', ratio: 0 });
  out(
    `Budget: ratio ≤ ${BUDGET.ratio} → worst ${f2(worst.ratio)} (${worst.name}) ${worst.ratio <= BUDGET.ratio ? 'OK' : 'OVER'}; ` +
      `maxRSS < ${BUDGET.rssMiB} MiB → ${f1(render.maxRssMiB)} MiB ${render.maxRssMiB < BUDGET.rssMiB ? 'OK' : 'OVER'}. ` +
      `Load average at end ${loadAverage()}; V8 heap limit ${f0(getHeapStatistics().heap_size_limit / MiB)} MiB.`,
  );
  console.log(lines.join('\n'));
}

const bench = createBench({ maxSeconds: intEnv('BENCH_MAX_SECONDS', 900, 10) });
bench.run(main);
