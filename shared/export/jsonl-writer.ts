import { PassThrough } from 'node:stream';
import { columnsOf, type DefinedExportKind, type ExportRow } from '../domain/exports/columns';
import { drained, finish, type ExportWriter } from './writer';

/**
 * JSON Lines: one JSON object per line (`\n`), UTF-8 without BOM, keys are the columns' stable field names in
 * column order, numbers as JSON numbers, empty cells as null. No formula neutralisation (not a spreadsheet).
 */
export function jsonlWriter(kind: DefinedExportKind): ExportWriter {
  const columns = columnsOf(kind);
  const out = new PassThrough();
  return {
    stream: out,
    contentType: 'application/x-ndjson',
    extension: 'jsonl',
    async write(row: ExportRow) {
      const record: ExportRow = {};
      for (const c of columns) record[c.field] = row[c.field] ?? null;
      out.write(`${JSON.stringify(record)}\n`);
      await drained(out);
    },
    end: () => finish(out),
  };
}
