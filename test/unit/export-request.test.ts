import {
  ABANDONED_AFTER_MS,
  addYears,
  completeJob,
  EXPORT_KINDS,
  PDF_KINDS,
  exportJobSchema,
  exportRequestSchema,
  failJob,
  failureOf,
  isAbandoned,
  newExportJob,
  reportProgress,
  startJob,
  type ExportJob,
} from '../../shared/domain/exports/request';
import { ConflictError } from '../../shared/domain/errors';
import { MESSAGES } from '../../shared/domain/i18n/catalog';

const pathsOf = (body: unknown) => {
  const r = exportRequestSchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('/'));
};
const ACTOR = { sub: 'u1', role: 'legal', org: null, email: 'j@pole.example' };
const NOW = new Date('2026-12-02T10:00:00.000Z');
const queued = (): ExportJob => newExportJob(`exp_${'a'.repeat(32)}`, ACTOR, exportRequestSchema.parse({ kind: 'audit', format: 'jsonl' }), NOW);

describe('POST /exports body', () => {
  test('defaults the locale to fr and keeps the optional filters', () => {
    expect(exportRequestSchema.parse({ kind: 'flags', format: 'csv' })).toEqual({ kind: 'flags', format: 'csv', locale: 'fr' });
    const full = {
      kind: 'all',
      format: 'xlsx',
      locale: 'en',
      projectId: `prj_${'1'.repeat(32)}`,
      organizationId: `org_${'2'.repeat(32)}`,
      from: '2020-01-01',
      to: '2020-12-31',
    };
    expect(exportRequestSchema.parse(full)).toEqual(full);
  });
  test('refuses an unknown kind, format or locale, and unknown fields, at their paths', () => {
    expect(pathsOf({ kind: 'everything', format: 'csv' })).toEqual(['kind']);
    expect(pathsOf({ kind: 'flags', format: 'docx', locale: 'de' })).toEqual(['format', 'locale']);
    expect(pathsOf({ kind: 'flags', format: 'csv', extra: 1 })).toEqual(['']);
    expect(pathsOf({ kind: 'flags', format: 'csv', projectId: 'p1', organizationId: 'org_x' })).toEqual(['projectId', 'organizationId']);
  });
  test('refuses dates that are not calendar dates', () => {
    expect(pathsOf({ kind: 'flags', format: 'csv', from: '2025-02-30', to: '2025-13-01' })).toEqual(['from', 'to']);
  });
  test('refuses from after to, at `to`; from = to is one day', () => {
    expect(pathsOf({ kind: 'audit', format: 'jsonl', from: '2025-06-02', to: '2025-06-01' })).toEqual(['to']);
    expect(pathsOf({ kind: 'audit', format: 'jsonl', from: '2025-06-01', to: '2025-06-01' })).toEqual([]);
  });
  test('accepts exactly 10 years, inclusive, and refuses one day more, at `to`', () => {
    expect(pathsOf({ kind: 'audit', format: 'jsonl', from: '2016-01-01', to: '2025-12-31' })).toEqual([]);
    expect(pathsOf({ kind: 'audit', format: 'jsonl', from: '2016-01-01', to: '2026-01-01' })).toEqual(['to']);
    const r = exportRequestSchema.safeParse({ kind: 'audit', format: 'jsonl', from: '2000-01-01', to: '2026-01-01' });
    expect(r.success ? '' : r.error.issues[0]!.message).toBe('The period cannot be longer than 10 years');
  });
  test('pdf only for project-summary, and project-summary only as pdf, refused at `format` with its own message', () => {
    const messageOf = (body: unknown) => {
      const r = exportRequestSchema.safeParse(body);
      return r.success ? '' : r.error.issues[0]!.message;
    };
    for (const kind of EXPORT_KINDS.filter((k) => k !== 'project-summary')) {
      expect(pathsOf({ kind, format: 'pdf' })).toEqual(['format']);
      expect(messageOf({ kind, format: 'pdf' })).toBe(MESSAGES['export.pdfOnlySummary'].en);
      expect(pathsOf({ kind, format: 'csv' })).toEqual([]);
    }
    expect(exportRequestSchema.parse({ kind: 'project-summary', format: 'pdf', projectId: `prj_${'1'.repeat(32)}` })).toEqual({
      kind: 'project-summary',
      format: 'pdf',
      locale: 'fr',
      projectId: `prj_${'1'.repeat(32)}`,
    });
    for (const format of ['csv', 'xlsx', 'jsonl']) {
      expect(pathsOf({ kind: 'project-summary', format })).toEqual(['format']);
      expect(messageOf({ kind: 'project-summary', format })).toBe(MESSAGES['export.summaryOnlyPdf'].en);
    }
    expect(PDF_KINDS).toEqual(['project-summary']);
  });
  test('addYears rolls 29 February to 1 March', () => {
    expect(addYears('2024-02-29', 10)).toBe('2034-03-01');
    expect(addYears('2016-01-01', 10)).toBe('2026-01-01');
  });
});

