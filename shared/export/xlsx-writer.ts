import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { columnsOf, headersOf, type Column, type DefinedExportKind, type ExportRow } from '../domain/exports/columns';
import type { Lang } from '../domain/i18n/lang';
import { drained, type ExportWriter } from './writer';

const SHEET_NAME: Record<Lang, string> = { fr: 'Export', en: 'Export' };

/** Excel number format per column type (dates are real date cells; percentages are fractions shown with %). */
const NUM_FMT: Partial<Record<Column['type'], string>> = {
  percent: '0.00##%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

/** A cell value for exceljs: dates → Date (UTC), percent 0..100 → fraction, the rest unchanged. */
export function xlsxCell(value: ExportRow[string] | undefined, c: Column): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (c.type === 'percent' && typeof value === 'number') return value / 100;
  if ((c.type === 'date' || c.type === 'datetime') && typeof value === 'string') {
    const d = new Date(c.type === 'date' ? `${value}T00:00:00Z` : value);
    return Number.isNaN(d.getTime()) ? value : d;
  }
  return value;
}

/**
 * XLSX through exceljs's streaming WorkbookWriter (rows are committed as they come, not kept): typed cells,
 * a frozen bold header row and an auto-filter over the header. Text cells are strings (never formulas), so no
 * neutralisation is needed.
 */
export function xlsxWriter(kind: DefinedExportKind, lang: Lang): ExportWriter {
  const columns = columnsOf(kind);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Vigie';
  const sheet = workbook.addWorksheet(SHEET_NAME[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: c.field,
    width: Math.min(60, Math.max(12, headersOf(kind, lang)[i]!.length + 2)),
    ...(NUM_FMT[c.type] ? { style: { numFmt: NUM_FMT[c.type] } } : {}),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.addRow(headersOf(kind, lang));
  header.font = { bold: true };
  header.commit();
  return {
    stream: out,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    async write(row: ExportRow) {
      sheet.addRow(columns.map((c) => xlsxCell(row[c.field], c))).commit();
      await drained(out);
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
