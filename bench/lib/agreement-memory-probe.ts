/**
 * The child process of bench/agreements.bench.ts's memory measure, run as an esbuild bundle under plain node (as
 * the Lambda runs it: no tsx loader): `node probe.mjs floor|render <n>`. Builds the 20-partner / 200-item
 * agreement (the full legal text, its largest document), reads the fonts, renders it n times (none for `floor`) and prints JSON: maxRSS, the peak heapUsed
 * sampled after each rendering, and — when run with --expose-gc — the heap left after a full GC at the end.
 */
import { agreementFixture, LARGE_AGREEMENT } from '../../test/support/agreement-fixture';
import { agreementDocument } from '../../shared/domain/agreement/document';
import { loadFontBytes } from '../../shared/pdf/fonts';
import { renderAgreementDocument } from '../../shared/pdf/render-agreement';

const MiB = 2 ** 20;

async function probe(mode: string, n: number): Promise<void> {
  const large = agreementFixture(LARGE_AGREEMENT);
  const document = agreementDocument(large);
  await loadFontBytes();
  let peakHeap = process.memoryUsage().heapUsed;
  for (let i = 0; mode === 'render' && i < n; i++) {
    await renderAgreementDocument(document, large);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  process.stdout.write(
    JSON.stringify({
      maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
      peakHeapMiB: peakHeap / MiB,
      heapAfterGcMiB: gc ? process.memoryUsage().heapUsed / MiB : null,
    }),
  );
}

probe(process.argv[2] ?? 'render', Number(process.argv[3] ?? 1)).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
