import * as z from 'zod';
import type { Actor } from './audit';
import { addCalendarDays, daysBetween, parisDate } from './calendar';
import { idSchema, isoDateSchema, text } from './common';
import { documentIdSchema } from './documents';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors';
import { msg } from './i18n/catalog';
import { itemKeySchema } from './declaration';
import { orgIdSchema } from './organization';
import { fieldError } from './validation';
import type { Principal } from './access';

/**
 * Publication notices and their objection clock (docs/publications.md; consortium agreement § 11, DESCA model).
 * Pure: every function takes the notice and the instant and returns the next notice with the history entries it
 * added (the store audits each one); nothing here reads the clock.
 *
 * Clocks are counted in Europe/Paris **calendar** days: the notice date is the Paris date of the instant the
 * notice was recorded; a partner's deadline is that date plus the objection period, and it runs to the end of
 * that day, Paris time (an answer recorded at 23:59:59 Paris time on the deadline counts). A deadline on a
 * Saturday, Sunday or public holiday is NOT moved (calendar days, as the agreement says; docs/publications.md).
 *
 * States: `open` (clocks running, no objection standing) → `objected` (at least one objection standing) →
 * `open` again after a new manuscript version or a withdrawal → `cleared` once every other partner has
 * consented, explicitly or by silence until its deadline (DESCA: silence means consent). `cleared` is final.
 */

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

/** The agreement's publication terms (agreement-records.ts `publications`); DESCA defaults before any agreement. */
export interface PublicationTerms {
  noticeDays: number;
  objectionDays: number;
  filingDelayDays: number;
}

