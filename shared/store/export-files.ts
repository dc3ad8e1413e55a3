import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { s3 } from './clients';
import { config } from './config';

/**
 * Export files in the exports bucket (docs/exports.md, "The job"): written by a multipart upload as the job
 * produces them, so that no file is ever held whole in memory; kept 7 days (a lifecycle rule in AWS,
 * {@link deleteExpiredExports} in `npm start`).
 */

export const EXPORTS_PREFIX = 'exports/';
/** Days an export file is kept. */
export const EXPORT_RETENTION_DAYS = 7;
/** Multipart part size: S3's minimum; with 2 parts in flight, the upload holds about 10 MiB whatever the file size. */
export const EXPORT_PART_BYTES = 5 * 1024 * 1024;

export interface ExportUpload {
  /** Resolves when S3 has the whole object, with the number of parts uploaded (1 for a small file sent in one PUT). */
  done: Promise<{ parts: number }>;
  abort(): Promise<void>;
}

/** Starts uploading `body` as it is produced. */
export function uploadExport(key: string, body: Readable, contentType: string): ExportUpload {
  const upload = new Upload({
    client: s3(),
    params: { Bucket: config.exportsBucket, Key: key, Body: body, ContentType: contentType },
    partSize: EXPORT_PART_BYTES,
    queueSize: 2,
    leavePartsOnError: false,
  });
  let parts = 0;
  upload.on('httpUploadProgress', (p) => {
    if (p.part && p.part > parts) parts = p.part;
  });
  return { done: upload.done().then(() => ({ parts: Math.max(parts, 1) })), abort: () => upload.abort() };
}

/** Deletes export files older than the retention (what the bucket's lifecycle rule does in AWS). Returns how many. */
export async function deleteExpiredExports(now = new Date(), retentionDays = EXPORT_RETENTION_DAYS): Promise<number> {
  const limit = now.getTime() - retentionDays * 24 * 3600 * 1000;
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: config.exportsBucket, Prefix: EXPORTS_PREFIX, ContinuationToken: token, MaxKeys: 1000 }));
    for (const o of page.Contents ?? []) {
      if (o.Key && o.LastModified && o.LastModified.getTime() < limit) {
        await s3().send(new DeleteObjectCommand({ Bucket: config.exportsBucket, Key: o.Key }));
        deleted++;
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}
