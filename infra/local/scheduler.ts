import type { JobDef } from '../../shared/api/routes';

/**
 * Runs the daily jobs of shared/api/routes.ts inside `npm start`, at the same wall-clock time as EventBridge
 * Scheduler would (daily `cron(M H * * ? *)` in the job's time zone).
 */
export function parseDailyCron(expression: string): { hour: number; minute: number } {
  const m = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(expression);
  if (!m) throw new Error(`The local scheduler only runs daily cron(M H * * ? *) expressions, not ${expression}`);
  return { minute: Number(m[1]), hour: Number(m[2]) };
}

/** Milliseconds from `now` to the next H:M wall-clock time in `timeZone`. */
export function msUntilNext(now: Date, hour: number, minute: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const secondsNow = Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
  let delta = hour * 3600 + minute * 60 - secondsNow;
  if (delta <= 0) delta += 24 * 3600;
  // Around a DST change the wall clock jumps by an hour; the job then runs an hour off once, as a real scheduler would not — acceptable locally.
  return delta * 1000 - now.getMilliseconds();
}

export function scheduleJobs(jobs: readonly JobDef[], run: (job: JobDef) => Promise<void>): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    const { hour, minute } = parseDailyCron(job.schedule.expression);
    const arm = () => {
      const t = setTimeout(
        () => {
          void run(job)
            .catch((e) => console.error(`[vigie] job ${job.name} failed:`, e))
            .finally(arm);
        },
        msUntilNext(new Date(), hour, minute, job.schedule.timezone),
      );
      t.unref();
      timers.push(t);
    };
    arm();
  }
  return () => timers.forEach(clearTimeout);
}
