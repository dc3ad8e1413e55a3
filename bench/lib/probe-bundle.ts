import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from '../../infra/aws/vigie-function';

/**
 * Bundles a probe (a module a bench runs in child processes) with esbuild into a temp folder, as the Lambda bundles
 * its code: the child then runs under plain node, without the tsx loader's memory. The folder is removed by
 * `onCleanup`. Returns the bundle's path.
 */
export async function bundleProbe(entry: URL, name: string, onCleanup: (fn: () => void) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `vigie-${name}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, 'probe.mjs');
  await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: ESM_REQUIRE_BANNER },
    outfile,
    logLevel: 'error',
  });
  return outfile;
}
