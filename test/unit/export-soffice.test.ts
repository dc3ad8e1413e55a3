/**
 * The exports opened by an independent spreadsheet: LibreOffice Calc (`soffice --headless --convert-to`) reads
 * the French CSV (`;`, BOM, decimal comma, fr-FR locale) and the XLSX. Skipped, with a message, when soffice
 * is not installed (.ci/run installs libreoffice-calc-nogui).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { columnsOf, type ExportRow } from '../../shared/domain/exports';
import { csvWriter, xlsxWriter, type ExportWriter } from '../../shared/export';
import { controlEventRow, HYPERLINK } from '../fixtures/export-rows';

const hasSoffice = (() => {
  try {
    execFileSync('which', ['soffice'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasSoffice) {
  console.warn('export-soffice.test.ts skipped: soffice (LibreOffice) is not installed; apt-get install -y --no-install-recommends libreoffice-calc-nogui');
}
const maybe = hasSoffice ? describe : describe.skip;

const row: ExportRow = controlEventRow(HYPERLINK);
const col = (field: string) => columnsOf('control-events').findIndex((c) => c.field === field) + 1;

async function bytesOf(w: ExportWriter): Promise<Buffer> {
  const chunks: Buffer[] = [];
  w.stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const done = new Promise((r) => w.stream.once('end', r));
  await w.write(row);
  await w.end();
  await done;
  return Buffer.concat(chunks);
}

maybe('LibreOffice reads the exports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-soffice-'));
  // A private profile, so that a concurrent soffice (another test run) does not block this one.
  const profile = `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`;
  const soffice = (args: string[]) => promisify(execFile)('soffice', [profile, '--headless', ...args], { cwd: dir, timeout: 120_000 });

  test('the French CSV: accents, `;`, decimal comma → numbers, ISO date → date, the formula stays text', async () => {
    writeFileSync(join(dir, 'fr.csv'), await bytesOf(csvWriter('control-events', 'fr')));
    // CSV filter options: separator 59 (;), text delimiter 34 ("), charset 76 (UTF-8), from line 1, fr-FR (1036).
    await soffice(['--infilter=CSV:59,34,76,1,,1036', '--convert-to', 'xlsx', '--outdir', join(dir, 'from-csv'), 'fr.csv']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'from-csv', 'fr.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(col('votingRightsAfterPct')).value).toBe('Droits de vote après (%)');
    const r = ws.getRow(2);
    expect(r.getCell(col('investorName')).value).toBe('Société Générale d’Électronique; "SGE"');
    expect(r.getCell(col('votingRightsBeforePct')).value).toBe(12.5);
    expect(r.getCell(col('votingRightsAfterPct')).value).toBe(33.3333);
    expect(r.getCell(col('effectiveDate')).value).toEqual(new Date('2026-03-15T00:00:00Z'));
    const desc = r.getCell(col('description'));
    expect(desc.type).toBe(ExcelJS.ValueType.String);
    expect(desc.value).toBe(`'${HYPERLINK}`);
  }, 120_000);

  test('the XLSX: converted back to CSV, header, accents, percentages, date and inert formula text', async () => {
    writeFileSync(join(dir, 'fr.xlsx'), await bytesOf(xlsxWriter('control-events', 'fr')));
    await soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1036', '--outdir', join(dir, 'from-xlsx'), 'fr.xlsx']);
    const [header, line] = readFileSync(join(dir, 'from-xlsx', 'fr.csv'), 'utf8').split(/\r?\n/);
    expect(header).toContain('Droits de vote après (%);Prise de contrôle');
    expect(line).toContain('"Société Générale d’Électronique; ""SGE"""');
    expect(line).toMatch(/;12[.,]50?%;33[.,]3333%;/);
    expect(line).toContain(';2026-03-15;');
    expect(line).toContain(';2026-03-16 09:30:00;');
    // Had the cell been a formula, Calc would export its result ("y"), not its text.
    expect(line).toContain('"=HYPERLINK(""http://x"",""y"")"');
  }, 120_000);
});
