import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';
import { drained } from './writer';

/**
 * A streaming ZIP archive (fflate, ~10 KB bundled, instead of archiver or exceljs's zip stack, ~700 KB): entries one
 * after the other, DEFLATE level 6, sizes in data descriptors, so nothing is buffered beyond a chunk. Used by the XLSX
 * writer (an XLSX file is a zip) and by the `all` export.
 *
 * No ZIP64: an entry or the archive past 4 GiB − 1 fails (`ZipTooLargeError`) rather than writing a broken file. An
 * export that size would also outlast the worker's 15 minutes.
 */
export class ZipTooLargeError extends Error {
  constructor() {
    super('The archive would pass 4 GiB; ZIP64 is not written');
    this.name = 'ZipTooLargeError';
  }
}

const ZIP32_LIMIT = 0xffffffff;
/** DOS dates start in 1980: entries carry this fixed date (local time), so the same content gives the same bytes. */
export const ZIP_ENTRY_DATE = new Date(1980, 0, 1);

export interface ZipEntry {
  /** Adds bytes to the entry; resolves once the archive's stream can take more. */
  write(chunk: Uint8Array | string): Promise<void>;
  end(): void;
}

export class ZipWriter {
  /** The archive's bytes. */
  readonly stream = new PassThrough();
  private readonly zip: Zip;
  private bytes = 0;
  private entrySize = 0;
  private open = false;

  constructor() {
    this.zip = new Zip((err, data, final) => {
      if (err) {
        this.stream.destroy(err);
        return;
      }
      this.bytes += data.length;
      this.stream.write(data);
      if (final) this.stream.end();
    });
  }

  /** Starts an entry; the previous one must have ended. */
  entry(name: string): ZipEntry {
    if (this.open) throw new Error(`zip: entry ${name} started before the previous one ended`);
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = ZIP_ENTRY_DATE;
    this.zip.add(file);
    this.open = true;
    this.entrySize = 0;
    return {
      write: async (chunk) => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        this.entrySize += bytes.length;
        if (this.entrySize > ZIP32_LIMIT || this.bytes > ZIP32_LIMIT) throw new ZipTooLargeError();
        file.push(bytes);
        await drained(this.stream);
      },
      end: () => {
        file.push(new Uint8Array(0), true);
        this.open = false;
      },
    };
  }

  /** A whole entry at once. */
  async add(name: string, content: Uint8Array | string): Promise<void> {
    const e = this.entry(name);
    await e.write(content);
    e.end();
  }

  /** An entry with every byte of `source`, read with backpressure. */
  async addStream(name: string, source: Readable): Promise<void> {
    const e = this.entry(name);
    for await (const chunk of source) await e.write(chunk as Buffer);
    e.end();
  }

  /** Writes the central directory; resolves once the last byte is in `stream`. */
  async finish(): Promise<void> {
    if (this.open) throw new Error('zip: finish() before the last entry ended');
    const ended = new Promise<void>((resolve, reject) => {
      if (this.stream.writableEnded) return resolve();
      this.stream.once('finish', () => resolve());
      this.stream.once('error', reject);
    });
    this.zip.end();
    if (this.bytes > ZIP32_LIMIT) throw new ZipTooLargeError();
    await ended;
  }
}
