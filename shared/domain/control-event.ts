import * as z from 'zod';
import type { controlEventSchema } from './control-event-schema';
import { idSchema, isoDateSchema, pctSchema, text } from './common';
import { countrySchema, orgIdSchema } from './organization';
import { ValidationError } from './errors';
import { fieldError, parseOrThrow } from './validation';
import { msg } from './i18n/catalog';

/**
 * Control events of an organization (docs/risk.md, IEF-ACQUISITION): a change in its shareholding or its
 * acquisition, planned or completed, recorded by the pôle's legal staff with
 * `POST /organizations/{id}/control-events`. The risk engine (shared/domain/risk) reads them to raise
 * IEF-ACQUISITION flags (CMF R151-2: taking control; a non-EU/EEA investor crossing 25 % of the voting rights,
 * or 10 % of a company listed on a regulated market).
 *
 * Percentages are voting rights of the organization concerned, 0..100 with at most 4 decimals (pctSchema).
 */

export const CONTROL_EVENT_KINDS = ['shareholding-change', 'acquisition'] as const;
export const CONTROL_EVENT_STATUSES = ['planned', 'completed'] as const;
/** Prior authorisation of the Minister for the Economy (CMF L151-3, R151-6): where the request stands. */
export const AUTHORISATION_STATUSES = ['none', 'requested', 'granted', 'refused'] as const;

export type ControlEventKind = (typeof CONTROL_EVENT_KINDS)[number];
export type ControlEventStatus = (typeof CONTROL_EVENT_STATUSES)[number];
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

export const controlEventIdSchema = idSchema('cev');

export const controlEventInvestorSchema = z.strictObject({
  name: text(200),
  /** Nationality (natural person) or country of the seat / governing law (entity), ISO 3166-1 alpha-2. */
  country: countrySchema,
  /** Set when the investor is a registered organization: its own control chain is then walked (CMF R151-1 3°). */
  organizationId: orgIdSchema.optional(),
  /** The investor itself is listed (kept for the record; the 10 % threshold looks at the target organization). */
  listed: z.boolean().optional(),
  naturalPerson: z.boolean().optional(),
  /** Natural persons only: a French national not tax-domiciled in France is a foreign investor (CMF R151-1 2°). */
  taxDomiciledInFrance: z.boolean().optional(),
});

export const controlEventAuthorisationSchema = z.strictObject({
  status: z.enum(AUTHORISATION_STATUSES),
  /** Reference of the request or decision (DG Trésor file number). */
  reference: text(200).optional(),
  /** Date of the decision (granted or refused). */
  decidedAt: isoDateSchema.optional(),
});

const controlEventFields = z.strictObject({
  kind: z.enum(CONTROL_EVENT_KINDS),
  status: z.enum(CONTROL_EVENT_STATUSES),
  investor: controlEventInvestorSchema,
  /** The investor's voting rights in the organization after the operation. */
  votingRightsAfterPct: pctSchema,
  /** Before the operation; absent = unknown, read as 0 (so any threshold reached after the operation counts as crossed). */
  votingRightsBeforePct: pctSchema.optional(),
  /** The investor takes control (Code de commerce L233-3), e.g. by agreement below 50 %. */
  controlAcquired: z.boolean().optional(),
  effectiveDate: isoDateSchema,
  authorisation: controlEventAuthorisationSchema.optional(),
  description: text(2000).optional(),
});

type ControlEventShape = z.output<typeof controlEventFields>;

/** Cross-field rules; `organizationId` (the organization the event is about) adds the self-investment check. */
export function controlEventErrors(e: ControlEventShape, organizationId?: string): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  if (e.controlAcquired === false && e.votingRightsAfterPct > 50) {
    out.push({
      path: ['controlAcquired'],
      message: 'More than 50 % of the voting rights is control (Code de commerce L233-3 I 1°): controlAcquired cannot be false',
    });
  }
  if (e.investor.taxDomiciledInFrance !== undefined && e.investor.naturalPerson !== true) {
    out.push({ path: ['investor', 'taxDomiciledInFrance'], message: 'Applies to natural persons only (set naturalPerson: true)' });
  }
  const a = e.authorisation;
  if (a?.decidedAt && a.status !== 'granted' && a.status !== 'refused') {
    out.push({ path: ['authorisation', 'decidedAt'], message: 'A decision date goes with a granted or refused authorisation' });
  }
  if (organizationId && e.investor.organizationId === organizationId) {
    out.push({ path: ['investor', 'organizationId'], message: 'An organization cannot invest in itself' });
  }
  return out;
}

/** Body of `POST /organizations/{id}/control-events` (strict: unknown fields are refused). */
export const controlEventInputSchema = controlEventFields.superRefine((e, ctx) => {
  for (const err of controlEventErrors(e)) ctx.addIssue({ code: 'custom', path: err.path, message: err.message });
});
export type ControlEventInput = z.output<typeof controlEventInputSchema>;

/** A control event as stored. */
/** A recorded control event: the output of its schema (./control-event-schema.ts), so the two cannot drift. */
export type ControlEvent = z.output<typeof controlEventSchema>;

/** Parses the body for organization `organizationId` or throws a 400 ValidationError naming every field. */
export function parseControlEventInput(raw: unknown, organizationId: string): ControlEventInput {
  return assertControlEventConsistent(parseOrThrow(controlEventInputSchema, raw, msg('what.controlEvent')), organizationId);
}

/** The cross-field rules of a control event already parsed by its schema (400 with every offending path). */
export function assertControlEventConsistent(input: ControlEventInput, organizationId: string): ControlEventInput {
  const errors = controlEventErrors(input, organizationId).map((e) => fieldError(e.path, e.message));
  if (errors.length) throw new ValidationError(msg('validation.invalid', { what: msg('what.controlEvent'), count: errors.length }), { errors });
  return input;
}
