import { createHash } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import {
  completeJob,
  failJob,
  reportProgress,
  startJob,
  type ExportFailureCode,
  type ExportJob,
  type ExportRequest,
  type KindProgress,
} from '../domain/exports/request';
import { EXPORT_KINDS, type ExportKind } from '../domain/exports/columns';
import { csvWriter, jsonlWriter, xlsxWriter, ZipTooLargeError, ZipWriter, type ExportWriter } from '../export';
import { EXPORT_RETENTION_DAYS, uploadExport } from '../store/export-files';
import { getExportJob, saveExportJob } from '../store/exports';
import { QueryLimitExceededError } from '../store/query';
import { rowBatches } from './export-source';
import { projectSummaries } from './project-summary-source';
import { logger } from './logger';

/**
 * The compliance export job (docs/exports.md, "The job"): takes a queued job, streams its rows from DynamoDB
 * (page by page) through a format writer into a multipart upload to the exports bucket, hashing the bytes on
 * the way, and records the outcome with its audit event. Memory stays flat: one page of rows, the writer's
 * buffer and the upload's two parts in flight. The same function runs in Lambda (invoked asynchronously) and
 * in `npm start` (in-process).
 */

export interface RunOptions {
  now?: () => Date;
  /** Least time between two progress saves (one DynamoDB write each). */
  progressIntervalMs?: number;
}

/** Saves progress (at most once per interval); `kinds` for `all`. */
type Progress = (rows: number, percent: number | null, kinds?: readonly KindProgress[]) => Promise<void>;

/** What the job streams: the bytes, their type, and the producer that writes the rows into them. */
interface Output {
  stream: Readable;
  contentType: string;
  extension: string;
  /** Writes every row; resolves with the number of data rows once the last byte is in `stream`. */
  produce(progress: Progress): Promise<number>;
  /** `all`: each kind's progress (final once `produce` has resolved). */
  kinds?: () => KindProgress[];
}

export function writerFor(format: 'csv' | 'xlsx' | 'jsonl', kind: ExportKind, lang: 'fr' | 'en'): ExportWriter {
  if (format === 'csv') return csvWriter(kind, lang);
  if (format === 'xlsx') return xlsxWriter(kind, lang);
  return jsonlWriter(kind);
}

/** Writes the rows of one kind into a writer; `onRows` after each batch with the running count. */
async function writeKind(writer: ExportWriter, kind: ExportKind, request: ExportRequest, onRows: (n: number) => Promise<void>): Promise<number> {
  let rows = 0;
  for await (const batch of rowBatches(kind, request)) {
    for (const row of batch) {
      await writer.write(row);
      rows++;
    }
    await onRows(rows);
  }
  await writer.end();
  return rows;
}

function singleKind(kind: ExportKind, request: ExportRequest): Output {
  const writer = writerFor(request.format as 'csv' | 'xlsx' | 'jsonl', kind, request.locale);
  return {
    stream: writer.stream,
    contentType: writer.contentType,
    extension: writer.extension,
    produce: (progress) => writeKind(writer, kind, request, (n) => progress(n, null)),
  };
}

/** `all`: one file per kind in a zip, in the request's format, with a manifest of each file's rows and SHA-256. */
function allKinds(request: ExportRequest): Output {
  const zip = new ZipWriter();
  const kinds: KindProgress[] = EXPORT_KINDS.map((kind) => ({ kind, status: 'pending', rows: 0 }));
  return {
    stream: zip.stream,
    contentType: 'application/zip',
    extension: 'zip',
    kinds: () => kinds.map((k) => ({ ...k })),
    async produce(progress) {
      let total = 0;
      const manifest: { file: string; kind: ExportKind; rows: number; sha256: string; bytes: number }[] = [];
      for (const [i, kind] of EXPORT_KINDS.entries()) {
        const writer = writerFor(request.format as 'csv' | 'xlsx' | 'jsonl', kind, request.locale);
        const meter = hashing();
        const file = `${kind}.${writer.extension}`;
        const state = kinds[i]!;
        state.status = 'running';
        // The entry reads the writer's bytes as they come (with backpressure) while the rows are written.
        const entry = zip.addStream(file, writer.stream.pipe(meter.stream));
        const [rows] = await Promise.all([
          writeKind(writer, kind, request, (n) => {
            state.rows = n;
            return progress(total + n, (100 * i) / EXPORT_KINDS.length, kinds);
          }),
          entry,
        ]);
        await meter.ended;
        total += rows;
        Object.assign(state, { status: 'done', rows });
        manifest.push({ file, kind, rows, ...meter.digest() });
        await progress(total, (100 * (i + 1)) / EXPORT_KINDS.length, kinds);
      }
      await zip.add('manifest.json', JSON.stringify({ request, files: manifest }, null, 2) + '\n');
      await zip.finish();
      return total;
    },
  };
}

