import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const emulators = (globalThis as { __VIGIE_EMULATORS__?: { stop(): Promise<void> } }).__VIGIE_EMULATORS__;
  await emulators?.stop();
  if (process.env.VIGIE_TEST_DATA_DIR) rmSync(process.env.VIGIE_TEST_DATA_DIR, { recursive: true, force: true });
}
