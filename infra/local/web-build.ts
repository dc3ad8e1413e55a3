import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findRepoRoot } from '../aws/group-entry';

/**
 * Builds the web app (web/ → web/dist) with Vite when its sources changed since the last build, so that
 * `npm start` stays fast: a hash of the sources (web/ without dist, and the lockfile) is kept in
 * web/dist/.source-hash and compared at each start (a few milliseconds).
 */
export const WEB_DIR = join(findRepoRoot(), 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');
const STAMP = '.source-hash';

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === 'dist' || e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

/** SHA-256 over the names and contents of web/'s sources and the lockfile (the versions of React, Vite…). */
export function webSourceHash(webDir = WEB_DIR): string {
  const h = createHash('sha256');
  const lock = join(webDir, '..', 'package-lock.json');
  for (const f of [...files(webDir), ...(existsSync(lock) ? [lock] : [])]) {
    h.update(relative(webDir, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

export interface WebBuildResult {
  built: boolean;
  ms: number;
}

/** Builds web/dist unless it is up to date with the sources. */
export async function ensureWebBuild(opts: { log?: (s: string) => void; force?: boolean } = {}): Promise<WebBuildResult> {
  const t0 = performance.now();
  const hash = webSourceHash();
  const stamp = join(WEB_DIST, STAMP);
  const upToDate = existsSync(join(WEB_DIST, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (upToDate && !opts.force) return { built: false, ms: performance.now() - t0 };
  opts.log?.('web app: sources changed, building web/ (vite build)…');
  const { build } = await import('vite');
  await build({ root: WEB_DIR, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stamp, hash);
  return { built: true, ms: performance.now() - t0 };
}

/** When web/dist was last built (for messages). */
export const webBuiltAt = (): Date | null => (existsSync(join(WEB_DIST, STAMP)) ? statSync(join(WEB_DIST, STAMP)).mtime : null);