/** A pass-through that hashes and counts the bytes that go through it. */
function hashing() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  const ended = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('error', reject);
  });
  return { stream, ended, digest: () => ({ sha256: hash.digest('hex'), bytes }) };
}

/**
 * `project-summary`: one PDF page per project. pdf-lib builds the document in memory (a page is a few kB: a
 * pôle's few hundred projects stay far below the worker's memory); the bytes are then streamed to the upload.
 */
function summaryPdf(request: ExportRequest, generatedAt: string): Output {
  const stream = new PassThrough();
  return {
    stream,
    contentType: 'application/pdf',
    extension: 'pdf',
    async produce(progress) {
      let n = 0;
      async function* counted() {
        for await (const s of projectSummaries(request)) {
          yield s;
          await progress(++n, null);
        }
      }
      const period = request.from || request.to ? { from: request.from, to: request.to } : undefined;
      // Imported when a summary is asked for: the PDF renderer (pdf-lib, fontkit: ~1.3 MB of the worker's bundle) is
      // then evaluated only by the invocations that use it, not at every cold start.
      const { renderProjectSummaries } = await import('../pdf/project-summary');
      const bytes = await renderProjectSummaries(counted(), request.locale, { generatedAt, period });
      await new Promise<void>((resolve, reject) => stream.end(Buffer.from(bytes), () => resolve()).once('error', reject));
      return n;
    },
  };
}

export function outputOf(request: ExportRequest, now: Date = new Date()): Output {
  if (request.kind === 'all') return allKinds(request);
  if (request.kind === 'project-summary') return summaryPdf(request, now.toISOString());
  return singleKind(request.kind as ExportKind, request);
}

/** The file's name for the download: ASCII, what and which period. */
export function exportFileName(job: ExportJob, extension: string): string {
  const r = job.request;
  const scope = r.projectId ?? r.organizationId ?? 'pole';
  const period = `${r.from ?? 'origine'}_${r.to ?? job.createdAt.slice(0, 10)}`;
  return `vigie-${r.kind}-${scope}-${period}.${extension}`;
}

/** What the caller may read about a failure: a code, never the exception. */
function failureCode(e: unknown): ExportFailureCode {
  if (e instanceof QueryLimitExceededError || e instanceof ZipTooLargeError) return 'too-large';
  if (typeof e === 'object' && e !== null && '$metadata' in e) return 'source-unavailable';
  return 'internal';
}

/**
 * Runs one job. A job that is no longer queued (an asynchronous invocation delivered twice) is left alone.
 * Returns the job as it ended (null when unknown).
 */
export async function runExportJob(jobId: string, opts: RunOptions = {}): Promise<ExportJob | null> {
  const now = opts.now ?? (() => new Date());
  const interval = opts.progressIntervalMs ?? 1000;
  let job = await getExportJob(jobId);
  if (!job) {
    logger.warn('Export job not found', { jobId });
    return null;
  }
  if (job.status !== 'queued') return job;
  job = startJob(job, now());
  await saveExportJob(job);

  const output = outputOf(job.request, now());
  const meter = hashing();
  const body = new PassThrough();
  output.stream.on('error', (e) => body.destroy(e));
  output.stream.pipe(meter.stream).pipe(body);
  const fileName = exportFileName(job, output.extension);
  const key = `exports/${job.id}/${fileName}`;
  const upload = uploadExport(key, body, output.contentType);
  // An upload failure must stop the producer: destroying the stream makes its pending write reject.
  upload.done.catch((e: Error) => output.stream.destroy(e));

  let lastSave = now().getTime();
  const progress: Progress = async (rows, percent, kinds) => {
    const t = now().getTime();
    if (t - lastSave < interval) return;
    lastSave = t;
    job = reportProgress(job!, rows, percent, new Date(t), kinds);
    await saveExportJob(job);
  };
  try {
    const rows = await output.produce(progress);
    const { parts } = await upload.done;
    await meter.ended;
    const finishedAt = now();
    job = completeJob(
      job,
      {
        s3Key: key,
        ...meter.digest(),
        rows,
        parts,
        fileName,
        contentType: output.contentType,
        expiresAt: new Date(finishedAt.getTime() + EXPORT_RETENTION_DAYS * 86_400_000).toISOString(),
      },
      finishedAt,
      output.kinds?.(),
    );
    await saveExportJob(job);
    logger.info('Export done', { jobId, kind: job.request.kind, format: job.request.format, rows, bytes: job.result!.bytes, parts });
    return job;
  } catch (e) {
    logger.error('Export failed', { jobId, error: e as Error });
    output.stream.destroy();
    await upload.abort().catch(() => {});
    const latest = (await getExportJob(jobId).catch(() => null)) ?? job;
    if (latest.status !== 'queued' && latest.status !== 'running') return latest;
    const failed = failJob(latest, failureCode(e), now());
    await saveExportJob(failed);
    return failed;
  }
}
