import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { flagSchema } from '../flag-schema';
import { canonicalJson, sha256Hex } from '../audit';
import { idSchema, text } from '../common';
import { QUERY_TEXT_MAX_LENGTH } from '../limits';
import { itemKeySchema } from '../declaration';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { orgIdSchema } from '../organization';
import { fieldError } from '../validation';
import { canonicalCopy, cmp } from './context';
import { compareFindings } from './engine';
import { MANUAL_RULE_ID, SEVERITIES, type Finding } from './types';
import { msg } from '../i18n/catalog';

/**
 * Flags as stored, and their lifecycle (docs/risk.md): pure functions over plain data, time as a parameter.
 *
 * - {@link reconcile} merges a fresh evaluation into the stored flags: one flag per fingerprint (never a twin);
 *   a flag whose condition disappeared is closed; a closed flag whose condition returns is reopened; a waived or
 *   mitigated flag stays so while its evidence hash is unchanged and reopens when the evidence changes; manual
 *   flags are never touched. History is append-only.
 * - {@link applyAction}: the staff actions acknowledge, mitigate (with a note), waive (legal only, with a
 *   justification of at least 20 characters), reopen.
 * - {@link createManualFlag}: a flag added by hand by the legal staff.
 */

export const FLAG_STATUSES = ['open', 'acknowledged', 'mitigated', 'waived', 'closed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];
/** Statuses in which a flag still needs attention (it blocks gates when high/critical; an IEF flag holds). */
export const ACTIVE_STATUSES: readonly FlagStatus[] = ['open', 'acknowledged'];

export const FLAG_ACTIONS = ['acknowledge', 'mitigate', 'waive', 'reopen'] as const;
export type FlagAction = (typeof FLAG_ACTIONS)[number];

/** Staff actions, plus what re-evaluation does on its own (`created`, `updated`, `auto-closed`, `auto-reopened`). */
export type FlagHistoryAction = FlagAction | 'created' | 'updated' | 'auto-closed' | 'auto-reopened';

export interface FlagHistoryEntry {
  at: string;
  action: FlagHistoryAction;
  /** `sub` of the staff member; absent for re-evaluation. */
  by?: string;
  /** Role and e-mail of the staff member (absent for re-evaluation, and in entries recorded before they were). */
  byRole?: string;
  byEmail?: string;
  note?: string;
  /** Why re-evaluation closed it, when known (`cause-withdrawn`). */
  reason?: 'cause-withdrawn';
  from: FlagStatus | null;
  to: FlagStatus;
}

export interface FlagWaiver {
  justification: string;
  by: string;
  at: string;
  /** The evidence the waiver was given on: new evidence reopens the flag. */
  evidenceHash: string;
}

/** A flag: the output of its schema (../flag-schema.ts), so the two cannot drift. */
export type Flag = z.output<typeof flagSchema>;

/** Who acts (a Principal or an audit Actor fits). */
export interface FlagActor {
  sub: string;
  role: string;
  email?: string | null | undefined;
  organizationId?: string | undefined;
  name?: string | undefined;
}

const iso = (d: Date | string): string => (typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());

/** Flag id of a finding: `flg_` + 32 hex of SHA-256 over (scope, fingerprint); scope = the project id when given. */
export const flagIdFor = (fingerprint: string, scope = ''): string => `flg_${sha256Hex(`${scope}\u0000${fingerprint}`).slice(0, 32)}`;

// ---------------------------------------------------------------------------------------------------------
// Reconcile

export interface ReconcileResult {
  /** Every flag created or changed (write these). */
  upserts: Flag[];
  created: Flag[];
  /** Closed automatically by this evaluation. */
  closed: Flag[];
  /** Reopened automatically: the condition returned (was closed) or the evidence changed (was waived/mitigated). */
  reopened: Flag[];
}

export interface ReconcileOptions {
  /** Mixed into new flag ids (the project id), so equal fingerprints in two projects get different ids. */
  scope?: string;
  /** Overrides the id of new flags. */
  idFor?: (f: Finding) => string;
  /** Why a flag closes, when the caller knows better than "the condition is no longer present" (a withdrawn cause). */
  closeReason?: (f: Flag) => CloseReason | undefined;
}

/** Why a flag was closed automatically, in French and English (set on the flag while it stays closed). */
export interface CloseReason {
  code: 'cause-withdrawn';
  fr: string;
  en: string;
}

/** The reason of a flag closed because the control event it rested on was withdrawn ("cause retirée"). */
export function causeWithdrawn(controlEventId: string, reason: string): CloseReason {
  return {
    code: 'cause-withdrawn',
    fr: `Cause retirée : l'événement de contrôle ${controlEventId} a été retiré (${reason}).`,
    en: `Cause withdrawn: control event ${controlEventId} was withdrawn (${reason}).`,
  };
}

/** Whether the flag's evidence rests on control event `id` (IEF-ACQUISITION names its event(s) in the evidence). */
export function restsOnControlEvent(f: Flag, id: string): boolean {
  const ev = f.evidence as { event?: { id?: unknown }; events?: unknown };
  return ev.event?.id === id || (Array.isArray(ev.events) && ev.events.some((e) => (e as { id?: unknown } | null)?.id === id));
}

/** The fields a finding owns on its flag. */
function fromFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    ruleVersion: f.ruleVersion,
    title: { ...f.title },
    severity: f.severity,
    subject: canonicalCopy(f.subject),
    explanation: { ...f.explanation },
    evidence: f.evidence,
    evidenceHash: f.evidenceHash,
  };
}

