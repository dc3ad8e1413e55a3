import type { Readable, Writable } from 'node:stream';
import type { ExportRow } from '../domain/exports/columns';

/**
 * The common interface of the export writers (docs/exports.md "## Formats"). The caller pipes `stream` into
 * its sink (an S3 multipart upload) and then writes rows one by one, awaiting each `write`: it resolves once
 * the writer's buffer is below its high-water mark, so a slow sink slows the producer and memory stays flat.
 * `end()` flushes the trailer (the XLSX zip directory) and resolves when the last byte is in `stream`.
 */
export interface ExportWriter {
  write(row: ExportRow): Promise<void>;
  end(): Promise<void>;
  /** The file's bytes. */
  stream: Readable;
  /** MIME type and file extension of the output. */
  contentType: string;
  extension: 'csv' | 'jsonl' | 'xlsx';
}

/** Resolves when `w` can take more (at once when its buffer is below the high-water mark). */
export function drained(w: Writable): Promise<void> {
  if (!w.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      w.off('error', onError);
      resolve();
    };
    const onError = (e: Error) => {
      w.off('drain', onDrain);
      reject(e);
    };
    w.once('drain', onDrain);
    w.once('error', onError);
  });
}

/** Ends `w` and resolves when it has finished (all data flushed to its readable side). */
export function finish(w: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    w.once('error', reject);
    w.once('finish', () => resolve());
    w.end();
  });
}
