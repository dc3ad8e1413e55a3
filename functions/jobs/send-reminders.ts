import type { Context } from 'aws-lambda';
import { logger } from '../../shared/services/logger';
import { parisDate } from '../../shared/domain/calendar';
import { digestEmail, planDigests, reminderHorizon, type Directory } from '../../shared/domain/reminders';
import { config } from '../../shared/store/config';
import { claimDigest, settleDigest } from '../../shared/store/digests';
import { sendEmail } from '../../shared/store/mail';
import { getOrganizations } from '../../shared/store/organizations';
import { listStaff } from '../../shared/store/staff';
import { dueSteps, isPublicationTask, type TaskIndexItem } from '../../shared/store/workflow';
import { getPublication } from '../../shared/store/publications';
import { getProjectHeader } from '../../shared/store/projects';
import { settleNotice } from '../../shared/services/publications';
import type { Email } from '../../shared/domain/mail/render';

/** Parallel sends; SES's default sending rate is 14/s in a new account, the SDK backs off when throttled. */
const SEND_CONCURRENCY = 8;

export interface ReminderRun {
  date: string;
  dueSteps: number;
  /** Publication notices whose clock ran out (silence = consent), settled before the digests. */
  publicationsSettled: number;
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
  const due = await dueSteps(reminderHorizon(today));
  const { consumedRcu } = due;
  // Answers awaited on publication notices whose deadline passed: the clock settles them (silence = consent) and
  // they leave the index; they are not reminded.
  const expired = due.items.filter((t) => isPublicationTask(t) && t.dueDate < today);
  const publicationsSettled = await settleExpiredNotices(expired, now);
  const items = due.items.filter((t) => !expired.includes(t)).map((t) => (isPublicationTask(t) ? { ...t, publicationId: t.publicationId } : t));
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
    publicationsSettled,
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

/** Settles each notice named by an expired task once (a GET may have done it already: then nothing changes). */
async function settleExpiredNotices(tasks: readonly TaskIndexItem[], now: Date): Promise<number> {
  const notices = new Map<string, { projectId: string; publicationId: string }>();
  for (const t of tasks) if (isPublicationTask(t)) notices.set(`${t.projectId}/${t.publicationId}`, { projectId: t.projectId, publicationId: t.publicationId });
  let settled = 0;
  for (const { projectId, publicationId } of notices.values()) {
    try {
      const [header, notice] = await Promise.all([getProjectHeader(projectId), getPublication(projectId, publicationId)]);
      if (!header || !notice) continue;
      const after = await settleNotice(header.project, notice, now);
      if (after.version !== notice.version) settled++;
    } catch (e) {
      logger.error('Publication notice not settled; the next run or a read will', { projectId, publicationId, error: e as Error });
    }
  }
  return settled;
}

export const handler = async (_event: unknown, context?: Context): Promise<ReminderRun> => runReminders({ requestId: context?.awsRequestId });
