import * as z from 'zod';
import type { controlEventSchema } from './control-event-schema';
import { idSchema, isoDateSchema, pctSchema, text } from './common';
import { CONTROL_BASES, countrySchema, orgIdSchema } from './organization';
import { ConflictError, ValidationError } from './errors';
import { canonicalJson } from './audit';
import { fieldError, parseOrThrow } from './validation';
import { msg } from './i18n/catalog';
import { sumPct } from './decimal';

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
/** Statuses an event is recorded with (and amended to: planned → completed only). */
export const CONTROL_EVENT_STATUSES = ['planned', 'completed'] as const;
/** Statuses of a stored event: a withdrawn one stays listed, with its reason (the engine ignores it). */
export const STORED_CONTROL_EVENT_STATUSES = ['planned', 'completed', 'withdrawn'] as const;
/**
 * How the investor controls the organization when the percentages alone do not say it (Code de commerce L233-3):
 * `agreement` I 2° (majority of the voting rights by an agreement with other shareholders), `de-facto` I 3°
 * (determines in fact the decisions of the general meetings), `appointment` I 4° (power to appoint or dismiss
 * the majority of the board), `concert` III (joint control with the investors of `concertWith`, L233-10).
 * Majority of the voting rights (I 1°) and the presumption above 40 % (II) are computed, never declared.
 */
export { CONTROL_BASES, type ControlBasis } from './organization';
/** Prior authorisation of the Minister for the Economy (CMF L151-3, R151-6): where the request stands. */
export const AUTHORISATION_STATUSES = ['none', 'requested', 'granted', 'refused'] as const;

export type ControlEventKind = (typeof CONTROL_EVENT_KINDS)[number];
export type ControlEventStatus = (typeof STORED_CONTROL_EVENT_STATUSES)[number];
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
  /**
   * Natural persons only, kept for compatibility: `false` = tax-domiciled outside France, country unknown
   * (prefer `taxDomicileCountry`). A French national not tax-domiciled in France is a foreign investor (CMF R151-1 2°).
   */
  taxDomiciledInFrance: z.boolean().optional(),
  /**
   * Natural persons only: the country of tax domicile (ISO 3166-1 alpha-2). A French national domiciled abroad is
   * foreign (CMF R151-1 2°); a national of an EU/EEA state domiciled outside the EU/EEA is not exempt from the 25 %
   * threshold (R151-2). Absent: the nationality's country is assumed (unless `taxDomiciledInFrance` says otherwise).
   */
  taxDomicileCountry: countrySchema.optional(),
});

