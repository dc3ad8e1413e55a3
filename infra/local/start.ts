/**
 * `npm start`: the whole product on this machine — DynamoDB Local, s3rver, the SES mail sink, the API
 * served from shared/api/routes.ts with the same handlers as Lambda, and demo data on first start.
 * The web app (web/) is built first when its sources changed (./web-build.ts) and served at `/`.
 * Flags: --no-demo (start empty). Environment: PORT (default 3000), VIGIE_DATA_DIR (default .data).
 */
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { startEmulators } from './emulators';
import { MissingJavaError } from './dynamodb-local';
import { ensureTables } from './bootstrap';

// The AWS SDK warns that its 2027 releases need Node 22: Lambda runs Node 22+, see README (prerequisites).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT ?? 3000);
const host = '127.0.0.1';
const dataDir = resolve(process.env.VIGIE_DATA_DIR ?? '.data');
const log = (s: string) => console.log(`[vigie] ${s}`);

function portIsFree(p: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(p, host, () => srv.close(() => res(true)));
  });
}

function devSecret(): string {
  const file = join(dataDir, 'dev-token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const s = randomBytes(32).toString('base64url');
  writeFileSync(file, s, { mode: 0o600 });
  return s;
}

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a TCP port, got ${process.env.PORT}`);
  if (!(await portIsFree(port))) {
    console.error(`[vigie] Port ${port} on ${host} is already in use — is another \`npm start\` running? Stop it, or run PORT=3001 npm start.`);
    process.exit(1);
  }
  mkdirSync(dataDir, { recursive: true });
  const t0 = performance.now();
  const emulators = await startEmulators({ dataDir, log });
  const apiUrl = `http://${host}:${port}`;
  Object.assign(process.env, emulators.env, { DEV_TOKEN_SECRET: devSecret(), WEB_ORIGIN: process.env.WEB_ORIGIN ?? apiUrl });
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

  let stopping = false;
  // Set once the API listens, so that a stop before that still stops the emulators.
  const running: { server?: Server } = {};
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    running.server?.close();
    await emulators.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  await ensureTables(emulators.dynamodb, { table: process.env.TABLE_NAME!, idempotency: process.env.IDEMPOTENCY_TABLE_NAME! });

  // Imported only now: the SDK clients read their endpoints from the environment set above.
  const { runPendingMigrations } = await import('../../shared/store/migrations');
  for (const m of await runPendingMigrations()) if (!m.skipped) log(`migration ${m.name}: ${m.updated} items updated`);
  const { ensureWebBuild, WEB_DIST } = await import('./web-build');
  const webBuild = await ensureWebBuild({ log });
  if (webBuild.built) log(`web app built in ${(webBuild.ms / 1000).toFixed(1)} s`);
  const { createApiServer } = await import('./server');
  const { loadDemoData } = await import('./demo-data');
  const demo = args.has('--no-demo') ? null : await loadDemoData();

  const server = createApiServer({
    devTokenSecret: process.env.DEV_TOKEN_SECRET!,
    webOrigin: process.env.WEB_ORIGIN!,
    // Presigned document uploads and export downloads go to the S3 emulator: the CSP lets the page reach it.
    web: { distDir: WEB_DIST, connectSrc: [emulators.s3] },
    onRequest: ({ method, path, status, ms }) => {
      if (process.env.VIGIE_ACCESS_LOG !== '0') console.log(`${new Date().toISOString()} ${method} ${path} → ${status} ${ms.toFixed(1)} ms`);
    },
  });
  running.server = server;
  server.on('error', (e) => {
    console.error(`[vigie] API server error: ${e.message}`);
    void stop(1);
  });
  await new Promise<void>((r) => server.listen(port, host, r));

  // `npm run reminders` (another process) finds this stack here; the daily jobs run in this process.
  writeFileSync(
    join(dataDir, 'local-stack.json'),
    JSON.stringify({ pid: process.pid, api: apiUrl, env: { ...emulators.env, WEB_ORIGIN: process.env.WEB_ORIGIN } }, null, 2),
  );
  const { jobs } = await import('../../shared/api/routes');
  const { scheduleJobs } = await import('./scheduler');
  scheduleJobs(jobs, async (job) => {
    const mod = (await import(`../../functions/${job.handler}`)) as { handler: (e: unknown) => Promise<unknown> };
    log(`job ${job.name}: ${JSON.stringify(await mod.handler({ source: 'local-scheduler' }))}`);
  });

  // The exports bucket's 7-day lifecycle rule, done by hand here: at start, then every hour.
  const { deleteExpiredExports } = await import('../../shared/store/export-files');
  const cleanExports = () =>
    deleteExpiredExports()
      .then((n) => n && log(`exports: ${n} expired file(s) deleted`))
      .catch((e: Error) => console.error(`[vigie] exports cleanup failed: ${e.message}`));
  void cleanExports();
  setInterval(() => void cleanExports(), 3600_000).unref();

  const lines = [
    '',
    `Vigie is running (started in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    `  Web app      ${apiUrl}/             (sign in as a demo user of any role)`,
    `  API          ${apiUrl}              (health: ${apiUrl}/health, OpenAPI: ${apiUrl}/openapi.json)`,
    `  Mail viewer  ${emulators.ses}/            (sent mail as JSON: ${emulators.ses}/store)`,
    `  DynamoDB     ${emulators.dynamodb}   S3: ${emulators.s3}   data: ${dataDir}`,
    `  Jobs         reminders daily at 08:00 Europe/Paris; run now: npm run reminders`,
    '',
    'Get a token (roles: legal, committee, lawyer, partner + organizationId):',
    `  curl -s -X POST ${apiUrl}/dev/token -H 'content-type: application/json' -d '{"role":"legal"}'`,
  ];
  if (demo) {
    lines.push('', `Demo data${demo.created ? ' loaded' : ' (already present)'}: project ${demo.projectAcronym} = ${demo.projectId}`);
    for (const o of demo.organizations) lines.push(`  ${o.id}  ${o.legalName} (${o.country}, ${o.category})`);
    const p = demo.organizations[0];
    if (p)
      lines.push(`  partner token: curl -s -X POST ${apiUrl}/dev/token -H 'content-type: application/json' -d '{"role":"partner","organizationId":"${p.id}"}'`);
  }
  lines.push('', 'Ctrl-C stops everything.');
  console.log(lines.join('\n'));
}

main().catch((e) => {
  if (e instanceof MissingJavaError) console.error(`[vigie] ${e.message}`);
  else console.error('[vigie] failed to start:', e);
  process.exit(1);
});
