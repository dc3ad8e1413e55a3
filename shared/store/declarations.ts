import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ddb, s3 } from './clients';
import { config } from './config';
import { DECLARATION_HEAD_PREFIX, declarationHeadKey, declarationVersionKey, declarationVersionPrefix, projectChain, stripKeys } from './keys';
import { writeWithAudit, type AuditInput, type TxWrite } from './tx';
import { canonicalJson, sha256Hex, type Actor } from '../domain/audit';
import { ConflictError, PreconditionFailedError } from '../domain/errors';

/**
 * Declaration versions. Content up to INLINE_LIMIT bytes of JSON is stored in the item; larger content is
 * gzipped into the item if that fits, else written to S3 (documents bucket, `declarations/` prefix) with its
 * SHA-256 in the item — the 400 KB DynamoDB item limit is never reached. See docs/declarations.md.
 */
export const INLINE_LIMIT = 300 * 1024;

export interface DeclarationSubmission {
  version: number;
  contentHash: string;
  at: string;
  by: Actor;
}

export interface DeclarationHead {
  projectId: string;
  organizationId: string;
  /** Latest saved version number (the ETag of the declaration). */
  currentVersion: number;
  currentHash: string;
  status: 'draft' | 'submitted';
  submissions: DeclarationSubmission[];
  updatedAt: string;
}

export interface DeclarationVersionMeta {
  projectId: string;
  organizationId: string;
  version: number;
  contentHash: string;
  sizeBytes: number;
  storage: 'inline' | 'gzip' | 's3';
  savedAt: string;
  savedBy: Actor;
}

export interface DeclarationVersion<C = unknown> extends DeclarationVersionMeta {
  content: C;
}

export const contentHashOf = (content: unknown) => sha256Hex(canonicalJson(content));

export async function getDeclarationHead(projectId: string, orgId: string): Promise<DeclarationHead | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: declarationHeadKey(projectId, orgId), ConsistentRead: true }));
  return Item ? stripKeys<DeclarationHead>(Item) : null;
}

/** All declaration heads of a project (one Query). */
export async function listDeclarationHeads(projectId: string): Promise<DeclarationHead[]> {
  const { items } = await queryAll<DeclarationHead>({
    TableName: config.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
    ExpressionAttributeValues: { ':pk': `PROJ#${projectId}`, ':d': DECLARATION_HEAD_PREFIX },
  });
  return items;
}

async function readBody(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const s3KeyOf = (projectId: string, orgId: string, n: number) => `declarations/${projectId}/${orgId}/v${String(n).padStart(6, '0')}.json.gz`;

export async function getDeclarationVersion<C>(projectId: string, orgId: string, n: number): Promise<DeclarationVersion<C> | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: declarationVersionKey(projectId, orgId, n) }));
  if (!Item) return null;
  const { content, contentGz, s3Key, ...meta } = stripKeys<DeclarationVersionMeta & { content?: string; contentGz?: Uint8Array; s3Key?: string }>(Item);
  let json: string;
  if (meta.storage === 'inline') json = content!;
  else if (meta.storage === 'gzip') json = gunzipSync(Buffer.from(contentGz!)).toString('utf8');
  else {
    const res = await s3().send(new GetObjectCommand({ Bucket: config.documentsBucket, Key: s3Key! }));
    json = gunzipSync(await readBody(res.Body as Readable)).toString('utf8');
    if (sha256Hex(canonicalJson(JSON.parse(json))) !== meta.contentHash) throw new Error(`Declaration content in S3 does not match its hash (${s3Key})`);
  }
  return { ...meta, content: JSON.parse(json) as C };
}

const META_FIELDS = ['projectId', 'organizationId', 'version', 'contentHash', 'sizeBytes', 'storage', 'savedAt', 'savedBy'] as const;