export const PUBLICATION_STATES = ['open', 'objected', 'cleared'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export const OBJECTION_GROUNDS = ['confidential-information', 'protection-first'] as const;
export type ObjectionGround = (typeof OBJECTION_GROUNDS)[number];

export const ANSWER_STATUSES = ['pending', 'consented', 'objected'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
/** How a consent came about: explicitly, by silence until the deadline, by withdrawing an objection, or the filing delay ran out. */
export const CONSENT_KINDS = ['explicit', 'silence', 'withdrawal', 'delay-ended'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const MAX_AUTHORS = 50;
export const MAX_DISCLOSED_RESULTS = 50;
export const MAX_PUBLICATION_TITLE = 300;
export const MAX_VENUE = 200;
export const MAX_AUTHOR_NAME = 200;
export const MAX_COMMENT = 2000;

export interface Objection {
  grounds: ObjectionGround;
  comment: string;
  /** protection-first: the results to protect first (among those the notice discloses). */
  resultKeys: string[];
  /** protection-first: the filing date the objector announces (optional). */
  filingBy: string | null;
  /** protection-first: the publication may not take place before this Paris date (min(filingBy, objection date + filingDelayDays)). */
  delayUntil: string | null;
  at: string;
  by: Actor;
}

export interface PartnerAnswer {
  organizationId: string;
  status: AnswerStatus;
  consent: ConsentKind | null;
  /** Last Paris calendar day (inclusive, until 24:00 Paris time) to answer the current manuscript version. */
  deadline: string;
  /** The manuscript version the clock runs on (restarted for objectors by a new version). */
  manuscriptVersion: number;
  openedAt: string;
  objection: Objection | null;
  answeredAt: string | null;
  answeredBy: Actor | null;
}

export interface Manuscript {
  version: number;
  documentId: string;
  at: string;
  by: Actor;
}

export const HISTORY_ACTIONS = [
  'notice-given',
  'consented',
  'objected',
  'objection-withdrawn',
  'deemed-consent',
  'delay-ended',
  'manuscript-version',
  'cleared',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export interface HistoryEntry {
  /** The notice version this entry produced (each transition is one version). */
  version: number;
  at: string;
  action: HistoryAction;
  /** null when the clock itself acted (silence, end of a filing delay, clearance). */
  by: Actor | null;
  organizationId: string | null;
  detail: Record<string, unknown>;
}

export interface PublicationNotice {
  id: string;
  projectId: string;
  /** The publishing partner. */
  organizationId: string;
  title: string;
  authors: string[];
  venue: string;
  plannedDate: string;
  resultKeys: string[];
  manuscripts: Manuscript[];
  terms: PublicationTerms;
  givenAt: string;
  /** Paris calendar date of `givenAt`: the clocks start here. */
  noticeDate: string;
  /** Calendar days from the notice date to the planned date. */
  daysBeforePublication: number;
  /** Given fewer than `terms.noticeDays` before the planned date (accepted, flagged PUBLICATION-LATE-NOTICE). */
  late: boolean;
  state: PublicationState;
  /** Max of the planned date and the end of every protection-first delay recorded: the earliest allowed date. */
  earliestPublicationDate: string;
  clearedAt: string | null;
  answers: PartnerAnswer[];
  history: HistoryEntry[];
  createdBy: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Transition {
  notice: PublicationNotice;
  /** The entries added to `history` by this transition (each becomes an audit event). */
  added: HistoryEntry[];
}

// ---------------------------------------------------------------------------------------------------------
// Request schemas

const resultKeySchema = itemKeySchema;
export const publicationIdSchema = idSchema('pub');

export const publicationInputSchema = z.strictObject({
  organizationId: orgIdSchema.optional().describe("The publishing partner (a partner's own organization by default; required for legal staff)"),
  title: text(MAX_PUBLICATION_TITLE),
  authors: z.array(text(MAX_AUTHOR_NAME)).min(1, 'Required').max(MAX_AUTHORS),
  venue: text(MAX_VENUE).describe('Journal, conference, thesis, preprint server…'),
  plannedDate: isoDateSchema.describe('Planned publication date (Europe/Paris calendar date)'),
  resultKeys: z
    .array(resultKeySchema)
    .max(MAX_DISCLOSED_RESULTS)
    .default([])
    .describe("Keys of the results it discloses (from the publishing partner's declaration)"),
  documentId: documentIdSchema.describe('The manuscript: an `available` document of the project (documents upload)'),
});
export type PublicationInput = z.output<typeof publicationInputSchema>;

export const objectionInputSchema = z
  .strictObject({
    organizationId: orgIdSchema.optional().describe('Legal staff only: the partner organization answered for (a partner answers for its own)'),
    grounds: z
      .enum(OBJECTION_GROUNDS)
      .describe(
        '`confidential-information`: its confidential information or background is disclosed (the text must change); `protection-first`: a result must be protected first',
      ),
    comment: text(MAX_COMMENT).describe('The reasons, as sent to the publishing partner'),
    resultKeys: z.array(resultKeySchema).max(MAX_DISCLOSED_RESULTS).default([]).describe('protection-first: the results to protect first'),
    filingBy: isoDateSchema.optional().describe('protection-first: the planned filing date (the delay is capped by the agreement)'),
  })
  .superRefine((v, ctx) => {
    if (v.grounds === 'protection-first' && v.resultKeys.length === 0) ctx.addIssue({ code: 'custom', path: ['resultKeys'], message: 'Required' });
  });
export type ObjectionInput = z.output<typeof objectionInputSchema>;

const answeringOrgField = orgIdSchema.optional().describe('Legal staff only: the partner organization answered for (a partner answers for its own)');
export const consentInputSchema = z.strictObject({ organizationId: answeringOrgField, comment: text(MAX_COMMENT).optional() });
export const withdrawalInputSchema = z.strictObject({ organizationId: answeringOrgField });
export const manuscriptVersionInputSchema = z.strictObject({
  documentId: documentIdSchema.describe('The new manuscript: an `available` document of the project'),
});

// ---------------------------------------------------------------------------------------------------------
// Clocks (pure)

/** The last day (inclusive) of an objection period starting on the Paris date of `start`: calendar days, no shift. */
export function objectionDeadline(start: Date, objectionDays: number): string {
  if (!Number.isInteger(objectionDays) || objectionDays < 0) throw new RangeError(`Objection days must be a whole number ≥ 0: ${objectionDays}`);
  return addCalendarDays(parisDate(start), objectionDays);
}

/** Whether an answer at `now` is in time for `deadline` (until the end of that day, Paris time). */
export const withinDeadline = (deadline: string, now: Date): boolean => parisDate(now) <= deadline;

/** Days left until `deadline` seen from `now` (0 on the last day, negative once it passed). */
export const remainingDays = (deadline: string, now: Date): number => daysBetween(parisDate(now), deadline);

/** A notice on `noticeDate` for a publication on `plannedDate` is late when fewer than `noticeDays` calendar days separate them. */
export const isLateNotice = (noticeDate: string, plannedDate: string, noticeDays: number): boolean => daysBetween(noticeDate, plannedDate) < noticeDays;

/** The date before which a protection-first objection made on `objectionDate` keeps the publication back. */
export function filingDelayEnd(objectionDate: string, filingDelayDays: number, filingBy: string | null): string {
  const cap = addCalendarDays(objectionDate, filingDelayDays);
  return filingBy && filingBy < cap ? filingBy : cap;
}

// ---------------------------------------------------------------------------------------------------------
// Transitions

const stateOf = (answers: readonly PartnerAnswer[]): PublicationState =>
  answers.some((a) => a.status === 'objected') ? 'objected' : answers.every((a) => a.status === 'consented') ? 'cleared' : 'open';

const entry = (at: Date, action: HistoryAction, by: Actor | null, organizationId: string | null, detail: Record<string, unknown> = {}): HistoryEntry => ({
  version: 0,
  at: at.toISOString(),
  action,
  by,
  organizationId,
  detail,
});

/** Recomputes the state and the earliest date; records `cleared` once; the transition is the next version. */
function finish(n: PublicationNotice, added0: HistoryEntry[], now: Date): Transition {
  const state = stateOf(n.answers);
  const delays = n.answers.flatMap((a) => (a.objection?.delayUntil ? [a.objection.delayUntil] : []));
  const earliest = [n.earliestPublicationDate, n.plannedDate, ...delays].sort().pop()!;
  const added = [...added0];
  let notice: PublicationNotice = { ...n, state, earliestPublicationDate: earliest };
  if (state === 'cleared' && n.state !== 'cleared') {
    added.push(entry(now, 'cleared', null, null, { earliestPublicationDate: earliest, manuscriptVersion: currentManuscript(n).version }));
    notice = { ...notice, clearedAt: now.toISOString() };
  }
  if (!added.length) return { notice: n, added: [] };
  const version = n.version + 1;
  const stamped = added.map((e) => ({ ...e, version }));
  notice = { ...notice, history: [...n.history, ...stamped], version, updatedAt: now.toISOString() };
  return { notice, added: stamped };
}

/**
 * Whether anything that matters to `orgId`'s answer happened after `version` (the ETag the client sent): an
 * entry about its own answer, a new manuscript, or the clearance. Other partners' answers do not make its
 * If-Match stale: partners answer in parallel.
 */
export function changedForSince(n: PublicationNotice, version: number, orgId: string): boolean {
  if (version > n.version) return true;
  return n.history.some((h) => h.version > version && (h.organizationId === orgId || h.action === 'manuscript-version' || h.action === 'cleared'));
}

export const currentManuscript = (n: Pick<PublicationNotice, 'manuscripts'>): Manuscript => n.manuscripts[n.manuscripts.length - 1]!;

export interface NewNotice {
  id: string;
  projectId: string;
  memberOrgIds: readonly string[];
  /** Result keys of the publishing partner's current declaration. */
  declaredResultKeys: readonly string[];
  terms: PublicationTerms;
  actor: Actor;
  now: Date;
}

/**
 * A new notice: one answer slot per other partner of the project, each with the deadline of the objection
 * period. A notice given fewer than `noticeDays` before the planned date is accepted with `late: true`. A
 * planned date before the notice date is refused (a notice is given before publishing).
 */
export function giveNotice(input: PublicationInput & { organizationId: string }, ctx: NewNotice): Transition {
  const noticeDate = parisDate(ctx.now);
  const errors = [];
  if (!ctx.memberOrgIds.includes(input.organizationId)) errors.push(fieldError(['organizationId'], msg('publication.notPartner')));
  if (input.plannedDate < noticeDate) errors.push(fieldError(['plannedDate'], msg('publication.plannedInPast', { today: noticeDate })));
  const keys = [...new Set(input.resultKeys)];
  keys.forEach((k) => {
    if (!ctx.declaredResultKeys.includes(k)) errors.push(fieldError(['resultKeys', input.resultKeys.indexOf(k)], msg('publication.unknownResult', { key: k })));
  });
  if (errors.length) throw new ValidationError(msg('validation.invalid', { what: msg('what.publication'), count: errors.length }), { errors });
  const at = ctx.now.toISOString();
  const deadline = objectionDeadline(ctx.now, ctx.terms.objectionDays);
  const others = [...new Set(ctx.memberOrgIds)].filter((o) => o !== input.organizationId).sort();
  const daysBefore = daysBetween(noticeDate, input.plannedDate);
  const late = isLateNotice(noticeDate, input.plannedDate, ctx.terms.noticeDays);
  const base: PublicationNotice = {
    id: ctx.id,
    projectId: ctx.projectId,
    organizationId: input.organizationId,
    title: input.title,
    authors: input.authors,
    venue: input.venue,
    plannedDate: input.plannedDate,
    resultKeys: keys,
    manuscripts: [{ version: 1, documentId: input.documentId, at, by: ctx.actor }],
    terms: { ...ctx.terms },
    givenAt: at,
    noticeDate,
    daysBeforePublication: daysBefore,
    late,
    state: 'open',
    earliestPublicationDate: input.plannedDate,
    clearedAt: null,
    answers: others.map((o) => ({
      organizationId: o,
      status: 'pending',
      consent: null,
      deadline,
      manuscriptVersion: 1,
      openedAt: at,
      objection: null,
      answeredAt: null,
      answeredBy: null,
    })),
    history: [],
    createdBy: ctx.actor,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
  const added = [
    entry(ctx.now, 'notice-given', ctx.actor, input.organizationId, {
      plannedDate: input.plannedDate,
      deadline,
      late,
      daysBeforePublication: daysBefore,
      terms: ctx.terms,
      documentId: input.documentId,
      notified: others,
    }),
  ];
  return finish(base, added, ctx.now);
}

/**
 * What the clock did by `now`: a pending answer past its deadline becomes a consent by silence; a
 * protection-first objection whose delay ended becomes a consent (the agreement caps the delay). Then the
 * state follows (cleared when every partner consented). Idempotent: settling twice adds nothing.
 */
export function settle(n: PublicationNotice, now: Date): Transition {
  const raw = settleRaw(n, now);
  return raw.added.length ? finish(raw.notice, raw.added, now) : { notice: n, added: [] };
}

/** The clock's changes, not yet a version: the answers and state updated, history entries returned apart. */
function settleRaw(n: PublicationNotice, now: Date): Transition {
  if (n.state === 'cleared') return { notice: n, added: [] };
  const today = parisDate(now);
  const added: HistoryEntry[] = [];
  const answers = n.answers.map((a): PartnerAnswer => {
    if (a.status === 'pending' && a.deadline < today) {
      added.push(entry(now, 'deemed-consent', null, a.organizationId, { deadline: a.deadline, manuscriptVersion: a.manuscriptVersion }));
      return { ...a, status: 'consented', consent: 'silence', answeredAt: now.toISOString(), answeredBy: null };
    }
    if (a.status === 'objected' && a.objection?.grounds === 'protection-first' && a.objection.delayUntil && a.objection.delayUntil <= today) {
      added.push(entry(now, 'delay-ended', null, a.organizationId, { delayUntil: a.objection.delayUntil }));
      return { ...a, status: 'consented', consent: 'delay-ended', answeredAt: now.toISOString(), answeredBy: null };
    }
    return a;
  });
  if (!added.length) return { notice: n, added: [] };
  return { notice: { ...n, answers, state: stateOf(answers) === 'cleared' ? n.state : stateOf(answers) }, added };
}

/** The answer slot of the caller's organization (partners) or of `organizationId` (legal staff acting for one). */
function answerOf(n: PublicationNotice, orgId: string): PartnerAnswer {
  const a = n.answers.find((x) => x.organizationId === orgId);
  if (!a) throw new ConflictError(msg('publication.notAnswering'));
  return a;
}

function replaceAnswer(n: PublicationNotice, a: PartnerAnswer): PublicationNotice {
  return { ...n, answers: n.answers.map((x) => (x.organizationId === a.organizationId ? a : x)) };
}

function assertOpenFor(n: PublicationNotice, a: PartnerAnswer, now: Date): void {
  if (n.state === 'cleared') throw new ConflictError(msg('publication.cleared'));
  if (a.status === 'consented') throw new ConflictError(msg('publication.alreadyConsented'));
  if (a.status === 'objected') throw new ConflictError(msg('publication.alreadyObjected'));
  if (!withinDeadline(a.deadline, now)) throw new ConflictError(msg('publication.deadlinePassed', { deadline: a.deadline }));
}

/** An explicit consent, final for the partner (the publisher may rely on it). In time only (the clock is settled first). */
export function consent(n0: PublicationNotice, orgId: string, comment: string | undefined, actor: Actor, now: Date): Transition {
  const s = settleRaw(n0, now);
  const n = s.notice;
  const a = answerOf(n, orgId);
  assertOpenFor(n, a, now);
  const next = replaceAnswer(n, { ...a, status: 'consented', consent: 'explicit', answeredAt: now.toISOString(), answeredBy: actor });
  const t = finish(next, [...s.added, entry(now, 'consented', actor, orgId, { manuscriptVersion: a.manuscriptVersion, ...(comment ? { comment } : {}) })], now);
  return t;
}

/** An objection on stated grounds, before the partner's deadline (the last day counts until 24:00 Paris time). */
export function object(n0: PublicationNotice, orgId: string, input: ObjectionInput, actor: Actor, now: Date): Transition {
  const s = settleRaw(n0, now);
  const n = s.notice;
  const a = answerOf(n, orgId);
  assertOpenFor(n, a, now);
  const keys = [...new Set(input.resultKeys)];
  const errors = keys.flatMap((k) =>
    n.resultKeys.includes(k) ? [] : [fieldError(['resultKeys', input.resultKeys.indexOf(k)], msg('publication.resultNotDisclosed', { key: k }))],
  );
  if (input.filingBy && input.filingBy < parisDate(now)) errors.push(fieldError(['filingBy'], msg('publication.filingInPast')));
  if (errors.length) throw new ValidationError(msg('validation.invalid', { what: msg('what.publication'), count: errors.length }), { errors });
  const protect = input.grounds === 'protection-first';
  const delayUntil = protect ? filingDelayEnd(parisDate(now), n.terms.filingDelayDays, input.filingBy ?? null) : null;
  const objection: Objection = {
    grounds: input.grounds,
    comment: input.comment,
    resultKeys: protect ? keys : [],
    filingBy: protect ? (input.filingBy ?? null) : null,
    delayUntil,
    at: now.toISOString(),
    by: actor,
  };
  const next = replaceAnswer(n, { ...a, status: 'objected', consent: null, objection, answeredAt: now.toISOString(), answeredBy: actor });
  return finish(
    next,
    [
      ...s.added,
      entry(now, 'objected', actor, orgId, { grounds: input.grounds, resultKeys: objection.resultKeys, delayUntil, manuscriptVersion: a.manuscriptVersion }),
    ],
    now,
  );
}

/** The objector withdraws its objection: that is its consent to the current version. */
export function withdrawObjection(n0: PublicationNotice, orgId: string, actor: Actor, now: Date): Transition {
  const s = settleRaw(n0, now);
  const n = s.notice;
  const a = answerOf(n, orgId);
  if (a.status !== 'objected') throw new ConflictError(msg('publication.noObjection'));
  const next = replaceAnswer(n, { ...a, status: 'consented', consent: 'withdrawal', answeredAt: now.toISOString(), answeredBy: actor });
  return finish(next, [...s.added, entry(now, 'objection-withdrawn', actor, orgId, { grounds: a.objection?.grounds ?? null })], now);
}

/**
 * A new version of the manuscript answers the objections: the clock restarts for the objectors only (their
 * objection stays in the history; their new deadline is the objection period from today). Partners who
 * consented stay consented; pending ones keep their clock. Only while objected.
 */
export function newManuscriptVersion(n0: PublicationNotice, documentId: string, actor: Actor, now: Date): Transition {
  const s = settleRaw(n0, now);
  const n = s.notice;
  if (n.state !== 'objected') throw new ConflictError(msg('publication.notObjected'));
  const version = currentManuscript(n).version + 1;
  const deadline = objectionDeadline(now, n.terms.objectionDays);
  const at = now.toISOString();
  const restarted: string[] = [];
  const answers = n.answers.map((a): PartnerAnswer => {
    if (a.status !== 'objected') return a;
    restarted.push(a.organizationId);
    return { ...a, status: 'pending', consent: null, deadline, manuscriptVersion: version, openedAt: at, objection: null, answeredAt: null, answeredBy: null };
  });
  const next: PublicationNotice = { ...n, answers, manuscripts: [...n.manuscripts, { version, documentId, at, by: actor }] };
  return finish(next, [...s.added, entry(now, 'manuscript-version', actor, n.organizationId, { version, documentId, deadline, restartedFor: restarted })], now);
}

// ---------------------------------------------------------------------------------------------------------
// Access (docs/publications.md "Who does what")

/** Give notice: the publishing partner's representatives, or legal staff for any partner. */
export function assertCanGiveNotice(p: Principal, orgId: string): void {
  if (p.role === 'legal') return;
  if (p.role === 'partner' && p.organizationId === orgId) return;
  throw new ForbiddenError(msg('publication.giveNoticeRoles'));
}

/** A new manuscript version: the publishing partner or legal staff. */
export const assertCanRevise = assertCanGiveNotice;

/** The organization a caller acts for: a partner its own (naming another is a 403); legal staff must name one; others may not. */
export function answeringOrg(p: Principal, named: string | undefined): string {
  if (p.role === 'partner' && p.organizationId) {
    if (named && named !== p.organizationId) throw new ForbiddenError(msg('publication.answerRoles'));
    return p.organizationId;
  }
  if (p.role === 'legal' && named) return named;
  if (p.role === 'legal')
    throw new ValidationError(msg('validation.invalid', { what: msg('what.publication'), count: 1 }), {
      errors: [fieldError(['organizationId'], msg('publication.orgRequired'))],
    });
  throw new ForbiddenError(msg('publication.answerRoles'));
}

/**
 * What a caller sees of a notice: every partner of the project reads the notice; a partner other than the
 * publisher sees its own organization's answer and history only (not who else objected, nor why); the
 * publisher sees every answer (it must answer the objections). Staff and the assigned lawyer see everything.
 */
export function noticeFor(p: Principal, n: PublicationNotice): PublicationNotice {
  if (p.role !== 'partner' || p.organizationId === n.organizationId) return n;
  const own = p.organizationId;
  const general = (h: HistoryEntry): HistoryEntry => {
    const { restartedFor: _r, notified: _n, ...detail } = h.detail;
    return { ...h, detail };
  };
  return {
    ...n,
    answers: n.answers.filter((a) => a.organizationId === own),
    history: n.history.flatMap((h) =>
      h.organizationId === own ? [h] : h.organizationId === null || h.organizationId === n.organizationId ? [general(h)] : [],
    ),
  };
}

export function assertNoticeOfProject(n: PublicationNotice | null, projectId: string): asserts n is PublicationNotice {
  if (!n || n.projectId !== projectId) throw new NotFoundError(msg('publication.notFound'));
}

/** Summary for lists: the state and the days left until the last open deadline (null when none is running). */
export function daysLeft(n: PublicationNotice, now: Date): number | null {
  const pending = n.answers.filter((a) => a.status === 'pending').map((a) => a.deadline);
  if (!pending.length || n.state === 'cleared') return null;
  return remainingDays(pending.sort().pop()!, now);
}
