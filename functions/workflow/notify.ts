import type { WorkflowEffect } from '../../shared/domain/workflow';
import { workflowEffectEmails } from '../../shared/domain/mail/workflow-mails';
import { getOrganizations } from '../../shared/store/organizations';
import { sendEmail } from '../../shared/store/mail';
import { config } from '../../shared/store/config';
import { logger } from '../http/logger';

/**
 * Emails that a transition's effects call for (approvals re-opened, changes requested), to the partners'
 * legal representatives in their language. Sent after the transaction committed; a failure is logged and
 * does not undo the decision (the reminder job will chase the step anyway).
 */
export async function notifyEffects(project: { id: string; acronym: string; title: string }, effects: readonly WorkflowEffect[]): Promise<void> {
  const orgIds = effects.flatMap((e) => (e.type === 'approvals-reopened' || e.type === 'changes-requested' ? e.orgIds : []));
  if (!orgIds.length) return;
  const orgs = await getOrganizations(orgIds);
  const emails = workflowEffectEmails(project, effects, orgs, config.webOrigin);
  await Promise.all(
    emails.map((m) => sendEmail(m).catch((error: unknown) => logger.error('Workflow email failed', { error: error as Error, to: m.to, projectId: project.id }))),
  );
}
