/**
 * `npm run migrate`: runs the pending data migrations (shared/store/migrations.ts) against the table named by
 * TABLE_NAME with the usual AWS credentials and region — after a `cdk deploy` that added an index, for example.
 * `npm start` runs them itself at start. `--local` targets the running `npm start` stack instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

async function main() {
  if (process.argv.includes('--local')) {
    const file = join(resolve(process.env.VIGIE_DATA_DIR ?? '.data'), 'local-stack.json');
    if (!existsSync(file)) throw new Error('No running stack found: start it first with `npm start`.');
    Object.assign(process.env, (JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string> }).env);
  } else if (!process.env.TABLE_NAME) {
    throw new Error('Set TABLE_NAME (the TableName output of the stack), or pass --local for the `npm start` stack.');
  }
  const { runPendingMigrations } = await import('../shared/store/migrations');
  for (const m of await runPendingMigrations()) console.log(`${m.name}: ${m.skipped ? 'already done' : `${m.updated} items updated`}`);
}

main().catch((e: Error) => {
  console.error(`[vigie] ${e.message}`);
  process.exit(1);
});
