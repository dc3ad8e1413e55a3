import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { freePort } from './net';
import { CORS_MAX_AGE_SECONDS } from '../../shared/store/config';

/**
 * The local AWS: DynamoDB Local (Java child process), s3rver 3.7.1 and aws-ses-v2-local (in-process).
 * All bind to 127.0.0.1 on free ports, so `npm test` can run while `npm start` is up.
 */
export interface Emulators {
  dynamodb: string;
  s3: string;
  ses: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Folder for persisted data (`.data`); ignored with inMemory. */
  dataDir: string;
  /** Tests run on a throw-away in-memory DynamoDB and a temp S3 folder. */
  inMemory?: boolean;
  log?: (s: string) => void;
}

export const BUCKET_NAMES = { documents: 'vigie-documents', agreements: 'vigie-agreements', exports: 'vigie-exports' } as const;

/**
 * CORS of the documents bucket, as in AWS (infra/aws/vigie-stack.ts): the web UI POSTs the presigned upload
 * form (with progress events, hence a preflight) and may GET the presigned download. Locally the UI's origin is
 * a loopback one on any port (`npm start`, the browser tests' free ports).
 */
export const DOCUMENTS_BUCKET_CORS = `<CORSConfiguration>${['http://127.0.0.1:*', 'http://localhost:*']
  .map(
    (origin) =>
      `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>${CORS_MAX_AGE_SECONDS}</MaxAgeSeconds></CORSRule>`,
  )
  .join('')}</CORSConfiguration>`;

/** Environment the handlers read (shared/store/config.ts, SDK endpoint variables). */
export function awsEnv(endpoints: { dynamodb: string; s3: string; ses: string }): Record<string, string> {
  return {
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    // s3rver stores streamed uploads corrupted when the SDK adds its default CRC checksums.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    TABLE_NAME: 'vigie',
    IDEMPOTENCY_TABLE_NAME: 'vigie-idempotency',
    DOCUMENTS_BUCKET: BUCKET_NAMES.documents,
    AGREEMENTS_BUCKET: BUCKET_NAMES.agreements,
    EXPORTS_BUCKET: BUCKET_NAMES.exports,
  };
}

export async function startEmulators(opts: EmulatorOptions): Promise<Emulators> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const ddb: DynamoDbLocal = await startDynamoDbLocal({ dbPath: join(opts.dataDir, 'dynamodb'), inMemory: opts.inMemory, log: opts.log });
    stops.push(() => ddb.stop());

    // s3rver 3.7.1 (CommonJS, in-process). Node must run with --openssl-legacy-provider (see README).
    const { default: S3rver } = await import('s3rver');
    const s3dir = join(opts.dataDir, 's3');
    mkdirSync(s3dir, { recursive: true });
    const s3port = await freePort();
    const s3rver = new S3rver({
      address: '127.0.0.1',
      port: s3port,
      directory: s3dir,
      silent: true,
      configureBuckets: Object.values(BUCKET_NAMES).map((name) => ({ name, configs: name === BUCKET_NAMES.documents ? [DOCUMENTS_BUCKET_CORS] : [] })),
    });
    await s3rver.run();
    stops.push(() => s3rver.close());

    const sesModule = (await import('aws-ses-v2-local')) as unknown as { default: (c: { host: string; port: number }) => Promise<Server> };
    const sesServer = await sesModule.default({ host: '127.0.0.1', port: 0 });
    stops.push(() => new Promise<void>((r) => sesServer.close(() => r())));
    const sesPort = (sesServer.address() as AddressInfo).port;

    const endpoints = { dynamodb: ddb.endpoint, s3: `http://127.0.0.1:${s3port}`, ses: `http://127.0.0.1:${sesPort}` };
    return { ...endpoints, env: awsEnv(endpoints), stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
