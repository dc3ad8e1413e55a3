import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { formatAuditVerification, main, parseArgs, verifyAuditLines } from '../../scripts/verify-audit';
import { sealEvent, GENESIS_HASH, type AuditEvent } from '../../shared/domain/audit';
import {
  auditEventCandidates,
  auditRow,
  columnsOf,
  DEFINED_EXPORT_KINDS,
  EXPORT_KINDS,
  exportJsonSchema,
  formatCsvCell,
  formatNumber,
  headersOf,
  isDefinedExportKind,
  neutralizeFormula,
  orderedValues,
  type Column,
  type DefinedExportKind,
  type ExportRow,
} from '../../shared/domain/exports';
import { columnLetters, csvWriter, drained, jsonlWriter, xlsxCell, xlsxWriter, xmlText, ZipWriter, type ExportWriter } from '../../shared/export';
import { PassThrough } from 'node:stream';
import { controlEventRow, HYPERLINK } from '../fixtures/export-rows';

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

/** Writes the rows and returns the bytes, reading concurrently (as the S3 upload would). */
async function render(writer: ExportWriter, rows: readonly ExportRow[]): Promise<Buffer> {
  const bytes = collect(writer.stream);
  for (const r of rows) await writer.write(r);
  await writer.end();
  return bytes;
}

const controlEvent: ExportRow = controlEventRow(`${HYPERLINK}\nligne 2`);

function auditChain(n: number, chain = 'PROJ#prj_1'): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = sealEvent({
      chain,
      seq,
      at: `2026-01-0${seq}T10:00:00.000Z`,
      actor: seq === 2 ? { sub: 'u2', role: 'legal' } : { sub: 'u1', role: 'partner', org: 'org_1', email: 'a@example.fr' },
      action: seq === 1 ? 'project.created' : 'project.updated',
      target: { type: 'project', id: 'prj_1' },
      ...(seq === 1 ? {} : { before: { title: `v${seq - 1}`, n: 1.5 }, after: { title: `v${seq}`, nested: { b: [1, null], a: 'é' } } }),
      prevHash: prev,
    });
    events.push(e);
    prev = e.hash;
  }
  return events;
}

describe('export columns', () => {
  test('every defined kind has unique fields and fr/en headers; all kinds are listed', () => {
    expect(EXPORT_KINDS).toHaveLength(8);
    for (const kind of DEFINED_EXPORT_KINDS) {
      expect(isDefinedExportKind(kind)).toBe(true);
      const cols = columnsOf(kind);
      expect(new Set(cols.map((c) => c.field)).size).toBe(cols.length);
      for (const c of cols) {
        expect(c.header.fr).not.toBe('');
        expect(c.header.en).not.toBe('');
      }
    }
    expect([...DEFINED_EXPORT_KINDS]).toEqual([...EXPORT_KINDS]);
    expect(isDefinedExportKind('declarations-register')).toBe(true);
    expect(isDefinedExportKind('all')).toBe(false);
    expect(headersOf('audit', 'fr')).toContain('Utilisateur');
    expect(headersOf('audit', 'en')).toContain('User');
  });

  test('the audit columns carry everything the hash covers', () => {
    const fields = columnsOf('audit').map((c) => c.field);
    for (const f of [
      'chain',
      'seq',
      'at',
      'actorSub',
      'actorRole',
      'actorOrg',
      'actorEmail',
      'action',
      'targetType',
      'targetId',
      'before',
      'after',
      'prevHash',
      'hash',
    ]) {
      expect(fields).toContain(f);
    }
  });

  test('orderedValues follows column order and fills missing fields with null', () => {
    const v = orderedValues('approvals', { stepId: 'legal-review', projectId: 'prj_1' });
    expect(v.slice(0, 3)).toEqual(['prj_1', 'legal-review', null]);
  });
});

