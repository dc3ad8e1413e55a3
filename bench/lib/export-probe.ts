/**
 * The child process of bench/exports.bench.ts, run as an esbuild bundle under plain node (as the export Lambda
 * runs: no tsx loader), one export per process so that its peak RSS is its own: `node probe.mjs <kind> <format>`.
 * The environment (endpoints, table, bucket) is the parent's. Creates a queued job for the whole pôle (no project,
 * organization or period) as `POST /exports` does, runs the product's `runExportJob` on it, and prints one JSON
 * line: the job's time, rows, bytes, S3 parts, and memory — `process.resourceUsage().maxRSS` at the end, the RSS
 * before the job (modules loaded, clients created) and the peak heapUsed / RSS sampled every 50 ms.
 */
import { randomUUID } from 'node:crypto';
import { exportRequestSchema, newExportJob } from '../../shared/domain/exports/request';
import { putExportJob } from '../../shared/store/exports';
import { runExportJob } from '../../shared/services/export-runner';

const MiB = 2 ** 20;

async function probe(kind: string, format: string): Promise<void> {
  const request = exportRequestSchema.parse({ kind, format, locale: 'fr' });
  const id = `exp_${randomUUID().replace(/-/g, '')}`;
  await putExportJob(newExportJob(id, { sub: 'legal-bench', role: 'legal', org: null, email: 'juriste@pole.example' }, request, new Date()));
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 50);
  const t0 = performance.now();
  const job = await runExportJob(id, { progressIntervalMs: 1000 });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  if (job?.status !== 'done' || !job.result) throw new Error(`export ${kind}/${format} ended ${job?.status}: ${JSON.stringify(job?.failure)}`);
  process.stdout.write(
    JSON.stringify({
      ms,
      rows: job.result.rows,
      bytes: job.result.bytes,
      parts: job.result.parts,
      s3Key: job.result.s3Key,
      maxRssMb: (process.resourceUsage().maxRSS * 1024) / MiB,
      rssBeforeMb: rssBefore / MiB,
      sampledPeakRssMb: peakRss / MiB,
      peakHeapMb: peakHeap / MiB,
    }) + '\n',
  );
}

probe(process.argv[2] ?? 'flags', process.argv[3] ?? 'csv').then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
