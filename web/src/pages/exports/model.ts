/**
 * The exports page's rules, pure (no DOM, no React): what each kind may be exported as, how often to poll a
 * job, how to read its progress. test/unit/web-exports.test.ts checks them against the API's own schema
 * (shared/domain/exports/request.ts), so the form cannot offer what `POST /exports` refuses.
 */

/** Registers (one row per declared item) and logs (one row per event), then the two bundles. */
export const REGISTER_KINDS = ['declarations-register', 'results-ownership', 'background-register', 'dual-use-register'] as const;
export const LOG_KINDS = ['flags', 'approvals', 'control-events', 'audit'] as const;
export const BUNDLE_KINDS = ['all', 'project-summary'] as const;
export const KINDS = [...REGISTER_KINDS, ...LOG_KINDS, ...BUNDLE_KINDS] as const;
export type Kind = (typeof KINDS)[number];

/** The files of an `all` zip, in the order the worker writes them (shared/domain/exports/columns.ts). */
export const ALL_ORDER = [
  'declarations-register',
  'results-ownership',
  'background-register',
  'flags',
  'approvals',
  'control-events',
  'dual-use-register',
  'audit',
] as const;
export type TabularKind = (typeof ALL_ORDER)[number];

export const FORMATS = ['csv', 'xlsx', 'jsonl', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** The API's rule: PDF is the project summary's only format, and only the project summary is PDF. */
export const formatsFor = (kind: Kind): readonly Format[] => (kind === 'project-summary' ? ['pdf'] : ['csv', 'xlsx', 'jsonl']);

/** The format to keep when the kind changes: the same if allowed, else the kind's first. */
export const fitFormat = (kind: Kind, format: Format): Format => (formatsFor(kind).includes(format) ? format : formatsFor(kind)[0]!);

export type Status = 'queued' | 'running' | 'done' | 'failed';
export const isActive = (s: Status): boolean => s === 'queued' || s === 'running';

/** Polling of a running job: 0.5 s, then ×1.5 each time, at most 5 s (a long export is read every 5 s). */
export const POLL_FIRST_MS = 500;
export const POLL_MAX_MS = 5000;
export const pollDelay = (attempt: number): number => Math.min(POLL_MAX_MS, Math.round(POLL_FIRST_MS * 1.5 ** Math.max(0, attempt)));

export interface KindProgress {
  kind: TabularKind;
  status: 'pending' | 'running' | 'done';
  rows: number;
}

/**
 * Each kind of an `all` job: the job's `kinds` when the worker has saved them, else every kind pending (queued,
 * or just started) — or every kind done without counts for a job that finished before `kinds` existed.
 */
export function kindsOf(job: { status: Status; kinds?: readonly KindProgress[] | null }): KindProgress[] {
  if (job.kinds?.length) return job.kinds.map((k) => ({ ...k }));
  return ALL_ORDER.map((kind) => ({ kind, status: job.status === 'done' ? 'done' : 'pending', rows: 0 }));
}

/** A link is usable until its `expiresAt` (a few seconds of margin for the click to reach S3). */
export const linkUsable = (expiresAt: string, now: number): boolean => Date.parse(expiresAt) - now > 5_000;

/** The body of `POST /exports` from the form's fields: empty optional fields are left out. */
export function requestBody(f: { kind: Kind; format: Format; locale: 'fr' | 'en'; projectId: string; organizationId: string; from: string; to: string }) {
  return {
    kind: f.kind,
    format: fitFormat(f.kind, f.format),
    locale: f.locale,
    ...(f.projectId ? { projectId: f.projectId } : {}),
    ...(f.organizationId ? { organizationId: f.organizationId } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/** The form's field a server error's path names (`to`, `format`…), or null for the others (shown in the summary). */
export const FIELDS = ['kind', 'format', 'locale', 'projectId', 'organizationId', 'from', 'to'] as const;
export type Field = (typeof FIELDS)[number];
export const fieldOf = (path: string): Field | null => FIELDS.find((f) => path === f || path.startsWith(`${f}/`)) ?? null;

/** A file size in the locale (1 234 octets, 12,3 ko, 4,5 Mo; bytes, kB, MB in English). */
export function formatSize(bytes: number, lang: 'fr' | 'en'): string {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const [unit, value] =
    bytes < 1000 ? (['byte', bytes] as const) : bytes < 1_000_000 ? (['kilobyte', bytes / 1000] as const) : (['megabyte', bytes / 1_000_000] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }).format(value);
}