describe('JSON Schemas', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);

  beforeAll(() => {
    for (const kind of DEFINED_EXPORT_KINDS) ajv.addSchema(exportJsonSchema(kind));
  });
  test.each(DEFINED_EXPORT_KINDS)('%s: a valid draft 2020-12 schema', (kind) => {
    const schema = exportJsonSchema(kind);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.getSchema(`/exports/schemas/${kind}`)).toBeDefined();
  });

  test('rejects a wrong type, a bad date, an unknown field and an out-of-range percentage', () => {
    const validate = ajv.getSchema('/exports/schemas/control-events')!;
    expect(validate(controlEvent)).toBe(true);
    expect(validate({ ...controlEvent, votingRightsAfterPct: '33' })).toBe(false);
    expect(validate({ ...controlEvent, effectiveDate: '15/03/2026' })).toBe(false);
    expect(validate({ ...controlEvent, extra: 1 })).toBe(false);
    expect(validate({ ...controlEvent, votingRightsAfterPct: 101 })).toBe(false);
    expect(validate({ ...controlEvent, kind: 'merger' })).toBe(false);
    expect(validate({ ...controlEvent, authorisationStatus: null, votingRightsBeforePct: null })).toBe(true);
  });
});

describe('CSV formula neutralisation', () => {
  test.each(['=', '+', '-', '@', '\t', '\r'])('a cell starting with %j gets a leading quote, data kept', (ch) => {
    expect(neutralizeFormula(`${ch}1+2`)).toBe(`'${ch}1+2`);
  });

  test('other text is unchanged', () => {
    expect(neutralizeFormula('Accord 2026')).toBe('Accord 2026');
    expect(neutralizeFormula('')).toBe('');
    expect(neutralizeFormula(' =1')).toBe(' =1');
    expect(neutralizeFormula(HYPERLINK)).toBe(`'${HYPERLINK}`);
  });

  test('numbers are not neutralised (a negative number stays a number)', () => {
    const num: Column = { field: 'n', type: 'number', header: { fr: 'n', en: 'n' } };
    expect(formatCsvCell(-1.5, num, 'fr')).toBe('-1,5');
  });
});

describe('locale formatting for CSV', () => {
  const c = (type: Column['type']): Column => ({ field: 'x', type, header: { fr: 'x', en: 'x' } });
  test('numbers and percentages: decimal comma in French, point in English', () => {
    expect(formatNumber(1234.5, 'fr')).toBe('1234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1234.5');
    expect(formatCsvCell(33.3333, c('percent'), 'fr')).toBe('33,3333');
    expect(formatCsvCell(33.3333, c('percent'), 'en')).toBe('33.3333');
    expect(formatCsvCell(7, c('number'), 'fr')).toBe('7');
  });
  test('dates and instants stay ISO 8601 in both languages; booleans are words; null is empty', () => {
    expect(formatCsvCell('2026-03-15', c('date'), 'fr')).toBe('2026-03-15');
    expect(formatCsvCell('2026-03-16T09:30:00.000Z', c('datetime'), 'en')).toBe('2026-03-16T09:30:00.000Z');
    expect(formatCsvCell(true, c('boolean'), 'fr')).toBe('oui');
    expect(formatCsvCell(false, c('boolean'), 'fr')).toBe('non');
    expect(formatCsvCell(true, c('boolean'), 'en')).toBe('yes');
    expect(formatCsvCell(false, c('boolean'), 'en')).toBe('no');
    expect(formatCsvCell(null, c('string'), 'fr')).toBe('');
  });
});

