import { columnsOf, headersOf, type Column, type DefinedExportKind, type ExportRow } from '../domain/exports/columns';
import type { Lang } from '../domain/i18n/lang';
import type { ExportWriter } from './writer';
import { ZipWriter } from './zip';

const SHEET_NAME: Record<Lang, string> = { fr: 'Export', en: 'Export' };

/** Excel number format per column type (dates are real date cells; percentages are fractions shown with %). */
const NUM_FMT: Partial<Record<Column['type'], string>> = {
  percent: '0.00##%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

/** A cell value: dates → Date (UTC), percent 0..100 → fraction, the rest unchanged. */
export function xlsxCell(value: ExportRow[string] | undefined, c: Column): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (c.type === 'percent' && typeof value === 'number') return value / 100;
  if ((c.type === 'date' || c.type === 'datetime') && typeof value === 'string') {
    const d = new Date(c.type === 'date' ? `${value}T00:00:00Z` : value);
    return Number.isNaN(d.getTime()) ? value : d;
  }
  return value;
}

// Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone surrogates): dropped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Text for an XML element or attribute. */
export const xmlText = (s: string) => s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/** A (1-based) column number as its letters: 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Days since 1899-12-30 (Excel's 1900 date system, as every spreadsheet reads it), time as the fraction. */
const excelSerial = (d: Date) => d.getTime() / 86_400_000 + 25569;

// Styles (cellXfs): 0 default, 1 bold (header), 2 percent, 3 date, 4 datetime. Custom formats start at 164.
const STYLE: Partial<Record<Column['type'], number>> = { percent: 2, date: 3, datetime: 4 };
const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<numFmts count="3"><numFmt numFmtId="164" formatCode="${xmlText(NUM_FMT.percent!)}"/><numFmt numFmtId="165" formatCode="${NUM_FMT.date}"/><numFmt numFmtId="166" formatCode="${NUM_FMT.datetime}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';
const ROOT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';
const WORKBOOK_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';
const CORE =
  XML_HEAD +
  '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
  '<dc:creator>Vigie</dc:creator></cp:coreProperties>';
const workbookXml = (sheet: string, lastCol: string) =>
  XML_HEAD +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  `<sheets><sheet name="${xmlText(sheet)}" sheetId="1" r:id="rId1"/></sheets>` +
  `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${xmlText(sheet)}'!$A$1:$${lastCol}$1</definedName></definedNames>` +
  '</workbook>';

/** One cell's XML (`s` its style), or '' for an empty cell. */
function cellXml(ref: string, v: ReturnType<typeof xlsxCell>, s: number | undefined): string {
  const style = s ? ` s="${s}"` : '';
  if (v === null) return '';
  if (v instanceof Date) return `<c r="${ref}"${style}><v>${excelSerial(v)}</v></c>`;
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : '';
  if (typeof v === 'boolean') return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  // Inline strings: text is never a formula, so a cell that starts with = stays text (no neutralisation needed).
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(v))}</t></is></c>`;
}

/**
 * XLSX written as it streams (SpreadsheetML in a ZipWriter, no spreadsheet library): rows go to the sheet as they
 * come, never kept. Typed cells (numbers, booleans, dates as date cells, percentages as fractions), a frozen bold
 * header row and an auto-filter over the header. Text cells are inline strings, never formulas.
 */
export function xlsxWriter(kind: DefinedExportKind, lang: Lang): ExportWriter {
  const columns = columnsOf(kind);
  const headers = headersOf(kind, lang);
  const letters = columns.map((_, i) => columnLetters(i + 1));
  const lastCol = letters.at(-1)!;
  const zip = new ZipWriter();
  let rowNumber = 0;
  let sheet: ReturnType<ZipWriter['entry']> | undefined;
  const rowXml = (cells: string) => `<row r="${rowNumber}">${cells}</row>`;

  const started = (async () => {
    await zip.add('[Content_Types].xml', CONTENT_TYPES);
    await zip.add('_rels/.rels', ROOT_RELS);
    await zip.add('docProps/core.xml', CORE);
    await zip.add('xl/workbook.xml', workbookXml(SHEET_NAME[lang], lastCol));
    await zip.add('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
    await zip.add('xl/styles.xml', STYLES_XML);
    sheet = zip.entry('xl/worksheets/sheet1.xml');
    const cols = columns
      .map((c, i) => {
        const width = Math.min(60, Math.max(12, headers[i]!.length + 2));
        const s = STYLE[c.type];
        return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"${s ? ` style="${s}"` : ''}/>`;
      })
      .join('');
    rowNumber = 1;
    await sheet.write(
      XML_HEAD +
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
        `<cols>${cols}</cols><sheetData>` +
        rowXml(headers.map((h, i) => cellXml(`${letters[i]}1`, h, 1)).join('')),
    );
  })();

  return {
    stream: zip.stream,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    async write(row: ExportRow) {
      await started;
      rowNumber++;
      await sheet!.write(rowXml(columns.map((c, i) => cellXml(`${letters[i]}${rowNumber}`, xlsxCell(row[c.field], c), STYLE[c.type])).join('')));
    },
    async end() {
      await started;
      await sheet!.write(`</sheetData><autoFilter ref="A1:${lastCol}1"/></worksheet>`);
      sheet!.end();
      await zip.finish();
    },
  };
}