function withFinding(flag: Flag, f: Finding): Flag {
  const next: Flag = { ...flag, ...fromFinding(f) };
  if (f.holds) next.holds = { kind: 'ief', organizationId: f.holds.organizationId };
  else delete next.holds;
  return next;
}

/** Whether the fields a finding owns are the same on both flags (the evidence compares by its hash). */
const sameOwned = (a: Flag, b: Flag): boolean =>
  a.ruleId === b.ruleId &&
  a.ruleVersion === b.ruleVersion &&
  a.severity === b.severity &&
  a.evidenceHash === b.evidenceHash &&
  a.title.fr === b.title.fr &&
  a.title.en === b.title.en &&
  a.explanation.fr === b.explanation.fr &&
  a.explanation.en === b.explanation.en &&
  a.holds?.organizationId === b.holds?.organizationId &&
  canonicalJson(a.subject) === canonicalJson(b.subject);

/** Severity descending, rule id, fingerprint, id. */
export const compareFlags = (a: Flag, b: Flag): number => compareFindings(a, b) || cmp(a.id, b.id);

/**
 * Merges `findings` (one evaluation of one project) into `existing` (that project's stored flags). Pure: the
 * inputs are not changed; the result lists the flags to write. Applying it and reconciling again with the same
 * findings changes nothing.
 */
export function reconcile(existing: readonly Flag[], findings: readonly Finding[], now: Date | string, opts: ReconcileOptions = {}): ReconcileResult {
  const at = iso(now);
  // One stored flag per fingerprint; should twins exist (they should not), the active one, then the oldest id, is used.
  const byFp = new Map<string, Flag>();
  for (const fl of [...existing].sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || cmp(a.id, b.id))) {
    if (!fl.manual && !byFp.has(fl.fingerprint)) byFp.set(fl.fingerprint, fl);
  }
  const seen = new Set<string>();
  const created: Flag[] = [];
  const closed: Flag[] = [];
  const reopened: Flag[] = [];
  const updated: Flag[] = [];

  const uniqueFindings = new Map<string, Finding>();
  for (const f of findings) {
    const prev = uniqueFindings.get(f.fingerprint);
    if (!prev || compareFindings(f, prev) < 0) uniqueFindings.set(f.fingerprint, f);
  }

  for (const f of [...uniqueFindings.values()].sort(compareFindings)) {
    seen.add(f.fingerprint);
    const e = byFp.get(f.fingerprint);
    if (!e) {
      const flag = withFinding(
        {
          id: opts.idFor ? opts.idFor(f) : flagIdFor(f.fingerprint, opts.scope),
          fingerprint: f.fingerprint,
          status: 'open',
          manual: false,
          history: [{ at, action: 'created', from: null, to: 'open' }],
          createdAt: at,
          updatedAt: at,
          ...fromFinding(f),
        },
        f,
      );
      created.push(flag);
      continue;
    }
    const evidenceChanged = e.evidenceHash !== f.evidenceHash;
    if (e.status === 'closed' || ((e.status === 'waived' || e.status === 'mitigated') && evidenceChanged)) {
      const next = withFinding(e, f);
      next.status = 'open';
      delete next.waiver;
      delete next.closeReason;
      next.history = [
        ...e.history,
        { at, action: 'auto-reopened', from: e.status, to: 'open', note: e.status === 'closed' ? 'The condition is present again.' : 'The evidence changed.' },
      ];
      next.updatedAt = at;
      reopened.push(next);
      continue;
    }
    const next = withFinding(e, f);
    if (sameOwned(next, e)) continue;
    const notes: string[] = [];
    if (evidenceChanged) notes.push('The evidence changed.');
    if (next.severity !== e.severity) notes.push(`Severity ${e.severity} → ${next.severity}.`);
    if (notes.length) next.history = [...e.history, { at, action: 'updated', from: e.status, to: e.status, note: notes.join(' ') }];
    next.updatedAt = at;
    updated.push(next);
  }

  for (const e of byFp.values()) {
    if (seen.has(e.fingerprint) || e.status === 'closed') continue;
    const why = opts.closeReason?.(e);
    closed.push({
      ...e,
      status: 'closed',
      ...(why ? { closeReason: why } : {}),
      history: [
        ...e.history,
        why
          ? { at, action: 'auto-closed', from: e.status, to: 'closed', reason: why.code, note: `${why.en} / ${why.fr}` }
          : { at, action: 'auto-closed', from: e.status, to: 'closed', note: 'The condition is no longer present.' },
      ],
      updatedAt: at,
    });
  }

  created.sort(compareFlags);
  closed.sort(compareFlags);
  reopened.sort(compareFlags);
  return { upserts: [...created, ...reopened, ...updated, ...closed].sort(compareFlags), created, closed, reopened };
}

