/**
 * `npm run seed:volume -- --declarations 20000`: adds a volume of synthetic data to the running `npm start` stack —
 * N declarations in N / 20 projects of 20 partners, with flags, hash-chained audit events and control events (the
 * generator of bench/exports.bench.ts, bench/lib/export-seed.ts) — to try large exports and watch their progress.
 * Written straight into DynamoDB (BatchWriteItem): the data is synthetic and does not go through the API. Running
 * it again with the same N rewrites the same items; a larger N adds to a smaller one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

async function main() {
  const at = process.argv.indexOf('--declarations');
  const n = at >= 0 ? Number(process.argv[at + 1]) : 20_000;
  if (!Number.isInteger(n) || n < 20 || n % 20 !== 0) throw new Error('--declarations: a multiple of 20 (e.g. 20000)');
  const file = join(resolve(process.env.VIGIE_DATA_DIR ?? '.data'), 'local-stack.json');
  if (!existsSync(file)) throw new Error('No running stack found: start it first with `npm start`.');
  Object.assign(process.env, (JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string> }).env);
  const { ddb } = await import('../shared/store/clients');
  const { config } = await import('../shared/store/config');
  const { seedProjects, orgPoolSize, PARTNERS_PER_PROJECT } = await import('../bench/lib/export-seed');
  const started = Date.now();
  const projects = n / PARTNERS_PER_PROJECT;
  const counts = await seedProjects(ddb(), config.tableName, {
    fromProject: 0,
    toProject: projects,
    orgPool: orgPoolSize(n),
    orgsFrom: 0,
    concurrency: 8,
    onChunk: (done) => process.stdout.write(`\r${done}/${projects} projects`),
  });
  console.log(`\n${counts.items} items (${n} declarations in ${projects} projects) written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e: Error) => {
  console.error(`[vigie] ${e.message}`);
  process.exit(1);
});
