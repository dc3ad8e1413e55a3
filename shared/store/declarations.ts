import { msg } from '../domain/i18n/catalog';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { queryAll, queryPage, type Page, type PageRequest } from './query';
import { batchGetAll } from './batch-get';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ddb, s3 } from './clients';
import { config } from './config';
import { declarationDatedGsi, declarationHeadKey, declarationVersionKey, projectChain, queries, stripKeys } from './keys';
import { writeWithAudit, type AuditInput, type TxWrite } from './tx';
import { canonicalJson, sha256Hex, type Actor } from '../domain/audit';
import type { declarationHeadSchema, declarationSubmissionSchema, declarationVersionMetaSchema } from '../domain/declaration-record-schema';
import { ConflictError } from '../domain/errors';
import { alreadyExists, assertVersion, lockedPut, staleVersion } from './locking';

/**
 * Declaration versions. Content up to INLINE_LIMIT bytes of JSON is stored in the item; larger content is
 * gzipped into the item if that fits, else written to S3 (documents bucket, `declarations/` prefix) with its
 * SHA-256 in the item — the 400 KB DynamoDB item limit is never reached. See docs/declarations.md.
 */
export const INLINE_LIMIT = 300 * 1024;

/** The stored shapes are the response schemas' (shared/domain/declaration-record-schema.ts): one definition. */
export type DeclarationSubmission = z.output<typeof declarationSubmissionSchema>;
/** A partner's declaration: where it stands. `currentVersion` is the latest saved version (the ETag). */
export type DeclarationHead = z.output<typeof declarationHeadSchema>;
export type DeclarationVersionMeta = z.output<typeof declarationVersionMetaSchema>;

export interface DeclarationVersion<C = unknown> extends DeclarationVersionMeta {
  content: C;
}

export const contentHashOf = (content: unknown) => sha256Hex(canonicalJson(content));

export async function getDeclarationHead(projectId: string, orgId: string): Promise<DeclarationHead | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: declarationHeadKey(projectId, orgId), ConsistentRead: true }));
  return Item ? stripKeys<DeclarationHead>(Item) : null;
}

/** One head per partner: a consortium has tens of partners. */
const MAX_HEADS = 1000;

/** All declaration heads of a project (one Query). */
export async function listDeclarationHeads(projectId: string): Promise<DeclarationHead[]> {
  const { items } = await queryAll<DeclarationHead>(queries.declarationHeads(projectId), { max: MAX_HEADS });
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
  return Item ? declarationVersionOf<C>(Item) : null;
}

