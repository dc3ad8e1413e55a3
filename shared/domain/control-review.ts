import * as z from 'zod';
import type { Principal } from './access';
import type { Actor } from './audit';
import { addCalendarDays, daysBetween, parisDate } from './calendar';
import { idSchema, text } from './common';
import type { ControlEvent } from './control-event';
import { ConflictError, ForbiddenError } from './errors';
import { msg } from './i18n/catalog';

/**
 * Change of control after signature (docs/change-of-control.md; consortium agreement § 12, domain reference §3
 * item 12): when a control event is recorded on a partner of a signed project — or on an organization that controls
 * partners of it, directly or through a chain of control (an indirect change of control) — the committee reviews it
 * within a window (calendar days, Europe/Paris, default 30) and decides: accept, restrict the partner's access rights to
 * the results, or ask for its withdrawal. Pure: time and ids are injected.
 */

export const DEFAULT_CONTROL_REVIEW_DAYS = 30;
export const CONTROL_REVIEW_OUTCOMES = ['accept', 'restrict-access', 'withdrawal-requested'] as const;
export type ControlReviewOutcome = (typeof CONTROL_REVIEW_OUTCOMES)[number];
/** `withdrawn`: its control event was withdrawn while the review was open (nothing left to decide). */
export const CONTROL_REVIEW_STATES = ['open', 'decided', 'withdrawn'] as const;
export type ControlReviewState = (typeof CONTROL_REVIEW_STATES)[number];

/** Body of `POST /projects/{projectId}/control-reviews/{reviewId}/decision`. */
export const controlReviewDecisionInputSchema = z.strictObject({
  outcome: z
    .enum(CONTROL_REVIEW_OUTCOMES)
    .describe(
      "`accept`; `restrict-access`: the partner's access rights to the results are restricted; `withdrawal-requested`: the partner is asked to withdraw",
    ),
  note: text(5000).describe('The reasons, recorded with the decision'),
});
export type ControlReviewDecisionInput = z.output<typeof controlReviewDecisionInputSchema>;

export interface ControlReviewDecision {
  outcome: ControlReviewOutcome;
  note: string;
  decidedAt: string;
  decidedBy: Actor;
  /** The signed agreement the decision applies to. */
  agreementId: string | null;
  agreementVersion: number | null;
}

export interface ControlReview {
  id: string;
  projectId: string;
  /** The organization the operation is on: the partner itself, or an organization controlling partners of the project. */
  organizationId: string;
  /** Its legal name when the review opened (it may not be a member of the project). Absent on reviews opened before. */
  organizationName?: string;
  /**
   * The project's partners whose control changes: `organizationId` when it is a partner, and every partner it controls
   * directly or through a chain of control (L233-3). Absent on reviews opened before: read {@link reviewPartnerIds}.
   */
  partnerIds?: string[];
  controlEventId: string;
  /** What the committee reviews (a copy: the event may be amended later, the review keeps what it was opened on). */
  event: Pick<ControlEvent, 'kind' | 'status' | 'investor' | 'votingRightsAfterPct' | 'effectiveDate'> & { controlAcquired: boolean | null };
  /** The signed agreement version whose change-of-control clause applies. */
  agreementId: string | null;
  agreementVersion: number | null;
  windowDays: number;
  openedAt: string;
  /** Last day of the window (Paris calendar date; no weekend shift, like every clause period). */
  dueDate: string;
  state: ControlReviewState;
  decision: ControlReviewDecision | null;
  /** Set when the control event was withdrawn before the committee decided. */
  withdrawal?: { reason: string; at: string } | null;
  version: number;
}

export const controlReviewIdSchema = idSchema('crv');

/** `<documentId>.v<n>` → n. */
export function agreementVersionOf(agreementId: string | null | undefined): number | null {
  const m = /\.v(\d+)$/.exec(agreementId ?? '');
  return m ? Number(m[1]) : null;
}

/** One review per (project, control event): its id derives from the event's, so recording twice opens one. */
export const controlReviewIdOf = (controlEventId: string) => `crv_${controlEventId.replace(/^cev_/, '')}`;

