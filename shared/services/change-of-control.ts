import type { Actor } from '../domain/audit';
import type { ControlEvent } from '../domain/control-event';
import { controlReviewIdOf, DEFAULT_CONTROL_REVIEW_DAYS, openReview, withdrawReview, type ControlReview } from '../domain/control-review';
import { ConflictError } from '../domain/errors';
import { controlReviewDecisionEmails, controlReviewEmails, type DecisionRecipient, type Recipient } from '../domain/mail/control-review-mails';
import { config } from '../store/config';
import { getControlReview, saveControlReview } from '../store/control-reviews';
import { projectsOfOrgGsiPk } from '../store/keys';
import { sendEmail } from '../store/mail';
import { getOrganizations } from '../store/organizations';
import { allProjectIdsOf, getProjectHeader } from '../store/projects';
import { listStaff } from '../store/staff';
import { getWorkflow, workflowSummaries } from '../store/workflow';
import { logger } from './logger';

/**
 * Change of control after signature (docs/change-of-control.md): a control event recorded on an organization
 * opens, on every project where it is a partner and whose agreement is signed, a committee review with its window
 * (the project's `controlReviewDays`, default 30 calendar days), a task in `/me/tasks` and the digest, and emails the
 * other partners' representatives and the committee. Called with one line by whoever records a control event;
 * calling it again for the same event opens nothing more (one review per project and event).
 *
 * A failure on one project is logged and does not undo the event (it is recorded already) nor stop the others.
 */
export async function openControlReviews(event: ControlEvent, actor: Actor, now = new Date()): Promise<ControlReview[]> {
  const opened: ControlReview[] = [];
  // The small stage markers first (one BatchGet): only the signed projects' workflows are read.
  const ids = await allProjectIdsOf(projectsOfOrgGsiPk(event.organizationId));
  const stages = await workflowSummaries(ids);
  for (const projectId of ids.filter((id) => stages.get(id)?.status === 'signed')) {
    try {
      const r = await openOn(projectId, event, actor, now);
      if (r) opened.push(r);
    } catch (e) {
      logger.error('Change-of-control review not opened', { projectId, controlEventId: event.id, error: e as Error });
    }
  }
  return opened;
}

/**
 * The control event was withdrawn: every review it opened that the committee has not decided yet closes as
 * `withdrawn` with the reason (its task leaves `/me/tasks` and the digest), audited. Decided reviews stay decided.
 * Same projects as {@link openControlReviews} (the organization's signed projects); a failure on one is logged.
 */
export async function closeControlReviews(event: ControlEvent, reason: string, actor: Actor, now = new Date()): Promise<ControlReview[]> {
  const closed: ControlReview[] = [];
  const ids = await allProjectIdsOf(projectsOfOrgGsiPk(event.organizationId));
  const stages = await workflowSummaries(ids);
  for (const projectId of ids.filter((id) => stages.get(id)?.status === 'signed')) {
    try {
      const review = await getControlReview(projectId, controlReviewIdOf(event.id));
      const next = review && withdrawReview(review, reason, now);
      const header = next && (await getProjectHeader(projectId));
      if (next && header) closed.push(await saveControlReview(header.project, review, next, 'withdrawn', actor));
    } catch (e) {
      logger.error('Change-of-control review not closed', { projectId, controlEventId: event.id, error: e as Error });
    }
  }
  return closed;
}

async function openOn(projectId: string, event: ControlEvent, actor: Actor, now: Date): Promise<ControlReview | null> {
  const workflow = await getWorkflow(projectId);
  if (workflow?.state.status !== 'signed') return null;
  if (await getControlReview(projectId, controlReviewIdOf(event.id))) return null;
  const header = await getProjectHeader(projectId);
  if (!header) return null;
  const review = openReview(event, {
    projectId,
    agreementId: workflow.state.agreement?.agreementId ?? null,
    windowDays: workflow.state.config.controlReviewDays ?? DEFAULT_CONTROL_REVIEW_DAYS,
    now,
  });
  try {
    await saveControlReview(header.project, null, review, 'opened', actor);
  } catch (e) {
    if (e instanceof ConflictError) return null; // opened meanwhile by a concurrent call for the same event
    throw e;
  }
  await notifyOpened(
    header.project,
    review,
    header.members.map((m) => m.organizationId),
  );
  return review;
}

async function notifyOpened(project: { id: string; acronym: string; title: string }, r: ControlReview, memberIds: readonly string[]): Promise<void> {
  const [orgs, committee] = await Promise.all([getOrganizations([...new Set([r.organizationId, ...memberIds])]), listStaff('committee')]);
  const to: Recipient[] = [
    ...memberIds
      .filter((id) => id !== r.organizationId)
      .flatMap((id) =>
        (orgs.get(id)?.representatives ?? []).map((x) => ({ email: x.email.toLowerCase(), name: x.name, language: x.language, committee: false })),
      ),
    ...committee.filter((s) => s.active).map((s) => ({ email: s.email, name: s.name, language: s.language, committee: true })),
  ];
  const partnerName = orgs.get(r.organizationId)?.legalName ?? r.organizationId;
  await Promise.all(
    controlReviewEmails(project, r, partnerName, to, config.webOrigin).map((m) =>
      sendEmail(m).catch((error: unknown) => logger.error('Change-of-control email failed', { error: error as Error, to: m.to, projectId: project.id })),
    ),
  );
}

/**
 * The committee decided a review: the representatives of the partner concerned and of the other partners, and the
 * active legal staff, are emailed the decision (each in their language). Called by the decision route once the
 * decision is recorded; any failure (reading the recipients, sending) is logged and never fails the request.
 */
export async function notifyControlReviewDecided(
  project: { id: string; acronym: string; title: string },
  r: ControlReview,
  memberIds: readonly string[],
): Promise<number> {
  try {
    const [orgs, legal] = await Promise.all([getOrganizations([...new Set([r.organizationId, ...memberIds])]), listStaff('legal')]);
    const reps = (id: string, audience: DecisionRecipient['audience']) =>
      (orgs.get(id)?.representatives ?? []).map((x) => ({ email: x.email.toLowerCase(), name: x.name, language: x.language, audience }));
    const all: DecisionRecipient[] = [
      ...reps(r.organizationId, 'concerned'),
      ...memberIds.filter((id) => id !== r.organizationId).flatMap((id) => reps(id, 'partner')),
      ...legal.filter((s) => s.active).map((s) => ({ email: s.email, name: s.name, language: s.language, audience: 'legal' as const })),
    ];
    // One email per address (a person may represent two partners): the first audience wins, the partner concerned first.
    const to = all.filter((x, i) => all.findIndex((y) => y.email === x.email) === i);
    const partnerName = orgs.get(r.organizationId)?.legalName ?? r.organizationId;
    let sent = 0;
    await Promise.all(
      controlReviewDecisionEmails(project, r, partnerName, to, config.webOrigin).map((m) =>
        sendEmail(m).then(
          () => sent++,
          (error: unknown) => logger.error('Change-of-control decision email failed', { error: error as Error, to: m.to, projectId: project.id }),
        ),
      ),
    );
    return sent;
  } catch (e) {
    logger.error('Change-of-control decision emails not sent', { projectId: project.id, controlReviewId: r.id, error: e as Error });
    return 0;
  }
}
