import type { Context } from 'aws-lambda';
import { logger } from '../../shared/services/logger';
import { parisDate } from '../../shared/domain/calendar';
import { digestEmail, planDigests, reminderHorizon, type Directory } from '../../shared/domain/reminders';
import { config } from '../../shared/store/config';
import { claimDigest, settleDigest } from '../../shared/store/digests';
import { sendEmail } from '../../shared/store/mail';
import { getOrganizations } from '../../shared/store/organizations';
import { listStaff } from '../../shared/store/staff';
import { dueSteps } from '../../shared/store/workflow';
import type { Email } from '../../shared/domain/mail/render';

/** Parallel sends; SES's default sending rate is 14/s in a new account, the SDK backs off when throttled. */
const SEND_CONCURRENCY = 8;

export interface ReminderRun {
  date: string;
  dueSteps: number;
  digests: number;
  sent: number;
  alreadySent: number;
  failed: { email: string; error: string }[];
  consumedReadUnits: number;
}

/**
 * The daily reminder job (EventBridge Scheduler at 08:00 Europe/Paris in AWS; `npm start` runs it on the same
 * schedule and `npm run reminders` runs it now). Time is injected. One person's SES failure does not stop
 * the others: it is logged and retried on the next run.
 */
export async function runReminders(opts: { now?: Date; send?: (m: Email) => Promise<string>; requestId?: string } = {}): Promise<ReminderRun> {
  const now = opts.now ?? new Date();
  const send = opts.send ?? ((m: Email) => sendEmail(m));
  const today = parisDate(now);
  const { items, consumedRcu } = await dueSteps(reminderHorizon(today));
  const orgIds = [...new Set(items.flatMap((s) => (s.assignee.role === 'partner' && s.assignee.orgId ? [s.assignee.orgId] : [])))];
  const [staff, orgs] = await Promise.all([listStaff(), getOrganizations(orgIds)]);
  const dir: Directory = {
    staff: staff.filter((s) => s.active).map((s) => ({ email: s.email, name: s.name, language: s.language, role: s.role })),
    representatives: new Map(
      [...orgs].map(([id, o]) => [id, o.representatives.map((r) => ({ email: r.email.toLowerCase(), name: r.name, language: r.language }))]),
    ),
  };
  const digests = planDigests(items, today, dir);
  const run: ReminderRun = {
    date: today,
    dueSteps: items.length,
    digests: digests.length,
    sent: 0,
    alreadySent: 0,
    failed: [],
    consumedReadUnits: consumedRcu,
  };
  const one = async (d: (typeof digests)[number]) => {
    if (!(await claimDigest(d.person.email, today, d.tasks.length, now))) {
      run.alreadySent++;
      return;
    }
    try {
      const messageId = await send(digestEmail(d, today, config.webOrigin));
      await settleDigest(d.person.email, today, { status: 'sent', messageId });
      run.sent++;
    } catch (e) {
      const error = `${(e as Error).name}: ${(e as Error).message}`;
      run.failed.push({ email: d.person.email, error });
      logger.error('Reminder digest failed; it will be retried on the next run', {
        email: d.person.email,
        date: today,
        error: e as Error,
        requestId: opts.requestId,
      });
      await settleDigest(d.person.email, today, { status: 'failed', error }).catch(() => {});
    }
  };
  // A few digests at a time: 2,000 people fit well within the job's timeout, within SES's sending rate.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(SEND_CONCURRENCY, digests.length) }, async () => {
      while (next < digests.length) await one(digests[next++]!);
    }),
  );
  logger.info('Reminder run', { ...run, failed: run.failed.length });
  return run;
}

export const handler = async (_event: unknown, context?: Context): Promise<ReminderRun> => runReminders({ requestId: context?.awsRequestId });