/** The partners whose control the review is about (reviews opened before `partnerIds`: the event's organization). */
export const reviewPartnerIds = (r: Pick<ControlReview, 'organizationId' | 'partnerIds'>): string[] =>
  r.partnerIds?.length ? [...r.partnerIds] : [r.organizationId];

/** The operation is on an organization controlling the partner(s), not (only) on a partner itself. */
export const isIndirectReview = (r: Pick<ControlReview, 'organizationId' | 'partnerIds'>): boolean => reviewPartnerIds(r).some((id) => id !== r.organizationId);

/** How the emails and the task name a review: the partners concerned, the organization the operation is on. */
export interface ControlReviewNames {
  partners: string[];
  operationOn: string;
  /** The operation is on an organization controlling the partner(s) ({@link isIndirectReview}). */
  indirect: boolean;
}

export function openReview(
  event: ControlEvent,
  ctx: { projectId: string; agreementId: string | null; windowDays: number; now: Date; partnerIds?: readonly string[]; organizationName?: string },
): ControlReview {
  const opened = parisDate(ctx.now);
  return {
    id: controlReviewIdOf(event.id),
    projectId: ctx.projectId,
    organizationId: event.organizationId,
    ...(ctx.organizationName !== undefined ? { organizationName: ctx.organizationName } : {}),
    partnerIds: ctx.partnerIds?.length ? [...ctx.partnerIds] : [event.organizationId],
    controlEventId: event.id,
    event: {
      kind: event.kind,
      status: event.status,
      investor: event.investor,
      votingRightsAfterPct: event.votingRightsAfterPct,
      effectiveDate: event.effectiveDate,
      controlAcquired: event.controlAcquired ?? null,
    },
    agreementId: ctx.agreementId,
    agreementVersion: agreementVersionOf(ctx.agreementId),
    windowDays: ctx.windowDays,
    openedAt: ctx.now.toISOString(),
    dueDate: addCalendarDays(opened, ctx.windowDays),
    state: 'open',
    decision: null,
    version: 1,
  };
}

/** The committee decides (once). */
export function decideReview(r: ControlReview, input: ControlReviewDecisionInput, p: Principal, actor: Actor, now: Date): ControlReview {
  if (p.role !== 'committee') throw new ForbiddenError(msg('controlReview.committeeOnly'));
  if (r.state === 'withdrawn') throw new ConflictError(msg('controlReview.withdrawn'));
  if (r.state !== 'open') throw new ConflictError(msg('controlReview.alreadyDecided'));
  return {
    ...r,
    state: 'decided',
    decision: {
      outcome: input.outcome,
      note: input.note,
      decidedAt: now.toISOString(),
      decidedBy: actor,
      agreementId: r.agreementId,
      agreementVersion: r.agreementVersion,
    },
    version: r.version + 1,
  };
}

/**
 * The control event was withdrawn (the deal fell through): an open review closes with its reason, its task goes.
 * A decided review stays as decided (the decision was taken and recorded against the agreement): null.
 */
export function withdrawReview(r: ControlReview, reason: string, now: Date): ControlReview | null {
  if (r.state !== 'open') return null;
  return { ...r, state: 'withdrawn', withdrawal: { reason, at: now.toISOString() }, version: r.version + 1 };
}

/** Days left until the due date (0 on the last day, negative once overdue); null once decided. */
export function reviewRemainingDays(r: ControlReview, now: Date): number | null {
  return r.state === 'open' ? daysBetween(parisDate(now), r.dueDate) : null;
}

/** The API view: with the days left and whether the window has passed without a decision. */
export function controlReviewView(r: ControlReview, now: Date) {
  const remainingDays = reviewRemainingDays(r, now);
  return {
    ...r,
    organizationName: r.organizationName ?? null,
    partnerIds: reviewPartnerIds(r),
    remainingDays,
    overdue: remainingDays !== null && remainingDays < 0,
  };
}