/** An investor acting in concert with the event's investor (Code de commerce L233-10), with its voting rights after the operation. */
export const concertPartySchema = z.strictObject({
  name: text(200),
  country: countrySchema,
  votingRightsPct: pctSchema,
  organizationId: orgIdSchema.optional(),
  naturalPerson: z.boolean().optional(),
  taxDomicileCountry: countrySchema.optional(),
});
export type ConcertParty = z.output<typeof concertPartySchema>;
export const MAX_CONCERT_PARTIES = 20;

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
  /** The investor takes control (Code de commerce L233-3), e.g. by agreement below 50 %. Prefer `controlBasis`, which names the clause. */
  controlAcquired: z.boolean().optional(),
  /** The clause of L233-3 by which the investor takes control below a majority of the voting rights (see CONTROL_BASES). */
  controlBasis: z.enum(CONTROL_BASES).optional(),
  /** Investors acting in concert with this one (L233-10): their voting rights count with the investor's (R151-2 3° "seul ou de concert"). */
  concertWith: z.array(concertPartySchema).max(MAX_CONCERT_PARTIES, `At most ${MAX_CONCERT_PARTIES} investors in concert`).optional(),
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
  if (e.investor.taxDomicileCountry !== undefined && e.investor.naturalPerson !== true) {
    out.push({ path: ['investor', 'taxDomicileCountry'], message: 'Applies to natural persons only (set naturalPerson: true)' });
  }
  const tdc = e.investor.taxDomicileCountry;
  if (tdc !== undefined && e.investor.taxDomiciledInFrance !== undefined && (tdc === 'FR') !== e.investor.taxDomiciledInFrance) {
    out.push({ path: ['investor', 'taxDomiciledInFrance'], message: 'Contradicts taxDomicileCountry (send only taxDomicileCountry)' });
  }
  (e.concertWith ?? []).forEach((c, i) => {
    if (c.taxDomicileCountry !== undefined && c.naturalPerson !== true) {
      out.push({ path: ['concertWith', i, 'taxDomicileCountry'], message: 'Applies to natural persons only (set naturalPerson: true)' });
    }
    if (organizationId && c.organizationId === organizationId) {
      out.push({ path: ['concertWith', i, 'organizationId'], message: 'An organization cannot invest in itself' });
    }
  });
  if (e.controlBasis !== undefined && e.controlAcquired === false) {
    out.push({ path: ['controlBasis'], message: 'A control basis means control is acquired: controlAcquired cannot be false' });
  }
  if (e.controlBasis === 'concert' && !e.concertWith?.length) {
    out.push({ path: ['concertWith'], message: 'Joint control in concert (Code de commerce L233-3 III) names the investors acting in concert' });
  }
  if (e.concertWith?.length && sumPct([e.votingRightsAfterPct, ...e.concertWith.map((c) => c.votingRightsPct)]).gt(100)) {
    out.push({ path: ['concertWith'], message: 'The investor and those acting in concert hold more than 100 % of the voting rights' });
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

// ---------------------------------------------------------------------------------------------------------
// Amendment and withdrawal (docs/risk.md "Control events"): each change is a new immutable version.

/**
 * Body of `PATCH /organizations/{id}/control-events/{eventId}` (If-Match: the event's version): the fields a deal
 * changes as it goes. A field present replaces the stored one; `null` clears an optional one. The investor and
 * the kind never change (record a new event instead). Status: planned → completed only.
 */
export const controlEventPatchSchema = z.strictObject({
  status: z.enum(CONTROL_EVENT_STATUSES).optional(),
  votingRightsAfterPct: pctSchema.optional(),
  votingRightsBeforePct: pctSchema.nullable().optional(),
  controlAcquired: z.boolean().nullable().optional(),
  controlBasis: z.enum(CONTROL_BASES).nullable().optional(),
  concertWith: z.array(concertPartySchema).max(MAX_CONCERT_PARTIES).nullable().optional(),
  effectiveDate: isoDateSchema.optional(),
  authorisation: controlEventAuthorisationSchema.nullable().optional(),
  description: text(2000).nullable().optional(),
});
export type ControlEventPatch = z.output<typeof controlEventPatchSchema>;

/** Body of `POST /organizations/{id}/control-events/{eventId}/withdrawal` (If-Match): why the deal is off. */
export const controlEventWithdrawalSchema = z.strictObject({ reason: text(2000) });

export const CONTROL_EVENT_VERSION_ACTIONS = ['recorded', 'amended', 'withdrawn'] as const;
export type ControlEventVersionAction = (typeof CONTROL_EVENT_VERSION_ACTIONS)[number];

/** The fields of an event that an amendment may change (compared to list what changed). */
const AMENDABLE = Object.keys(controlEventPatchSchema.shape) as (keyof ControlEventPatch)[];

/** The stored version of an event recorded before versions existed is 1. */
export const eventVersion = (e: Pick<ControlEvent, 'version'>): number => e.version ?? 1;

/**
 * The event after `patch`, or a ConflictError (409) for a withdrawn event or a completed event set back to
 * planned, or a ValidationError (400) when the merged event breaks a rule a new event must follow. `changes`
 * lists the fields that changed (empty: nothing to write).
 */
export function amendControlEvent(
  current: ControlEvent,
  patch: ControlEventPatch,
  by: { sub: string; at: string },
): { event: ControlEvent; changes: string[] } {
  if (current.status === 'withdrawn')
    throw new ConflictError(msg('controlEvent.withdrawn', { eventId: current.id }), { extra: { eventId: current.id, eventStatus: current.status } });
  if (patch.status === 'planned' && current.status === 'completed') {
    throw new ConflictError(msg('controlEvent.completedToPlanned', { eventId: current.id }), {
      extra: { eventId: current.id, eventStatus: current.status },
      errors: [fieldError(['status'], msg('controlEvent.statusForwardOnly'))],
    });
  }
  const { id, organizationId, recordedAt, recordedBy, version: _v, updatedAt: _u, updatedBy: _b, withdrawal: _w, ...fields } = current;
  const merged: Record<string, unknown> = { ...fields };
  for (const k of AMENDABLE) {
    if (!(k in patch) || patch[k] === undefined) continue;
    if (patch[k] === null) delete merged[k];
    else merged[k] = patch[k];
  }
  const input = parseControlEventInput(merged, organizationId);
  const changes = AMENDABLE.filter(
    (k) => canonicalJson((fields as Record<string, unknown>)[k] ?? null) !== canonicalJson((input as Record<string, unknown>)[k] ?? null),
  );
  const event: ControlEvent = {
    ...input,
    id,
    organizationId,
    recordedAt,
    recordedBy,
    version: eventVersion(current) + (changes.length ? 1 : 0),
    updatedAt: changes.length ? by.at : (current.updatedAt ?? recordedAt),
    updatedBy: changes.length ? by.sub : (current.updatedBy ?? recordedBy),
  };
  return { event, changes };
}

/** The event withdrawn (status `withdrawn`, with the reason, who and when); 409 when it already is. */
export function withdrawControlEvent(current: ControlEvent, reason: string, by: { sub: string; at: string }): ControlEvent {
  if (current.status === 'withdrawn')
    throw new ConflictError(msg('controlEvent.withdrawn', { eventId: current.id }), { extra: { eventId: current.id, eventStatus: current.status } });
  return {
    ...current,
    status: 'withdrawn',
    withdrawal: { reason: reason.trim(), by: by.sub, at: by.at, previousStatus: current.status },
    version: eventVersion(current) + 1,
    updatedAt: by.at,
    updatedBy: by.sub,
  };
}

/** The events the risk engine reads: the withdrawn ones are out. */
export const activeControlEvents = <E extends { status: string }>(events: readonly E[]): E[] => events.filter((e) => e.status !== 'withdrawn');