/** `existing` with the flags of a reconcile result written over it (what the store holds afterwards). */
export function applyReconcile(existing: readonly Flag[], result: ReconcileResult): Flag[] {
  const m = new Map(existing.map((f) => [f.id, f]));
  for (const f of result.upserts) m.set(f.id, f);
  return [...m.values()].sort(compareFlags);
}

// ---------------------------------------------------------------------------------------------------------
// Staff actions

export const MIN_WAIVER_JUSTIFICATION = 20;

/** Body of `POST /projects/{id}/flags/{flagId}/actions`. */
export const flagActionBodySchema = z.strictObject({
  action: z.enum(FLAG_ACTIONS),
  note: text(2000).optional(),
  justification: text(2000).optional(),
});
export type FlagActionBody = z.output<typeof flagActionBodySchema>;

export interface FlagActionRequest extends FlagActionBody {
  actor: FlagActor;
  now: Date | string;
}

/** Allowed transitions: action → statuses it applies to → status after. */
const TRANSITIONS: Record<FlagAction, { from: readonly FlagStatus[]; to: FlagStatus }> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  mitigate: { from: ['open', 'acknowledged'], to: 'mitigated' },
  waive: { from: ['open', 'acknowledged', 'mitigated'], to: 'waived' },
  reopen: { from: ['acknowledged', 'mitigated', 'waived'], to: 'open' },
};

/** Roles that act on flags (the route's roles); only the legal staff waive. */
const ACTING_ROLES: readonly string[] = ['legal', 'committee'];

/** The actions `role` may take on a flag in `status` (what {@link applyAction} accepts); closed flags take none. */
export function flagActionsFor(status: FlagStatus, role: string): FlagAction[] {
  if (!ACTING_ROLES.includes(role)) return [];
  return FLAG_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status) && (a !== 'waive' || role === 'legal'));
}

/** Who made a history entry: sub, role and (when known) e-mail. */
const byOf = (actor: FlagActor) => ({ by: actor.sub, byRole: actor.role, ...(actor.email ? { byEmail: actor.email } : {}) });

/**
 * Applies a staff action, returning the new flag (the input is not changed) or throwing:
 * ForbiddenError (403) when someone other than the legal staff waives; ValidationError (400) for a waiver
 * justification under 20 characters (path `justification`) or a mitigation without a note (path `note`);
 * ConflictError (409) for a transition the flag's status does not allow (closed flags take no action).
 */
