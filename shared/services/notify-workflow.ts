import type { WorkflowEffect } from '../domain/workflow';
import { mailedOrgIds, workflowEffectEmails } from '../domain/mail/workflow-mails';
import { getOrganizations } from '../store/organizations';
import { sendEmail } from '../store/mail';
import { config } from '../store/config';
import { logger } from './logger';

/**
 * Emails that a transition's effects call for (approvals re-opened, changes requested, agreement ready,
 * withdrawn or signed by all), to the partners'
 * legal representatives in their language. Sent after the transaction committed; a failure is logged and
 * does not undo the decision (the reminder job will chase the step anyway).
 */
export async function notifyEffects(project: { id: string; acronym: string; title: string }, effects: readonly WorkflowEffect[]): Promise<void> {
  const orgIds = mailedOrgIds(effects);
  if (!orgIds.length) return;
  const orgs = await getOrganizations(orgIds);
  const emails = workflowEffectEmails(project, effects, orgs, config.webOrigin);
  await Promise.all(
    emails.map((m) =>
      sendEmail(m).catch((error: unknown) => logger.error('Workflow email failed', { error: error as Error, to: m.to, projectId: project.id })),
    ),
  );
}
