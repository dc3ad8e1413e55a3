import * as z from 'zod';
import { idSchema, isoDateSchema } from '../common';
import { orgIdSchema } from '../organization';
import { projectIdSchema } from '../project';
import { actorSchema, instantSchema, sha256Schema, versionSchema } from '../response-schema';
import type { Actor } from '../audit';
import { ConflictError } from '../errors';
import { MESSAGES, msg, zodText, type MessageId } from '../i18n/catalog';
import { EXPORT_KINDS as TABULAR_KINDS } from './columns';

/**
 * Compliance export jobs (issue 11, docs/exports.md "Jobs and routes"): the body of `POST /exports`, the job
 * record the store keeps and the API returns, and its state machine. Pure: the store persists, the runner
 * (next step) drives the transitions.
 */

export const EXPORT_KINDS = [
  'declarations-register',
  'results-ownership',
  'background-register',
  'flags',
  'approvals',
  'control-events',
  'dual-use-register',
  'audit',
  'all',
  'project-summary',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'jsonl', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/**
 * Kinds rendered as PDF: only the one-page-per-project summary (issue 11 §2; shared/pdf/project-summary.ts). It
 * exists only as PDF, and the other kinds never as PDF: the schema refuses both mismatches at `format`.
 * `all` (the zip of the tabular kinds) does not include the summary.
 */
export const PDF_KINDS: readonly ExportKind[] = ['project-summary'];

/** Longest period an export may cover, `from` and `to` inclusive. */
export const MAX_SPAN_YEARS = 10;

/** The day `years` years after `date` (YYYY-MM-DD, UTC); 29 February rolls to 1 March. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Body of `POST /exports`. */
export const exportRequestSchema = z
  .strictObject({
    kind: z
      .enum(EXPORT_KINDS)
      .describe(
        'What to export; `all` is every tabular kind in one zip; `project-summary` is one PDF page per project (partners, flags, decisions, agreement)',
      ),
    format: z.enum(EXPORT_FORMATS).describe('`pdf` for `project-summary` and only for it; csv, xlsx or jsonl for the other kinds'),
    locale: z.enum(['fr', 'en']).default('fr').describe('Language of the column headers and of the number format'),
    projectId: projectIdSchema.optional().describe('Only this project'),
    organizationId: orgIdSchema.optional().describe('Only this organization'),
    from: isoDateSchema.optional().describe('First day (UTC, inclusive)'),
    to: isoDateSchema.optional().describe(`Last day (UTC, inclusive); at most ${MAX_SPAN_YEARS} years after \`from\``),
  })
  .superRefine((v, ctx) => {
    const pdfKind = PDF_KINDS.includes(v.kind);
    if (v.format === 'pdf' && !pdfKind) ctx.addIssue({ code: 'custom', path: ['format'], message: zodText('export.pdfOnlySummary') });
    if (v.format !== 'pdf' && pdfKind) ctx.addIssue({ code: 'custom', path: ['format'], message: zodText('export.summaryOnlyPdf') });
    if (v.from && v.to) {
      if (v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: zodText('export.toBeforeFrom') });
      else if (v.to >= addYears(v.from, MAX_SPAN_YEARS)) ctx.addIssue({ code: 'custom', path: ['to'], message: zodText('export.spanTooLong') });
    }
  });
export type ExportRequest = z.output<typeof exportRequestSchema>;

// ---------------------------------------------------------------------------------------------------------
// The job record

export const exportJobIdSchema = idSchema('exp');
export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Why a job failed, as the caller may read it: a code and a text, never a stack or an internal message. */
export const EXPORT_FAILURES = {
  'too-large': 'export.failure.tooLarge',
  'source-unavailable': 'export.failure.sourceUnavailable',
  internal: 'export.failure.internal',
} as const satisfies Record<string, MessageId>;
export type ExportFailureCode = keyof typeof EXPORT_FAILURES;
export const EXPORT_FAILURE_CODES = Object.keys(EXPORT_FAILURES) as [ExportFailureCode, ...ExportFailureCode[]];

const resultSchema = z.object({
  s3Key: z.string().describe('Key of the file in its bucket'),
  sha256: sha256Schema.describe('SHA-256 of the file'),
  bytes: z.number().int().min(0),
  rows: z.number().int().min(0).describe('Data rows written (headers excluded)'),
  parts: z.number().int().min(1).describe('Parts of the S3 multipart upload (1 when the file fit in one request)'),
  fileName: z.string().describe('Name proposed for the download'),
  contentType: z.string(),
  expiresAt: instantSchema.describe('The file is deleted after this instant (kept 7 days)'),
});
export type ExportResult = z.infer<typeof resultSchema>;
const failureSchema = z.object({
  code: z.enum(EXPORT_FAILURE_CODES),
  message: z.object({ fr: z.string(), en: z.string() }),
});
export type ExportFailure = z.infer<typeof failureSchema>;

