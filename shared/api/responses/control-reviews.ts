import * as z from 'zod';
import { actorSchema, instantSchema, versionSchema } from '../../domain/response-schema';
import { CONTROL_EVENT_KINDS, STORED_CONTROL_EVENT_STATUSES, controlEventInvestorSchema } from '../../domain/control-event';
import { CONTROL_REVIEW_OUTCOMES, CONTROL_REVIEW_STATES } from '../../domain/control-review';
import { pageOf } from './common';

const date = z.string().describe('Europe/Paris calendar date YYYY-MM-DD');

/** A change-of-control review (docs/change-of-control.md); mirrors `ControlReview` of shared/domain/control-review.ts plus the view fields. */
export const controlReviewSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  organizationId: z
    .string()
    .describe('The organization the operation is on: a partner of the project, or an organization controlling partners of it (an indirect change of control)'),
  organizationName: z.string().nullable().describe('Its legal name when the review opened (null on reviews opened before it was recorded)'),
  partnerIds: z
    .array(z.string())
    .describe(
      'The partners of the project whose control changes: `organizationId` when it is a partner, and every partner it controls directly or through a chain of control (L233-3)',
    ),
  controlEventId: z.string().describe('The control event that opened the review (GET /organizations/{orgId}/control-events)'),
  event: z
    .object({
      kind: z.enum(CONTROL_EVENT_KINDS),
      status: z.enum(STORED_CONTROL_EVENT_STATUSES),
      investor: controlEventInvestorSchema,
      votingRightsAfterPct: z.number(),
      effectiveDate: date,
      controlAcquired: z.boolean().nullable(),
    })
    .describe('The event as it was when the review opened'),
  agreementId: z.string().nullable().describe('The signed agreement whose change-of-control clause applies'),
  agreementVersion: z.number().int().nullable().describe('Its version number (n of `<documentId>.v<n>`)'),
  windowDays: z.number().int().describe("The committee's window, in calendar days"),
  openedAt: instantSchema,
  dueDate: date.describe('Last day of the window (no weekend shift)'),
  state: z.enum(CONTROL_REVIEW_STATES),
  decision: z
    .object({
      outcome: z.enum(CONTROL_REVIEW_OUTCOMES),
      note: z.string(),
      decidedAt: instantSchema,
      decidedBy: actorSchema,
      agreementId: z.string().nullable(),
      agreementVersion: z.number().int().nullable().describe('The agreement version the decision is recorded against'),
    })
    .nullable(),
  withdrawal: z
    .object({ reason: z.string(), at: instantSchema })
    .nullable()
    .optional()
    .describe('Set when the control event was withdrawn while the review was open: the review closed with nothing to decide'),
  version: versionSchema,
  remainingDays: z.number().int().nullable().describe('Days left until the due date (0 on the last day, negative once overdue) while open; else null'),
  overdue: z.boolean().describe('Open past its due date'),
});
export const controlReviewPageSchema = pageOf(controlReviewSchema);