describe('CSV writer', () => {
  test('French: BOM, `;`, CRLF, RFC 4180 quoting, localized header, no sep= line; re-parsed by csv-parse', async () => {
    const bytes = await render(csvWriter('control-events', 'fr'), [controlEvent, { ...controlEvent, id: 'cev_2', description: '-2', controlAcquired: null }]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('sep=')).toBe(false);
    expect(text.split('\r\n')[0]).toBe(headersOf('control-events', 'fr').join(';'));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').replace(/"[^"]*"/g, '')).not.toContain('\n');
    const rows = parse(bytes, { bom: true, delimiter: ';', record_delimiter: '\r\n' }) as string[][];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(headersOf('control-events', 'fr'));
    const r = Object.fromEntries(rows[1]!.map((v, i) => [columnsOf('control-events')[i]!.field, v]));
    expect(r.investorName).toBe('Société Générale d’Électronique; "SGE"');
    expect(r.votingRightsBeforePct).toBe('12,5');
    expect(r.votingRightsAfterPct).toBe('33,3333');
    expect(r.controlAcquired).toBe('oui');
    expect(r.effectiveDate).toBe('2026-03-15');
    expect(r.investorOrganizationId).toBe('');
    expect(r.description).toBe(`'${HYPERLINK}\nligne 2`);
    expect(rows[2]![columnsOf('control-events').findIndex((c) => c.field === 'description')]).toBe("'-2");
  });

  test('English: `,` separator and decimal point', async () => {
    const bytes = await render(csvWriter('control-events', 'en'), [controlEvent]);
    const rows = parse(bytes, { bom: true, delimiter: ',' }) as string[][];
    expect(rows[0]).toEqual(headersOf('control-events', 'en'));
    expect(rows[1]).toContain('12.5');
    expect(rows[1]).toContain('yes');
  });

  test('a field with a lone CR is quoted, so it survives a round trip', async () => {
    const bytes = await render(csvWriter('approvals', 'en'), [{ comment: 'a\rb', stepId: ' x ' }]);
    const rows = parse(bytes, { bom: true, delimiter: ',', record_delimiter: '\r\n' }) as string[][];
    expect(rows[1]![3]).toBe('a\rb');
    expect(rows[1]![1]).toBe(' x ');
  });

  test('write waits while nobody reads (backpressure), then everything arrives', async () => {
    const w = csvWriter('approvals', 'fr');
    let written = 0;
    const producer = (async () => {
      for (let i = 0; i < 3000; i++) {
        await w.write({ projectId: 'prj_1', stepId: `s${i}`, comment: 'x'.repeat(100) });
        written++;
      }
      await w.end();
    })();
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBeLessThan(3000);
    const bytes = await collect(w.stream);
    await producer;
    expect(bytes.toString('utf8').split('\r\n')).toHaveLength(3002);
  });
});

test('drained rejects when the stream fails while full', async () => {
  const s = new PassThrough({ highWaterMark: 4 });
  s.write('0123456789');
  const wait = drained(s);
  s.destroy(new Error('sink failed'));
  await expect(wait).rejects.toThrow('sink failed');
});

describe('JSON Lines writer', () => {
  const ajv = new Ajv2020({ strict: true });
  addFormats(ajv);

  test('one record per line, stable names, numbers as numbers, valid against the schema', async () => {
    const bytes = await render(jsonlWriter('control-events'), [controlEvent, { ...controlEvent, id: 'cev_2' }]);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    const validate = ajv.compile(exportJsonSchema('control-events'));
    for (const line of lines) {
      const rec = JSON.parse(line) as ExportRow;
      expect(validate(rec)).toBe(true);
      expect(Object.keys(rec)).toEqual(columnsOf('control-events').map((c) => c.field));
      expect(rec.votingRightsAfterPct).toBe(33.3333);
      expect(rec.description).toBe(`${HYPERLINK}\nligne 2`);
    }
  });

  test('audit rows validate against the audit schema; missing fields are null', async () => {
    const validate = ajv.compile(exportJsonSchema('audit'));
    const bytes = await render(jsonlWriter('audit'), auditChain(3).map(auditRow));
    const lines = bytes.toString('utf8').trim().split('\n');
    for (const l of lines) expect(validate(JSON.parse(l))).toBe(true);
    const partial = await render(jsonlWriter('flags'), [{ id: 'flg_1' }]);
    expect((JSON.parse(partial.toString('utf8')) as ExportRow).title).toBeNull();
  });
});

