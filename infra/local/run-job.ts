/**
 * `npm run reminders` (= run-job reminders): runs a scheduled job once, now, against the running `npm start`
 * stack (its endpoints are in .data/local-stack.json). `--now=2026-12-03T08:00:00+01:00` simulates another day.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = resolve(process.env.VIGIE_DATA_DIR ?? '.data');
const name = process.argv[2];
const nowArg = process.argv.find((a) => a.startsWith('--now='))?.slice('--now='.length);

async function main() {
  const file = join(dataDir, 'local-stack.json');
  if (!existsSync(file)) throw new Error('No running stack found: start it first with `npm start` (it writes .data/local-stack.json).');
  const stack = JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string>; pid: number };
  try {
    process.kill(stack.pid, 0);
  } catch {
    throw new Error('The stack recorded in .data/local-stack.json is not running: start it with `npm start`.');
  }
  Object.assign(process.env, stack.env);
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const { jobs } = await import('../../shared/api/routes');
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`Unknown job "${name}". Jobs: ${jobs.map((j) => j.name).join(', ')}`);
  const now = nowArg ? new Date(nowArg) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO date-time, got ${nowArg}`);
  if (job.name === 'reminders') {
    const { runReminders } = await import('../../functions/jobs/send-reminders');
    console.log(JSON.stringify(await runReminders({ now }), null, 2));
  } else {
    const mod = (await import(`../../functions/${job.handler}`)) as { handler: (e: unknown) => Promise<unknown> };
    console.log(JSON.stringify(await mod.handler({ time: now.toISOString() }), null, 2));
  }
}

main().catch((e) => {
  console.error(`[vigie] ${(e as Error).message}`);
  process.exit(1);
});