/** A stored version item (read by key or from an index) with its content, wherever the content is kept. */
export async function declarationVersionOf<C>(Item: Record<string, unknown>): Promise<DeclarationVersion<C>> {
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

/** Every save is a version: thousands over a project's life at most (metadata only, a few hundred bytes each). */
const MAX_VERSIONS = 20_000;

/** Version metadata (no content), oldest first. */
export async function listDeclarationVersions(projectId: string, orgId: string): Promise<DeclarationVersionMeta[]> {
  const { items } = await queryAll<DeclarationVersionMeta>(queries.declarationVersions(projectId, orgId), { max: MAX_VERSIONS, attributes: META_FIELDS });
  return items;
}

/** A page of version metadata (no content), oldest first: one Query of `limit` items. */
export async function declarationVersionsPage(projectId: string, orgId: string, page: PageRequest): Promise<Page<DeclarationVersionMeta>> {
  return queryPage<DeclarationVersionMeta>(queries.declarationVersions(projectId, orgId), page, { attributes: META_FIELDS });
}

/** The metadata of some versions (one BatchGet), in the order of `versions`. */
export async function getDeclarationVersionMetas(projectId: string, orgId: string, versions: readonly number[]): Promise<DeclarationVersionMeta[]> {
  const items = (
    await batchGetAll(
      versions.map((n) => declarationVersionKey(projectId, orgId, n)),
      { attributes: META_FIELDS },
    )
  ).map((i) => stripKeys<DeclarationVersionMeta>(i));
  const byVersion = new Map(items.map((v) => [v.version, v]));
  return versions.flatMap((n) => byVersion.get(n) ?? []);
}

/** Some partners' declaration heads (one BatchGet). */
export async function getDeclarationHeads(projectId: string, orgIds: readonly string[]): Promise<DeclarationHead[]> {
  return (await batchGetAll(orgIds.map((id) => declarationHeadKey(projectId, id)))).map((i) => stripKeys<DeclarationHead>(i));
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
  /** Conditions of the same change (e.g. the IP file is not locked). */
  conditions: TxWrite[] = [],
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
  if (expectedVersion > 0) assertVersion('declaration', previous?.currentVersion, expectedVersion);
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
      // The head first: when both conditions fail, its failure (which knows the current version) is reported.
      lockedPut(
        { ...declarationHeadKey(projectId, orgId), entity: 'declaration-head', ...head },
        expectedVersion === 0
          ? { entity: 'declaration', expect: 'absent', exists: (current) => headExists(current) }
          : // updatedAt too: a submission in between keeps the version but must not be lost (412: reload, retry).
            {
              entity: 'declaration',
              expect: expectedVersion,
              versionAttribute: 'currentVersion',
              and: { expression: 'updatedAt = :u', values: { ':u': previous!.updatedAt } },
            },
      ),
      lockedPut(
        { ...declarationVersionKey(projectId, orgId, n), ...declarationDatedGsi(projectId, orgId, at, n), entity: 'declaration-version', ...meta, ...payload },
        // Version n+1 exists: someone saved first. Its number is a lower bound of the head's current version.
        {
          entity: 'declaration',
          expect: 'absent',
          exists: (current) => (expectedVersion === 0 ? headExists(null) : staleVersion('declaration', current.version as number, expectedVersion)),
        },
      ),
      ...conditions,
    ],
    [
      {
        chain: projectChain(projectId),
        actor,
        action: 'declaration.saved',
        target: { type: 'declaration', id: `${projectId}/${orgId}` },
        after: { version: n, contentHash, sizeBytes },
      },
    ],
    () => now,
  );
  return { head, version: meta };
}

/** A first save (no If-Match) finds a declaration: 409, with the current ETag when known. */
const headExists = (current: Record<string, unknown> | null) =>
  alreadyExists('declaration', current && { version: current.currentVersion }, msg('declaration.alreadyExists'));

/** The writes of a submission (the head records it; the version item itself never changes), to compose with a workflow transition. */
export function submissionChange(head: DeclarationHead, actor: Actor, now = new Date()): { next: DeclarationHead; write: TxWrite; audit: AuditInput } {
  if (head.status === 'submitted') throw new ConflictError(msg('declaration.alreadySubmitted', { version: head.currentVersion }));
  const at = now.toISOString();
  const submission: DeclarationSubmission = { version: head.currentVersion, contentHash: head.currentHash, at, by: actor };
  const next: DeclarationHead = { ...head, status: 'submitted', submissions: [...head.submissions, submission], updatedAt: at };
  return {
    next,
    // A new version saved meanwhile: 412 (reload); already submitted meanwhile: 409.
    write: lockedPut(
      { ...declarationHeadKey(head.projectId, head.organizationId), entity: 'declaration-head', ...next },
      {
        entity: 'declaration',
        expect: head.currentVersion,
        versionAttribute: 'currentVersion',
        and: {
          expression: '#s = :draft',
          names: { '#s': 'status' },
          values: { ':draft': 'draft' },
          conflict: (now) =>
            now.status === 'submitted' ? new ConflictError(msg('declaration.alreadySubmitted', { version: String(now.currentVersion) })) : null,
        },
      },
    ),
    audit: {
      chain: projectChain(head.projectId),
      actor,
      action: 'declaration.submitted',
      target: { type: 'declaration', id: `${head.projectId}/${head.organizationId}` },
      after: { version: head.currentVersion, contentHash: head.currentHash },
    },
  };
}

/** Marks the current version as submitted, when no workflow runs yet. */
export async function submitDeclaration(head: DeclarationHead, actor: Actor, now = new Date()): Promise<DeclarationHead> {
  const { next, write, audit } = submissionChange(head, actor, now);
  await writeWithAudit([write], [audit], () => now);
  return next;
}
