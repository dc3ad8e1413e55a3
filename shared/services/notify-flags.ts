import { newFlagsEmail } from '../domain/mail/flag-mails';
import type { Flag } from '../domain/risk/lifecycle';
import { config } from '../store/config';
import { sendEmail } from '../store/mail';
import { listStaff } from '../store/staff';
import { logger } from './logger';

const SERIOUS = new Set(['high', 'critical']);

/**
 * One email to each active member of the legal staff listing the new (or reopened) high and critical flags,
 * with their explanation and a link. A failure is logged; the flags stay open and visible on the dashboard.
 */
export async function notifyNewSeriousFlags(batches: { project: { id: string; acronym: string; title: string }; flags: Flag[] }[]): Promise<number> {
  const serious = batches.map((b) => ({ ...b, flags: b.flags.filter((f) => SERIOUS.has(f.severity)) })).filter((b) => b.flags.length);
  if (!serious.length) return 0;
  const legal = (await listStaff('legal')).filter((s) => s.active);
  if (!legal.length) logger.warn('New serious flags but no legal staff in the directory to tell', { projects: serious.map((b) => b.project.id) });
  let sent = 0;
  await Promise.all(
    legal.map(async (person) => {
      try {
        await sendEmail(newFlagsEmail(person, serious, config.webOrigin));
        sent++;
      } catch (error) {
        logger.error('Flag email failed', { error: error as Error, to: person.email });
      }
    }),
  );
  return sent;
}