describe('export job transitions', () => {
  test('queued → running → done, with progress that never goes backwards', () => {
    const q = queued();
    expect(q).toMatchObject({ status: 'queued', rowsWritten: 0, percent: null, version: 1, startedAt: null, result: null, failure: null });
    const r = startJob(q, new Date('2026-12-02T10:00:01.000Z'));
    expect(r).toMatchObject({ status: 'running', startedAt: '2026-12-02T10:00:01.000Z', version: 2 });
    const p = reportProgress(r, 500, 40);
    expect(p).toMatchObject({ rowsWritten: 500, percent: 40, version: 3 });
    expect(reportProgress(p, 400, 30)).toMatchObject({ rowsWritten: 500, percent: 40 });
    expect(reportProgress(p, 600, null)).toMatchObject({ rowsWritten: 600, percent: null });
    expect(reportProgress(p, 600, 250).percent).toBe(100);
    const result = {
      s3Key: 'exports/x.jsonl',
      sha256: 'f'.repeat(64),
      bytes: 10,
      rows: 1000,
      parts: 1,
      fileName: 'f.jsonl',
      contentType: 'application/x-ndjson',
      expiresAt: '2026-12-09T10:00:05.000Z',
    };
    const d = completeJob(p, result, new Date('2026-12-02T10:00:05.000Z'));
    expect(d).toMatchObject({ status: 'done', percent: 100, rowsWritten: 1000, result, finishedAt: '2026-12-02T10:00:05.000Z', version: 4 });
  });
  test("`all`: each kind's progress is saved with the rows, and its final rows with the result", () => {
    const r = startJob(queued(), NOW);
    expect(r.kinds).toBeUndefined();
    const kinds = [
      { kind: 'flags', status: 'done', rows: 3 },
      { kind: 'audit', status: 'running', rows: 7 },
      { kind: 'approvals', status: 'pending', rows: 0 },
    ] as const;
    const p = reportProgress(r, 10, 25, NOW, kinds);
    expect(p.kinds).toEqual(kinds);
    expect(p.kinds).not.toBe(kinds);
    // Progress without kinds keeps the last ones.
    expect(reportProgress(p, 11, 25).kinds).toEqual(kinds);
    const final = kinds.map((k) => ({ ...k, status: 'done' as const }));
    const FILE = {
      s3Key: 'k',
      sha256: 'f'.repeat(64),
      bytes: 1,
      rows: 10,
      parts: 1,
      fileName: 'f.zip',
      contentType: 'application/zip',
      expiresAt: NOW.toISOString(),
    };
    expect(completeJob(p, FILE, NOW, final).kinds).toEqual(final);
    expect(exportJobSchema.parse(completeJob(p, FILE, NOW, final)).kinds).toEqual(final);
    expect(() => exportJobSchema.parse({ ...p, kinds: [{ kind: 'all', status: 'done', rows: 1 }] })).toThrow();
  });
  test('a job fails from queued or running with a bilingual reason and no internals', () => {
    const f = failJob(queued(), 'source-unavailable', NOW);
    expect(f).toMatchObject({ status: 'failed', finishedAt: NOW.toISOString(), failure: failureOf('source-unavailable') });
    expect(f.failure!.message.fr).toMatch(/indisponibles/);
    expect(failJob(startJob(queued(), NOW), 'internal', NOW).failure!.code).toBe('internal');
  });
  test('refuses the other transitions with 409', () => {
    const FILE = {
      s3Key: 'k',
      sha256: 'f'.repeat(64),
      bytes: 1,
      rows: 1,
      parts: 1,
      fileName: 'f.jsonl',
      contentType: 'application/x-ndjson',
      expiresAt: '2026-12-09T10:00:05.000Z',
    };
    const done = completeJob(startJob(queued(), NOW), FILE, NOW);
    expect(() => startJob(done, NOW)).toThrow(ConflictError);
    expect(() => failJob(done, 'internal', NOW)).toThrow('The export cannot go from done to failed.');
    expect(() => reportProgress(queued(), 1, null)).toThrow(ConflictError);
    expect(() => completeJob(queued(), FILE, NOW)).toThrow(ConflictError);
  });
});

describe('abandoned jobs', () => {
  test('a running job without a sign of life for over 16 minutes is abandoned; progress is a sign of life', () => {
    const t0 = new Date('2026-12-02T10:00:00.000Z');
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    const running = startJob(queued(), t0);
    expect(running.heartbeatAt).toBe(t0.toISOString());
    expect(isAbandoned(running, at(16))).toBe(false);
    expect(isAbandoned(running, at(16.1))).toBe(true);
    const alive = reportProgress(running, 10, null, at(10));
    expect(isAbandoned(alive, at(20))).toBe(false);
    expect(isAbandoned(alive, at(26.1))).toBe(true);
    // A record from before heartbeats falls back on startedAt; only running jobs can be abandoned.
    const { heartbeatAt: _h, ...old } = running;
    expect(isAbandoned(old, at(17))).toBe(true);
    expect(isAbandoned(queued(), at(1000))).toBe(false);
    expect(ABANDONED_AFTER_MS).toBe(16 * 60_000);
  });
});