describe('XLSX writer', () => {
  async function readBack(bytes: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  }
  const idx = (kind: DefinedExportKind, field: string) => columnsOf(kind).findIndex((c) => c.field === field) + 1;

  test('typed cells, frozen header, auto-filter, formula text stays text', async () => {
    const bytes = await render(xlsxWriter('control-events', 'fr'), [controlEvent]);
    const ws = await readBack(bytes);
    expect(ws.getRow(1).values).toEqual([undefined, ...headersOf('control-events', 'fr')]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const row = ws.getRow(2);
    const date = row.getCell(idx('control-events', 'effectiveDate'));
    expect(date.value).toEqual(new Date('2026-03-15T00:00:00Z'));
    expect(date.numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(idx('control-events', 'recordedAt')).value).toEqual(new Date('2026-03-16T09:30:00.000Z'));
    const pct = row.getCell(idx('control-events', 'votingRightsAfterPct'));
    expect(pct.type).toBe(ExcelJS.ValueType.Number);
    expect(pct.value).toBeCloseTo(0.333333, 6);
    expect(pct.numFmt).toContain('%');
    expect(row.getCell(idx('control-events', 'controlAcquired')).value).toBe(true);
    const desc = row.getCell(idx('control-events', 'description'));
    expect(desc.type).toBe(ExcelJS.ValueType.String);
    expect(desc.value).toBe(`${HYPERLINK}\nligne 2`);
    expect(row.getCell(idx('control-events', 'investorOrganizationId')).value).toBeNull();
  });

  test('text XML cannot carry is dropped, markup is escaped: the file stays readable', async () => {
    expect(xmlText('a\u0000b\u001Fc\td\ne <x> & "q"')).toBe('abc\td\ne &lt;x&gt; &amp; &quot;q&quot;');
    expect(xmlText('\uD800x\uDC00 \uD83D\uDE00')).toBe('x \uD83D\uDE00');
    const bytes = await render(xlsxWriter('control-events', 'en'), [{ ...controlEvent, description: 'bell\u0007 </t></is> & <b>' }]);
    const ws = await readBack(bytes);
    expect(ws.getRow(2).getCell(idx('control-events', 'description')).value).toBe('bell </t></is> & <b>');
    expect(ws.name).toBe('Export');
  });

  test('column letters past Z, and many rows stream through with backpressure', async () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    const writer = xlsxWriter('control-events', 'fr');
    const bytes = collect(writer.stream);
    for (let i = 0; i < 5000; i++) await writer.write({ ...controlEvent, id: `cev_${i}` });
    await writer.end();
    const ws = await readBack(await bytes);
    expect(ws.rowCount).toBe(5001);
    expect(ws.getRow(5001).getCell(idx('control-events', 'id')).value).toBe('cev_4999');
  });

  test('the zip writer: entries in order, readable by unzip, and refuses overlapping entries', async () => {
    const zip = new ZipWriter();
    const bytes = collect(zip.stream);
    await zip.add('a.txt', 'première');
    const e = zip.entry('b.txt');
    expect(() => zip.entry('c.txt')).toThrow(/before the previous one ended/);
    await e.write(Buffer.from('x'.repeat(100_000)));
    e.end();
    await zip.finish();
    const dir = mkdtempSync(join(tmpdir(), 'vigie-zipw-'));
    writeFileSync(join(dir, 'z.zip'), await bytes);
    const { stdout } = await promisify(execFile)('unzip', ['-l', 'z.zip'], { cwd: dir });
    expect(stdout).toMatch(/9\s+1980-01-01 00:00\s+a\.txt/);
    expect(stdout).toMatch(/100000\s+1980-01-01 00:00\s+b\.txt/);
    await expect(promisify(execFile)('unzip', ['-tq', 'z.zip'], { cwd: dir })).resolves.toMatchObject({ stdout: expect.stringContaining('No errors') });
  });

  test('xlsxCell keeps an unparsable date as text and numbers as they are', () => {
    const date: Column = { field: 'd', type: 'date', header: { fr: 'd', en: 'd' } };
    const num: Column = { field: 'n', type: 'number', header: { fr: 'n', en: 'n' } };
    expect(xlsxCell('pas une date', date)).toBe('pas une date');
    expect(xlsxCell(3, num)).toBe(3);
    expect(xlsxCell(undefined, num)).toBeNull();
  });
});

describe('audit rows', () => {
  test('a row gives back an event whose hash matches, with null or absent actor fields', () => {
    for (const e of auditChain(3)) {
      const candidates = auditEventCandidates(JSON.parse(JSON.stringify(auditRow(e))) as Record<string, unknown>);
      expect(candidates.some((c) => sealEvent(c).hash === e.hash)).toBe(true);
    }
  });
  test('a row missing a field is rejected', () => {
    const row = auditRow(auditChain(1)[0]!);
    expect(() => auditEventCandidates({ ...row, seq: '1' })).toThrow(TypeError);
    expect(() => auditEventCandidates({ ...row, chain: 3 })).toThrow(TypeError);
  });
});

