/**
 * The local stack of the benches: DynamoDB Local in memory, s3rver and the SES emulator in a temp folder, optionally
 * the local API server (infra/local/server.ts, the same handlers as Lambda), all on 127.0.0.1 free ports.
 * Everything started here is stopped (and the temp folder removed) by bench.cleanup().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TranslateConfig } from '@aws-sdk/lib-dynamodb';
import { startEmulators, type Emulators } from '../../infra/local/emulators';
import { ensureTables } from '../../infra/local/bootstrap';
import type { Bench } from './bench';

export const WEB_ORIGIN = 'http://127.0.0.1:3000';

export interface Stack {
  emulators: Emulators;
  /** With `devToken`: the secret of the dev tokens (also in DEV_TOKEN_SECRET), for startApi and signDevToken. */
  devSecret?: string;
}

/**
 * Starts the emulators in a temp folder `<tmpdir>/<tmpPrefix>XXXXXX`, sets the environment the product reads
 * (endpoints, table names, WEB_ORIGIN, silent logs, plus `env`) and creates the tables.
 * Call it before importing any product module: the SDK clients read their endpoints from the environment.
 */
export async function startStack(bench: Bench, o: { tmpPrefix: string; devToken?: boolean; env?: Record<string, string> }): Promise<Stack> {
  const tmp = mkdtempSync(join(tmpdir(), o.tmpPrefix));
  bench.onCleanup(() => rmSync(tmp, { recursive: true, force: true }));
  bench.log('starting the emulators (DynamoDB Local in memory)…');
  const emulators = await startEmulators({ dataDir: tmp, inMemory: true, log: (s) => bench.log(s) });
  bench.onCleanup(() => emulators.stop());
  const devSecret = o.devToken ? randomUUID() + randomUUID() : undefined;
  Object.assign(process.env, emulators.env, devSecret ? { DEV_TOKEN_SECRET: devSecret } : {}, {
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    WEB_ORIGIN,
    ...o.env,
  });
  await ensureTables(emulators.dynamodb, { table: process.env.TABLE_NAME!, idempotency: process.env.IDEMPOTENCY_TABLE_NAME! });
  return { emulators, devSecret };
}

/**
 * A DynamoDB client of the bench's own, configured like shared/store/clients.ts (maxAttempts 4) but a separate
 * instance, so that what it sends is not seen by instrumentation of the product's client.
 */
export async function rawDynamo(
  bench: Bench,
  marshallOptions?: TranslateConfig['marshallOptions'],
): Promise<{ low: DynamoDBClient; doc: DynamoDBDocumentClient }> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const low = new DynamoDBClient({ maxAttempts: 4 });
  bench.onCleanup(() => low.destroy());
  return { low, doc: DynamoDBDocumentClient.from(low, marshallOptions && { marshallOptions }) };
}

/** The SES emulator's store of sent mails. */
export function sesMailbox(stack: Stack) {
  const base = stack.emulators.ses;
  return {
    count: async () => ((await (await fetch(`${base}/store`)).json()) as { emails: unknown[] }).emails.length,
    clear: async () => void (await fetch(`${base}/clear-store`, { method: 'POST' })),
  };
}

export interface HttpResponse {
  status: number;
  body: string;
}

export interface Api {
  base: URL;
  devSecret: string;
  /** One request over a keep-alive agent with a single socket (requests are meant to be sequential). */
  call(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpResponse>;
  /** A request timed client-side (`ms`), with the server's own time for it (`serverMs`, request in → response finished; NaN if it did not report). */
  timed(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpResponse & { ms: number; serverMs: number }>;
}

/** Starts the local API server on a free 127.0.0.1 port. Needs startStack({ devToken: true }) and the product's environment set. */
export async function startApi(bench: Bench, stack: Stack): Promise<Api> {
  const devSecret = stack.devSecret;
  if (!devSecret) throw new Error('startApi needs startStack({ devToken: true })');
  // Imported only now: the handlers' SDK clients read their endpoints from the environment startStack set.
  const { createApiServer } = await import('../../infra/local/server');
  let serverMs = NaN;
  // Unthrottled unless VIGIE_RATE_LIMIT says otherwise: the benches measure the handlers, not the local throttling.
  const server = createApiServer({
    devTokenSecret: devSecret,
    webOrigin: WEB_ORIGIN,
    onRequest: ({ ms }) => (serverMs = ms),
    rateLimit: process.env.VIGIE_RATE_LIMIT === undefined ? null : undefined,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  bench.onCleanup(async () => {
    server.closeAllConnections?.();
    await new Promise<void>((r) => server.close(() => r()));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  bench.onCleanup(() => agent.destroy());
  const base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  bench.log(`API on ${base.origin}, DynamoDB Local on ${stack.emulators.dynamodb}`);

  const call = (method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: base.hostname,
          port: base.port,
          method,
          path,
          agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.end(body);
    });

  const timed = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    serverMs = NaN;
    const t0 = performance.now();
    const r = await call(method, path, headers, body);
    const ms = performance.now() - t0;
    // The server reports a request when its response has finished, which may come a tick after the client has it.
    for (let i = 0; i < 10 && Number.isNaN(serverMs); i++) await new Promise((res) => setImmediate(res));
    return { ...r, ms, serverMs };
  };

  return { base, devSecret, call, timed };
}