export function applyAction(flag: Flag, req: FlagActionRequest): Flag {
  const { action, actor } = req;
  if (!(FLAG_ACTIONS as readonly string[]).includes(action)) {
    throw new ValidationError(msg('flag.unknownAction'), { errors: [fieldError(['action'], msg('field.mustBeOneOf', { values: FLAG_ACTIONS }))] });
  }
  if (action === 'waive' && actor.role !== 'legal') throw new ForbiddenError(msg('flag.waiveLegalOnly'));
  const note = req.note?.trim() || undefined;
  const justification = req.justification?.trim() || undefined;
  if (action === 'waive' && (!justification || justification.length < MIN_WAIVER_JUSTIFICATION)) {
    throw new ValidationError(msg('flag.waiverNeedsJustification'), {
      errors: [fieldError(['justification'], msg('flag.waiverJustificationMin', { min: MIN_WAIVER_JUSTIFICATION }))],
    });
  }
  if (action === 'mitigate' && !note) {
    throw new ValidationError(msg('flag.mitigationNeedsNote'), { errors: [fieldError(['note'], msg('flag.mitigationNote'))] });
  }
  const t = TRANSITIONS[action];
  if (!t.from.includes(flag.status)) {
    throw new ConflictError(
      flag.status === 'closed' ? msg('flag.closed', { flagId: flag.id }) : msg('flag.actionNotAllowed', { action, flagId: flag.id, status: flag.status }),
      // `flagStatus`, not `status`: the problem's `status` is the HTTP status.
      { extra: { flagId: flag.id, flagStatus: flag.status, action } },
    );
  }
  const at = iso(req.now);
  const next: Flag = {
    ...flag,
    status: t.to,
    updatedAt: at,
    history: [
      ...flag.history,
      { at, action, ...byOf(actor), from: flag.status, to: t.to, ...(action === 'waive' ? { note: justification! } : note ? { note } : {}) },
    ],
  };
  if (action === 'waive') next.waiver = { justification: justification!, by: actor.sub, at, evidenceHash: flag.evidenceHash };
  else if (action === 'reopen') delete next.waiver;
  return next;
}

// ---------------------------------------------------------------------------------------------------------
// Manual flags

export const flagSubjectSchema = z.strictObject({
  organizationId: orgIdSchema.optional(),
  itemKey: itemKeySchema.optional(),
  resultKey: itemKeySchema.optional(),
  accessRightKey: itemKeySchema.optional(),
  controlEventId: idSchema('cev').optional(),
  shareholderName: text(200).optional(),
});

/** Body of `POST /projects/{id}/flags` (legal only). */
export const manualFlagBodySchema = z.strictObject({
  ruleId: z.literal(MANUAL_RULE_ID).default(MANUAL_RULE_ID),
  title: text(300),
  severity: z.enum(SEVERITIES),
  explanation: text(5000),
  subject: flagSubjectSchema.optional(),
});
export type ManualFlagBody = z.output<typeof manualFlagBodySchema>;

/**
 * A flag added by hand (legal only, else ForbiddenError). Its fingerprint includes its id, so it never meets an
 * engine finding; re-evaluation never closes it. The text is stored as typed, in both language slots.
 */
export function createManualFlag(body: ManualFlagBody, opts: { actor: FlagActor; now: Date | string; id?: string }): Flag {
  if (opts.actor.role !== 'legal') throw new ForbiddenError(msg('flag.addLegalOnly'));
  const id = opts.id ?? `flg_${randomUUID().replace(/-/g, '')}`;
  const at = iso(opts.now);
  const subject = canonicalCopy(body.subject ?? {});
  const evidence = canonicalCopy({ manual: true, title: body.title, explanation: body.explanation, subject, enteredBy: opts.actor.sub });
  return {
    id,
    fingerprint: sha256Hex(canonicalJson({ ruleId: MANUAL_RULE_ID, subject, id })),
    ruleId: MANUAL_RULE_ID,
    ruleVersion: 1,
    title: { fr: body.title, en: body.title },
    severity: body.severity,
    status: 'open',
    subject,
    explanation: { fr: body.explanation, en: body.explanation },
    evidence,
    evidenceHash: sha256Hex(canonicalJson(evidence)),
    manual: true,
    history: [{ at, action: 'created', ...byOf(opts.actor), from: null, to: 'open' }],
    createdAt: at,
    updatedAt: at,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Listing

const csvEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(QUERY_TEXT_MAX_LENGTH, { message: `At most ${QUERY_TEXT_MAX_LENGTH} characters`, abort: true })
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1, `One or more of: ${values.join(', ')}`));

/** Query of `GET /projects/{id}/flags` and `GET /flags`: `status=open,acknowledged&severity=high,critical`. */
export const flagFilterSchema = z.strictObject({
  status: csvEnum(FLAG_STATUSES).optional(),
  severity: csvEnum(SEVERITIES).optional(),
});
export type FlagFilter = z.output<typeof flagFilterSchema>;

export function filterFlags<F extends Flag>(flags: readonly F[], filter: FlagFilter): F[] {
  return flags
    .filter((f) => (!filter.status || filter.status.includes(f.status)) && (!filter.severity || filter.severity.includes(f.severity)))
    .sort(compareFlags);
}
