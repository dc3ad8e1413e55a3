/**
 * The exports page's rules (web/src/pages/exports/model.ts) against the API's own: the form offers exactly
 * the kinds and formats `POST /exports` accepts, builds bodies the schema accepts, and reads progress and
 * sizes as documented.
 */
import { EXPORT_FORMATS, EXPORT_KINDS, exportRequestSchema } from '../../shared/domain/exports/request';
import { EXPORT_KINDS as TABULAR_KINDS } from '../../shared/domain/exports/columns';
import {
  ALL_ORDER,
  FORMATS,
  KINDS,
  POLL_MAX_MS,
  fieldOf,
  fitFormat,
  formatSize,
  formatsFor,
  kindsOf,
  linkUsable,
  pollDelay,
  requestBody,
} from '../../web/src/pages/exports/model';

describe('exports page model', () => {
  test('the kinds and formats are the API’s; the `all` order is the worker’s', () => {
    expect([...KINDS].sort()).toEqual([...EXPORT_KINDS].sort());
    expect(FORMATS).toEqual(EXPORT_FORMATS);
    expect(ALL_ORDER).toEqual(TABULAR_KINDS);
  });

  test('each kind offers exactly the formats the API accepts for it', () => {
    for (const kind of KINDS)
      for (const format of FORMATS) {
        const accepted = exportRequestSchema.safeParse({ kind, format }).success;
        expect([kind, format, formatsFor(kind).includes(format)]).toEqual([kind, format, accepted]);
      }
  });

  test('changing the kind keeps the format when allowed, else takes the first allowed', () => {
    expect(fitFormat('flags', 'xlsx')).toBe('xlsx');
    expect(fitFormat('project-summary', 'xlsx')).toBe('pdf');
    expect(fitFormat('audit', 'pdf')).toBe('csv');
  });

  test('the body leaves empty fields out and always passes the format rule', () => {
    const base = { locale: 'fr' as const, projectId: '', organizationId: '', from: '', to: '' };
    expect(requestBody({ ...base, kind: 'project-summary', format: 'csv' })).toEqual({ kind: 'project-summary', format: 'pdf', locale: 'fr' });
    const full = requestBody({
      ...base,
      kind: 'flags',
      format: 'csv',
      from: '2026-01-01',
      to: '2026-06-30',
      projectId: 'prj_0123456789abcdef0123456789abcdef',
    });
    expect(exportRequestSchema.safeParse(full).success).toBe(true);
    // The server's error paths land on the form's fields.
    const refused = exportRequestSchema.safeParse(requestBody({ ...base, kind: 'flags', format: 'csv', from: '2026-06-30', to: '2026-01-01' }));
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => fieldOf(i.path.join('/')))).toEqual(['to']);
    expect(fieldOf('unknown')).toBeNull();
  });

  test('polling backs off from 0.5 s to at most 5 s', () => {
    const delays = Array.from({ length: 10 }, (_, i) => pollDelay(i));
    expect(delays.slice(0, 3)).toEqual([500, 750, 1125]);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBe(POLL_MAX_MS);
  });

  test('per-kind progress of `all`: saved kinds, else all pending (or done without counts)', () => {
    expect(kindsOf({ status: 'queued', kinds: null }).map((k) => k.status)).toEqual(ALL_ORDER.map(() => 'pending'));
    expect(kindsOf({ status: 'done' }).every((k) => k.status === 'done')).toBe(true);
    const saved = [{ kind: 'flags' as const, status: 'running' as const, rows: 4 }];
    expect(kindsOf({ status: 'running', kinds: saved })).toEqual(saved);
  });

  test('sizes in the locale; a link is usable until a few seconds before its expiry', () => {
    expect(formatSize(512, 'fr')).toMatch(/^512\soctets$/);
    expect(formatSize(12_345, 'fr')).toMatch(/^12,3\s?ko$/);
    expect(formatSize(4_500_000, 'en')).toMatch(/^4\.5\s?MB$/);
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(linkUsable('2026-12-02T10:15:00Z', now)).toBe(true);
    expect(linkUsable('2026-12-02T10:00:03Z', now)).toBe(false);
  });
});
