/**
 * The agreements Lambda artifact as `cdk synth` builds it (AGREEMENTS_BUNDLING: the esbuild flags of every
 * function, then the fonts copied next to the handler) renders a PDF outside the repository — no node_modules
 * — reading its fonts from VIGIE_FONT_DIR, as in Lambda.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/aws/esbuild-options';
import { findRepoRoot } from '../../infra/aws/group-entry';
import { AGREEMENT_FONT_FILES, AGREEMENT_FONT_SUBDIR, AGREEMENTS_BUNDLING, LAMBDA_RUNTIME } from '../../infra/aws/vigie-function';

const repoRoot = findRepoRoot();
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'vigie-agreements-bundle-'));
  const options = esbuildOptions(AGREEMENTS_BUNDLING, {
    entry: join(repoRoot, 'test', 'fixtures', 'render-entry.ts'),
    runtime: LAMBDA_RUNTIME,
    projectRoot: repoRoot,
    outdir: out,
  });
  await build({ ...options, logLevel: 'error' });
  execFileSync('bash', ['-c', AGREEMENTS_BUNDLING.commandHooks!.afterBundling(repoRoot, out).join(' && ')]);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const renderIn = (fontDir: string) =>
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(join(out, 'index.mjs'))}); const b = await m.render(); process.stdout.write(Buffer.from(b).subarray(0, 8).toString('latin1') + ' ' + b.length);`,
    ],
    { cwd: tmpdir(), env: { ...process.env, VIGIE_FONT_DIR: fontDir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );

test('the asset holds the bundle and the two fonts, nothing else', () => {
  expect(readdirSync(out).sort()).toEqual([AGREEMENT_FONT_SUBDIR, 'index.mjs', 'index.mjs.map']);
  expect(readdirSync(join(out, AGREEMENT_FONT_SUBDIR)).sort()).toEqual([...AGREEMENT_FONT_FILES].sort());
});

test('the bundled renderer reads its fonts from VIGIE_FONT_DIR and renders a PDF', () => {
  expect(renderIn(join(out, AGREEMENT_FONT_SUBDIR))).toMatch(/^%PDF-1\.\d \d+$/);
});

test('without the fonts where VIGIE_FONT_DIR points, it fails (the variable is what the bundle relies on)', () => {
  expect(() => renderIn(join(out, 'no-such-dir'))).toThrow(/ENOENT/);
});