describe('npm run verify-audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-audit-'));
  const jsonl = (events: readonly ExportRow[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const code = await main(
      argv,
      (s) => out.push(s),
      (s) => out.push(s),
    );
    return { code, text: out.join('\n') };
  };

  test('an intact export written by jsonlWriter: « intact », exit 0 (two chains interleaved)', async () => {
    const a = auditChain(4);
    const b = auditChain(2, 'ORG#org_1');
    const file = join(dir, 'intact.jsonl');
    writeFileSync(file, await render(jsonlWriter('audit'), [a[0]!, b[0]!, a[1]!, a[2]!, b[1]!, a[3]!].map(auditRow)));
    expect(await run([file])).toEqual({ code: 0, text: 'intact (6 événement(s), 2 chaîne(s))' });
    expect((await run([file, '--lang', 'en'])).text).toBe('intact (6 event(s), 2 chain(s))');
  });

  test('an altered line: names its seq, exit 1', async () => {
    const rows = auditChain(4).map(auditRow);
    rows[2] = { ...rows[2]!, after: rows[2]!.after!.toString().replace('v3', 'v9') };
    const file = join(dir, 'altered.jsonl');
    writeFileSync(file, jsonl(rows));
    const r = await run([file]);
    expect(r.code).toBe(1);
    expect(r.text).toContain('seq 3');
    expect(r.text).toContain('ALTÉRÉ');
    expect((await run(['--lang', 'en', file])).text).toMatch(/^ALTERED: first broken event: seq 3 .*content no longer matches/);
  });

  test('a removed line and a relinked line are named too; a malformed line gives its line number', async () => {
    const rows = auditChain(4).map(auditRow);
    const gap = join(dir, 'gap.jsonl');
    writeFileSync(gap, jsonl([rows[0]!, rows[2]!, rows[3]!]));
    expect((await run([gap])).text).toContain('seq 2');
    const relinked = join(dir, 'relinked.jsonl');
    writeFileSync(relinked, jsonl([rows[0]!, { ...rows[1]!, prevHash: 'f'.repeat(64) }]));
    expect((await run([relinked, '--lang', 'en'])).text).toContain('previous hash');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${jsonl([rows[0]!])}\n{not json\n`);
    const r = await run([bad]);
    expect(r).toEqual({ code: 1, text: expect.stringContaining('ligne 3') as string });
  });

  test('verifyAuditLines streams any async iterable of lines', async () => {
    async function* lines() {
      for (const e of auditChain(2)) yield JSON.stringify(auditRow(e));
    }
    expect(await verifyAuditLines(lines())).toEqual({ valid: true, events: 2, chains: 1, anchored: 0 });
  });

  test('an export of a period: a chain starting after seq 1 is checked from its first line on', async () => {
    const events = auditChain(4).map(auditRow);
    async function* lines(rows: typeof events) {
      for (const r of rows) yield JSON.stringify(r);
    }
    expect(await verifyAuditLines(lines(events.slice(1)))).toEqual({ valid: true, events: 3, chains: 1, anchored: 1 });
    const altered = [events[1]!, { ...events[2]!, action: 'project.deleted' }, events[3]!];
    expect(await verifyAuditLines(lines(altered))).toMatchObject({ valid: false, brokenSeq: 3, reason: 'hash-mismatch' });
    expect(await verifyAuditLines(lines([events[1]!, events[3]!]))).toMatchObject({ valid: false, brokenSeq: 3, reason: 'gap' });
    expect(formatAuditVerification({ valid: true, events: 3, chains: 1, anchored: 1 }, 'fr')).toContain('dont 1 commencée(s) après leur premier événement');
  });

  test('usage errors exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--lang', 'en'])).text).toContain('Usage: npm run verify-audit');
    expect(await run(['a', 'b'])).toEqual({ code: 2, text: 'Un seul fichier à la fois.' });
    expect((await run(['a', 'b', '--lang', 'en'])).text).toBe('One file at a time.');
    expect((await run(['--x'])).text).toBe('Option inconnue : --x');
    expect((await run(['--x', '--lang', 'en'])).text).toBe('Unknown option: --x');
    expect((await run(['f', '--lang', 'de'])).text).toBe('Langue inconnue : de (fr ou en).');
    expect((await run(['f', '--lang'])).code).toBe(2);
    const missing = await run([join(dir, 'absent.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.text).toContain('Lecture impossible');
    expect(parseArgs(['f.jsonl', '--lang', 'en'])).toEqual({ file: 'f.jsonl', lang: 'en' });
  });

  test('the command line itself (npm run verify-audit)', async () => {
    const file = join(dir, 'cli.jsonl');
    writeFileSync(file, jsonl(auditChain(2).map(auditRow)));
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', 'scripts/verify-audit.ts', file], { cwd: join(__dirname, '../..') });
    expect(stdout.trim()).toBe('intact (2 événement(s), 1 chaîne(s))');
  });
});