/** Version metadata (no content), oldest first. */
export async function listDeclarationVersions(projectId: string, orgId: string): Promise<DeclarationVersionMeta[]> {
  const { items } = await queryAll<DeclarationVersionMeta>({
    TableName: config.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
    ExpressionAttributeValues: { ':pk': `PROJ#${projectId}`, ':v': declarationVersionPrefix(orgId) },
    // Attribute names go through placeholders: several (e.g. `storage`) are DynamoDB reserved words.
    ProjectionExpression: META_FIELDS.map((_, i) => `#m${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(META_FIELDS.map((f, i) => [`#m${i}`, f])),
  });
  return items;
}

/**
 * Saves content as version n+1 (n = expectedVersion, 0 for the first save). The version item, the head and
 * the audit event are written in one transaction, under a condition on the head's version (412 if stale).
 * Large content goes to S3 first; an orphan object from a failed transaction is harmless (never referenced).
 */
export async function saveDeclarationVersion(
  projectId: string,
  orgId: string,
  content: unknown,
  expectedVersion: number,
  actor: Actor,
  now = new Date(),
  /** What the caller already has: the head it read (saves a round-trip) and the content hash (saves hashing twice). */
  known: { head?: DeclarationHead | null; contentHash?: string } = {},
): Promise<{ head: DeclarationHead; version: DeclarationVersionMeta }> {
  const json = JSON.stringify(content);
  const contentHash = known.contentHash ?? contentHashOf(content);
  const n = expectedVersion + 1;
  const at = now.toISOString();
  const sizeBytes = Buffer.byteLength(json, 'utf8');
  let storage: DeclarationVersionMeta['storage'] = 'inline';
  const payload: Record<string, unknown> = {};
  if (sizeBytes <= INLINE_LIMIT) payload.content = json;
  else {
    // Level 1: several times faster than the default on a save's hot path, for a slightly larger item.
    const gz = gzipSync(json, { level: 1 });
    if (gz.length <= INLINE_LIMIT) {
      storage = 'gzip';
      payload.contentGz = gz;
    } else {
      storage = 's3';
      const key = s3KeyOf(projectId, orgId, n);
      await s3().send(new PutObjectCommand({ Bucket: config.documentsBucket, Key: key, Body: gz, ContentType: 'application/json', ContentEncoding: 'gzip' }));
      payload.s3Key = key;
    }
  }
  const meta: DeclarationVersionMeta = { projectId, organizationId: orgId, version: n, contentHash, sizeBytes, storage, savedAt: at, savedBy: actor };
  const previous = expectedVersion === 0 ? null : known.head !== undefined ? known.head : await getDeclarationHead(projectId, orgId);
  if (expectedVersion > 0 && previous?.currentVersion !== expectedVersion) throw stale(expectedVersion)();
  const head: DeclarationHead = {
    projectId,
    organizationId: orgId,
    currentVersion: n,
    currentHash: contentHash,
    status: 'draft',
    submissions: previous?.submissions ?? [],
    updatedAt: at,
  };
  await writeWithAudit(
    [
      { item: { Put: { TableName: config.tableName, Item: { ...declarationVersionKey(projectId, orgId, n), entity: 'declaration-version', ...meta, ...payload }, ConditionExpression: 'attribute_not_exists(pk)' } }, onConditionFailed: stale(expectedVersion) },
      {
        item: {
          Put: {
            TableName: config.tableName,
            Item: { ...declarationHeadKey(projectId, orgId), entity: 'declaration-head', ...head },
            ...(expectedVersion === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : // updatedAt too: a submission in between keeps the version but must not be lost.
                { ConditionExpression: 'currentVersion = :v AND updatedAt = :u', ExpressionAttributeValues: { ':v': expectedVersion, ':u': previous!.updatedAt } }),
          },
        },
        onConditionFailed: stale(expectedVersion),
      },
    ],
    [{ chain: projectChain(projectId), actor, action: 'declaration.saved', target: { type: 'declaration', id: `${projectId}/${orgId}` }, after: { version: n, contentHash, sizeBytes } }],
    () => now,
  );
  return { head, version: meta };
}

const stale = (expected: number) => () =>
  expected === 0
    ? new PreconditionFailedError('A declaration already exists: send If-Match with its current version.')
    : new PreconditionFailedError(`The declaration is no longer at version ${expected}; reload it and retry.`);

/** The writes of a submission (the head records it; the version item itself never changes), to compose with a workflow transition. */
export function submissionChange(head: DeclarationHead, actor: Actor, now = new Date()): { next: DeclarationHead; write: TxWrite; audit: AuditInput } {
  if (head.status === 'submitted') throw new ConflictError(`Version ${head.currentVersion} is already submitted.`);
  const at = now.toISOString();
  const submission: DeclarationSubmission = { version: head.currentVersion, contentHash: head.currentHash, at, by: actor };
  const next: DeclarationHead = { ...head, status: 'submitted', submissions: [...head.submissions, submission], updatedAt: at };
  return {
    next,
    write: {
      item: {
        Put: {
          TableName: config.tableName,
          Item: { ...declarationHeadKey(head.projectId, head.organizationId), entity: 'declaration-head', ...next },
          ConditionExpression: 'currentVersion = :v AND #s = :draft',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':v': head.currentVersion, ':draft': 'draft' },
        },
      },
      onConditionFailed: () => new ConflictError('The declaration changed while it was being submitted; reload it.'),
    },
    audit: { chain: projectChain(head.projectId), actor, action: 'declaration.submitted', target: { type: 'declaration', id: `${head.projectId}/${head.organizationId}` }, after: { version: head.currentVersion, contentHash: head.currentHash } },
  };
}

/** Marks the current version as submitted, when no workflow runs yet. */
export async function submitDeclaration(head: DeclarationHead, actor: Actor, now = new Date()): Promise<DeclarationHead> {
  const { next, write, audit } = submissionChange(head, actor, now);
  await writeWithAudit([write], [audit], () => now);
  return next;
}
