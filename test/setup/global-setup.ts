import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulators } from '../../infra/local/emulators';
import { ensureTables } from '../../infra/local/bootstrap';

/**
 * Starts the emulators once per `jest` run: DynamoDB Local in memory, s3rver in a temp folder and the SES
 * sink, all on free loopback ports (so tests run while `npm start` is up). Workers read the endpoints from
 * the environment, set here before they are spawned.
 */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-test-'));
  const emulators = await startEmulators({ dataDir, inMemory: true, log: (s) => process.stderr.write(`${s}\n`) });
  (globalThis as { __VIGIE_EMULATORS__?: unknown }).__VIGIE_EMULATORS__ = emulators;
  const env: Record<string, string> = {
    ...emulators.env,
    DEV_TOKEN_SECRET: 'test-secret-'.padEnd(40, 'x'),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    VIGIE_TEST_DATA_DIR: dataDir,
  };
  Object.assign(process.env, env);
  await ensureTables(emulators.dynamodb, { table: env.TABLE_NAME!, idempotency: env.IDEMPOTENCY_TABLE_NAME! });
}
