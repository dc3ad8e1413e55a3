import type { Actor } from '../domain/audit';
import type { ControlEvent } from '../domain/control-event';
import {
  controlReviewIdOf,
  DEFAULT_CONTROL_REVIEW_DAYS,
  openReview,
  reviewPartnerIds,
  withdrawReview,
  type ControlReview,
  type ControlReviewNames,
} from '../domain/control-review';
import { ConflictError } from '../domain/errors';
import { controlReviewDecisionEmails, controlReviewEmails, type DecisionRecipient, type Recipient } from '../domain/mail/control-review-mails';
import type { Organization } from '../domain/organization';
import { controlledBy } from '../domain/risk/control-chain';
import { config } from '../store/config';
import { getControlReview, saveControlReview } from '../store/control-reviews';
import { projectsOfOrgGsiPk } from '../store/keys';
import { sendEmail } from '../store/mail';
import { controlledDownstream, getOrganizations, loadControlChain } from '../store/organizations';
import { allProjectIdsOf, getProjectHeader } from '../store/projects';
import { listStaff } from '../store/staff';
import { getWorkflow, workflowSummaries } from '../store/workflow';
import { logger } from './logger';

/**
 * Change of control after signature (docs/change-of-control.md): a control event recorded on an organization X
 * opens, on every signed project where X is a partner or where X controls a partner (directly or through a chain of
 * control: an indirect change of control of that partner), a committee review with its window (the project's
 * `controlReviewDays`, default 30 calendar days), a task in `/me/tasks` and the digest, and emails the other
 * partners' representatives and the committee. Called with one line by whoever records a control event; calling it
 * again for the same event opens nothing more (one review per project and event, naming every partner concerned).
 *
 * A failure on one project is logged and does not undo the event (it is recorded already) nor stop the others.
 */
export async function openControlReviews(event: ControlEvent, actor: Actor, now = new Date()): Promise<ControlReview[]> {
  const opened: ControlReview[] = [];
  const concerned = await concernedOrganizations(event.organizationId);
  // The small stage markers first (one BatchGet): only the signed projects' workflows are read.
  const ids = await projectIdsOf(concerned);
  const stages = await workflowSummaries(ids);
  for (const projectId of ids.filter((id) => stages.get(id)?.status === 'signed')) {
    try {
      const r = await openOn(projectId, event, concerned, actor, now);
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
 * Looks on the signed projects of the organization and of every organization it holds shares in, down the chain
 * (a superset of {@link openControlReviews}': a holding that stopped being control since still finds its review);
 * a failure on one is logged.
 */
export async function closeControlReviews(event: ControlEvent, reason: string, actor: Actor, now = new Date()): Promise<ControlReview[]> {
  const closed: ControlReview[] = [];
  const ids = await projectIdsOf(await controlledDownstream(event.organizationId));
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

/**
 * `orgId` and the organizations it controls, directly or through a chain of control: those it holds shares in down
 * the chain (`controlledDownstream`, the re-evaluation's fan-out) kept when the risk engine's control test says `orgId`
 * controls them (shared/domain/risk/control-chain.ts `controlledBy`, as IEF-ACQUISITION reads an indirect operation).
 */
export async function concernedOrganizations(orgId: string): Promise<string[]> {
  const below = (await controlledDownstream(orgId)).filter((id) => id !== orgId);
  if (!below.length) return [orgId];
  const controlled = controlledBy(orgId, below, await loadControlChain(below));
  return [orgId, ...below.filter((id) => controlled.has(id))];
}

async function projectIdsOf(orgIds: readonly string[]): Promise<string[]> {
  return [...new Set((await Promise.all(orgIds.map((id) => allProjectIdsOf(projectsOfOrgGsiPk(id))))).flat())];
}

async function openOn(projectId: string, event: ControlEvent, concerned: readonly string[], actor: Actor, now: Date): Promise<ControlReview | null> {
  const workflow = await getWorkflow(projectId);
  if (workflow?.state.status !== 'signed') return null;
  if (await getControlReview(projectId, controlReviewIdOf(event.id))) return null;
  const header = await getProjectHeader(projectId);
  if (!header) return null;
  const memberIds = header.members.map((m) => m.organizationId);
  // The operation's organization first when it is a partner, then the partners it controls, in membership order.
  const partnerIds = concerned.filter((id) => memberIds.includes(id));
  if (!partnerIds.length) return null;
  const orgs = await getOrganizations([...new Set([event.organizationId, ...memberIds])]);
  const names = namesOf(orgs, event.organizationId, partnerIds);
  const review = openReview(event, {
    projectId,
    agreementId: workflow.state.agreement?.agreementId ?? null,
    windowDays: workflow.state.config.controlReviewDays ?? DEFAULT_CONTROL_REVIEW_DAYS,
    now,
    partnerIds,
    organizationName: names.operationOn,
  });
  try {
    await saveControlReview(header.project, null, review, 'opened', actor, names);
  } catch (e) {
    if (e instanceof ConflictError) return null; // opened meanwhile by a concurrent call for the same event
    throw e;
  }
  await notifyOpened(header.project, review, memberIds, orgs, names);
  return review;
}

/** Names for the emails and the task: the partners concerned and the organization the operation is on. */
function namesOf(orgs: ReadonlyMap<string, Organization>, operationOnId: string, partnerIds: readonly string[]): ControlReviewNames {
  const name = (id: string) => orgs.get(id)?.legalName ?? id;
  return { operationOn: name(operationOnId), partners: partnerIds.map(name), indirect: partnerIds.some((id) => id !== operationOnId) };
}

async function notifyOpened(
  project: { id: string; acronym: string; title: string },
  r: ControlReview,
  memberIds: readonly string[],
  orgs: ReadonlyMap<string, Organization>,
  names: ControlReviewNames,
): Promise<void> {
  const concerned = reviewPartnerIds(r);
  const committee = await listStaff('committee');
  const to: Recipient[] = [
    ...memberIds
      .filter((id) => !concerned.includes(id))
      .flatMap((id) =>
        (orgs.get(id)?.representatives ?? []).map((x) => ({ email: x.email.toLowerCase(), name: x.name, language: x.language, committee: false })),
      ),
    ...committee.filter((s) => s.active).map((s) => ({ email: s.email, name: s.name, language: s.language, committee: true })),
  ];
  await Promise.all(
    controlReviewEmails(project, r, names, to, config.webOrigin).map((m) =>
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
    const concerned = reviewPartnerIds(r);
    const [orgs, legal] = await Promise.all([getOrganizations([...new Set([r.organizationId, ...memberIds])]), listStaff('legal')]);
    const reps = (id: string, audience: DecisionRecipient['audience']) =>
      (orgs.get(id)?.representatives ?? []).map((x) => ({ email: x.email.toLowerCase(), name: x.name, language: x.language, audience }));
    // The partners concerned (not the organization the operation is on when it is no party to the agreement).
    const all: DecisionRecipient[] = [
      ...concerned.flatMap((id) => reps(id, 'concerned')),
      ...memberIds.filter((id) => !concerned.includes(id)).flatMap((id) => reps(id, 'partner')),
      ...legal.filter((s) => s.active).map((s) => ({ email: s.email, name: s.name, language: s.language, audience: 'legal' as const })),
    ];
    // One email per address (a person may represent two partners): the first audience wins, the partner concerned first.
    const to = all.filter((x, i) => all.findIndex((y) => y.email === x.email) === i);
    const names = namesOf(orgs, r.organizationId, concerned);
    let sent = 0;
    await Promise.all(
      controlReviewDecisionEmails(project, r, names, to, config.webOrigin).map((m) =>
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
