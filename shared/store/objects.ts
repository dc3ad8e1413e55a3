import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { s3 } from './clients';

/**
 * S3 objects: presigned POST uploads with policy conditions, server-side copy, streaming SHA-256, presigned GET.
 * The POST policy pins the key, the content type, the metadata and the exact size (`content-length-range`
 * with both bounds equal to `size`): S3 refuses any other upload with that form.
 */
export async function presignUpload(opts: {
  bucket: string;
  key: string;
  contentType: string;
  /** The declared size: the only size the policy accepts. */
  size: number;
  expiresSeconds: number;
  metadata: Record<string, string>;
}): Promise<PresignedPost> {
  const metaFields = Object.fromEntries(Object.entries(opts.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));
  return createPresignedPost(s3(), {
    Bucket: opts.bucket,
    Key: opts.key,
    Expires: opts.expiresSeconds,
    Fields: { 'Content-Type': opts.contentType, ...metaFields },
    Conditions: [
      ['content-length-range', opts.size, opts.size],
      ['eq', '$Content-Type', opts.contentType],
      ['eq', '$key', opts.key],
      ...Object.entries(metaFields).map(([k, v]) => ['eq', `$${k}`, v] as ['eq', string, string]),
    ],
  });
}

export interface ObjectDigest {
  size: number;
  sha256: string;
  head: Uint8Array;
}

const isMissing = (e: unknown) => {
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404 || (e as Error).name === 'NotFound' || (e as Error).name === 'NoSuchKey';
};

/** Copies an object inside the bucket (server-side, metadata kept). False when the source does not exist. */
export async function copyObject(bucket: string, from: string, to: string): Promise<boolean> {
  try {
    await s3().send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}` }));
    return true;
  } catch (e) {
    if (isMissing(e)) return false;
    throw e;
  }
}

/** Reads the object once: its size, SHA-256 and first `headBytes` bytes (for magic-number checks). Null if absent. */
export async function digestObject(bucket: string, key: string, headBytes = 4096): Promise<ObjectDigest | null> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLen = 0;
  let size = 0;
  for await (const chunk of res.Body as Readable) {
    const buf = chunk as Buffer;
    hash.update(buf);
    size += buf.length;
    if (headLen < headBytes) {
      head.push(buf.subarray(0, headBytes - headLen));
      headLen += Math.min(buf.length, headBytes - headLen);
    }
  }
  return { size, sha256: hash.digest('hex'), head: new Uint8Array(Buffer.concat(head)) };
}

export async function deleteObject(bucket: string, key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

export async function presignDownload(bucket: string, key: string, fileName: string, contentType: string, expiresSeconds: number): Promise<string> {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentType: contentType,
      ResponseContentDisposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    }),
    { expiresIn: expiresSeconds },
  );
}

/** Whether the key holds an object, with its user metadata (null when absent). */
export async function headObject(bucket: string, key: string): Promise<{ metadata: Record<string, string> } | null> {
  try {
    const res = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { metadata: res.Metadata ?? {} };
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}

/** S3's answers to a conditional write that found the key taken (If-None-Match), or raced another one on it. */
const isTaken = (e: unknown) => {
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 412 || status === 409 || (e as Error).name === 'PreconditionFailed' || (e as Error).name === 'ConditionalRequestConflict';
};

/**
 * Writes an object only if its key is free (write-once): `created: false` with the metadata of what is there
 * otherwise. In AWS the PutObject carries `If-None-Match: *`, so S3 itself refuses to replace an object (and the
 * agreements bucket's Object Lock keeps every version anyway); s3rver ignores that header, so the existence
 * check before it is what enforces the rule locally (racy by a few milliseconds there; see docs/agreements.md).
 * Content-MD5 is sent because S3 requires an integrity header on uploads to a bucket with Object Lock.
 */
export async function putObjectOnce(opts: {
  bucket: string;
  key: string;
  body: Uint8Array;
  contentType: string;
  metadata?: Record<string, string>;
}): Promise<{ created: true } | { created: false; metadata: Record<string, string> }> {
  const existing = await headObject(opts.bucket, opts.key);
  if (existing) return { created: false, metadata: existing.metadata };
  try {
    await s3().send(
      new PutObjectCommand({
        Bucket: opts.bucket,
        Key: opts.key,
        Body: opts.body,
        ContentType: opts.contentType,
        ContentMD5: createHash('md5').update(opts.body).digest('base64'),
        IfNoneMatch: '*',
        Metadata: opts.metadata,
      }),
    );
    return { created: true };
  } catch (e) {
    if (!isTaken(e)) throw e;
    return { created: false, metadata: (await headObject(opts.bucket, opts.key))?.metadata ?? {} };
  }
}

/** The whole object (for files of a few MB at most: signed copies, agreements). Null when absent. */
export async function getObjectBytes(bucket: string, key: string): Promise<Uint8Array | null> {
  try {
    const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await res.Body!.transformToByteArray();
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}

/** The "folders" right under `prefix` (CommonPrefixes with delimiter `/`), every page. */
export async function listFolders(bucket: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const res = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
    for (const p of res.CommonPrefixes ?? []) if (p.Prefix) out.push(p.Prefix);
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
  } while (token);
  return out;
}
