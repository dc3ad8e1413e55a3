import { stringify } from 'csv-stringify';
import { columnsOf, headersOf, type DefinedExportKind, type ExportRow } from '../domain/exports/columns';
import { formatCsvCell } from '../domain/exports/format';
import type { Lang } from '../domain/i18n/lang';
import { drained, finish, type ExportWriter } from './writer';

/** CSV separator per locale: French Excel expects `;` (the comma is the decimal separator). */
export const CSV_DELIMITER: Record<Lang, string> = { fr: ';', en: ',' };

/**
 * CSV for Excel: UTF-8 with BOM, CRLF, RFC 4180 quoting, one header row with localized names, no `sep=` line
 * (it would break the BOM detection). Cells are formatted and neutralised by formatCsvCell.
 */
export function csvWriter(kind: DefinedExportKind, lang: Lang): ExportWriter {
  const columns = columnsOf(kind);
  const stringifier = stringify({
    delimiter: CSV_DELIMITER[lang],
    record_delimiter: 'windows',
    bom: true,
    // Also quote a lone CR or LF and leading/trailing blanks, which some readers would otherwise lose.
    quoted_match: /[\r\n]|^\s|\s$/,
  });
  stringifier.write(headersOf(kind, lang));
  return {
    stream: stringifier,
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    async write(row: ExportRow) {
      stringifier.write(columns.map((c) => formatCsvCell(row[c.field] ?? null, c, lang)));
      await drained(stringifier);
    },
    end: () => finish(stringifier),
  };
}
