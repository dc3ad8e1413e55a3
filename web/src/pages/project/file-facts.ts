/**
 * Pure helpers of the documents and agreements sections (no DOM, no API client: unit-tested in
 * test/unit/web-documents.test.ts): file sizes, hashes, the field errors of a problem+json answer.
 */

/** SHA-256 of bytes, lower-case hex: what the API records for a confirmed document (Web Crypto). */
export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `3f2a9c1e…7b41e0d2`: the first and last 8 hex digits of a hash, for tables (the full value stays available). */
export function shortHash(hash: string, keep = 8): string {
  return hash.length <= keep * 2 + 1 ? hash : `${hash.slice(0, keep)}…${hash.slice(-keep)}`;
}

/** A size for people, in the UI language: `850 o`, `12,4 Ko`, `3,2 Mo` (French) / `850 B`, `12.4 KB`, `3.2 MB`. */
export function formatBytes(bytes: number, lang: 'fr' | 'en'): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const n = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(value);
  return `${n}\u00a0${units[unit]}`;
}

/** The types the API accepts for a document (shared/domain/documents.ts `DOCUMENT_TYPES`), for the file picker's `accept`. */
export const ACCEPTED_FILES = '.pdf,.docx,.odt,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain';

/** The content type to declare for a file: the browser's, or none (the API then says which types it accepts). */
export function declaredType(file: { type: string }): string {
  return file.type || 'application/octet-stream';
}

export interface ProblemLike {
  title?: string;
  detail?: string;
  status?: number;
  errors?: { path: string; message: string }[];
}

/** The problem's field errors by path (`contentType`, `publications/noticeDays`…); the first message per path. */
export function fieldErrors(problem: ProblemLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) if (!(e.path in out)) out[e.path] = e.message;
  return out;
}

/**
 * What to say of a refused request: its field errors' messages (each is also shown at its field), else the
 * problem's title and detail.
 */
export function problemSummary(problem: ProblemLike | undefined): string {
  if (problem?.errors?.length) return problem.errors.map((e) => e.message).join(' ');
  const { title, detail } = problem ?? {};
  return [title, detail && detail !== title ? detail : undefined].filter(Boolean).join(' — ');
}

/** S3's XML error (`<Code>EntityTooLarge</Code><Message>…</Message>`) as one line, or null. */
export function s3ErrorText(xml: string): string | null {
  const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(xml)?.[1];
  return code || message ? [code, message].filter(Boolean).join(' — ') : null;
}