/** Progress of one kind of an `all` export (the zip holds one file per tabular kind, written in this order). */
const kindProgressSchema = z.object({
  kind: z.enum(TABULAR_KINDS),
  status: z.enum(['pending', 'running', 'done']),
  rows: z.number().int().min(0).describe('Data rows of this kind written so far'),
});
export type KindProgress = z.infer<typeof kindProgressSchema>;

export const exportJobSchema = z.object({
  id: exportJobIdSchema,
  requestedBy: actorSchema,
  request: z.object({
    kind: z.enum(EXPORT_KINDS),
    format: z.enum(EXPORT_FORMATS),
    locale: z.enum(['fr', 'en']),
    projectId: z.string().optional(),
    organizationId: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  }),
  status: z.enum(EXPORT_STATUSES),
  rowsWritten: z.number().int().min(0),
  percent: z.number().min(0).max(100).nullable().describe('Progress when the total is known, else null'),
  kinds: z
    .array(kindProgressSchema)
    .nullable()
    .optional()
    .describe('`all` only: each kind of the zip in order, pending, running or done, with its rows (saved with the progress)'),
  createdAt: instantSchema,
  startedAt: instantSchema.nullable(),
  heartbeatAt: instantSchema.nullable().optional().describe('Last sign of life of the worker while running (start, then each progress save)'),
  finishedAt: instantSchema.nullable(),
  result: resultSchema.nullable().describe('When done: the file'),
  failure: failureSchema.nullable().describe('When failed: why'),
  version: versionSchema,
});
export type ExportJob = z.infer<typeof exportJobSchema>;

/** A failure as the job records it: both languages, from the catalogue. */
export function failureOf(code: ExportFailureCode): ExportFailure {
  const text = MESSAGES[EXPORT_FAILURES[code]];
  return { code, message: { fr: text.fr, en: text.en } };
}

// ---------------------------------------------------------------------------------------------------------
// Transitions (each returns a new record with `version` + 1; the store writes it under the previous version)

const move = (job: ExportJob, to: ExportStatus, allowed: readonly ExportStatus[]) => {
  if (!allowed.includes(job.status)) throw new ConflictError(msg('export.invalidTransition', { from: job.status, to }));
};

export function newExportJob(id: string, requestedBy: Actor, request: ExportRequest, now: Date): ExportJob {
  return {
    id,
    requestedBy,
    request,
    status: 'queued',
    rowsWritten: 0,
    percent: null,
    createdAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
    result: null,
    failure: null,
    version: 1,
  };
}

export function startJob(job: ExportJob, now: Date): ExportJob {
  move(job, 'running', ['queued']);
  return { ...job, status: 'running', startedAt: now.toISOString(), heartbeatAt: now.toISOString(), version: job.version + 1 };
}

/**
 * Rows written so far (never fewer than before), the percent when the total is known (never backwards), and for
 * `all` the progress of each kind.
 */
export function reportProgress(job: ExportJob, rowsWritten: number, percent: number | null, now?: Date, kinds?: readonly KindProgress[]): ExportJob {
  move(job, 'running', ['running']);
  const p = percent === null ? null : Math.min(100, Math.max(job.percent ?? 0, percent));
  return {
    ...job,
    rowsWritten: Math.max(job.rowsWritten, rowsWritten),
    percent: p,
    ...(now ? { heartbeatAt: now.toISOString() } : {}),
    ...(kinds ? { kinds: kinds.map((k) => ({ ...k })) } : {}),
    version: job.version + 1,
  };
}

/**
 * A worker that has shown no sign of life for this long is gone: the Lambda worker's timeout is 15 minutes and a
 * running job saves its progress at least once per page read, so a job still `running` after that was killed
 * (timeout, out of memory, `npm start` stopped) and will never end by itself.
 */
export const ABANDONED_AFTER_MS = 16 * 60_000;

export function isAbandoned(job: ExportJob, now: Date): boolean {
  const lastSign = job.heartbeatAt ?? job.startedAt;
  return job.status === 'running' && lastSign !== null && now.getTime() - Date.parse(lastSign) > ABANDONED_AFTER_MS;
}

/** Done, with its file; `kinds` (for `all`) the final rows of each kind. */
export function completeJob(job: ExportJob, result: ExportResult, now: Date, kinds?: readonly KindProgress[]): ExportJob {
  move(job, 'done', ['running']);
  return {
    ...job,
    status: 'done',
    rowsWritten: result.rows,
    percent: 100,
    ...(kinds ? { kinds: kinds.map((k) => ({ ...k })) } : {}),
    result,
    finishedAt: now.toISOString(),
    version: job.version + 1,
  };
}

export function failJob(job: ExportJob, code: ExportFailureCode, now: Date): ExportJob {
  move(job, 'failed', ['queued', 'running']);
  return { ...job, status: 'failed', failure: failureOf(code), finishedAt: now.toISOString(), version: job.version + 1 };
}
