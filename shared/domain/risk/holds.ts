import { canonicalJson } from '../audit';
import type { DeclarationDraft } from '../declaration';
import { ConflictError } from '../errors';
import { cmp } from './context';
import { ACTIVE_STATUSES, type Flag } from './lifecycle';
import { BLOCKING_SEVERITIES, IEF_RULE_IDS, severityRank, type Severity } from './types';
import { msg, type Msg } from '../i18n/catalog';

/**
 * Holds and gates read from the stored flags (docs/risk.md):
 * - while an IEF flag on a partner is open or acknowledged (not waived, mitigated or closed), any exclusive
 *   access right, assignment or transfer of results TO that partner is refused (409 naming the flag);
 * - open (or acknowledged) high and critical flags block the workflow gates (legal review, committee).
 */

export interface ActiveHold {
  flagId: string;
  ruleId: string;
  organizationId: string;
}

const isActive = (f: Flag) => ACTIVE_STATUSES.includes(f.status);

/** IEF flags that hold a partner: open or acknowledged, with a hold. Sorted by organization, flag id. */
export function activeIefHolds(flags: readonly Flag[]): ActiveHold[] {
  return flags
    .filter((f) => isActive(f) && IEF_RULE_IDS.includes(f.ruleId) && f.holds?.kind === 'ief')
    .map((f) => ({ flagId: f.id, ruleId: f.ruleId, organizationId: f.holds!.organizationId }))
    .sort((a, b) => cmp(a.organizationId, b.organizationId) || cmp(a.flagId, b.flagId));
}

/** Open (or acknowledged) high/critical flags: the workflow's `openBlockingFlags`. Most severe first. */
export function blockingFlags(flags: readonly Flag[]): { id: string; ruleId: string; severity: Severity }[] {
  return flags
    .filter((f) => isActive(f) && BLOCKING_SEVERITIES.includes(f.severity))
    .map((f) => ({ id: f.id, ruleId: f.ruleId, severity: f.severity }))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || cmp(a.ruleId, b.ruleId) || cmp(a.id, b.id));
}

/** Both gates in the workflow's shape (`WorkflowGates`). */
export function workflowGates(flags: readonly Flag[]): {
  openBlockingFlags: { id: string; ruleId: string; severity: string }[];
  iefHolds: { flagId: string; orgId: string }[];
} {
  return {
    openBlockingFlags: blockingFlags(flags),
    iefHolds: activeIefHolds(flags).map((h) => ({ flagId: h.flagId, orgId: h.organizationId })),
  };
}

export type HoldKind = 'exclusive-access' | 'assignment' | 'transfer';

const KIND_TEXT: Record<HoldKind, Msg> = {
  'exclusive-access': msg('hold.kind.exclusiveAccess'),
  assignment: msg('hold.kind.assignment'),
  transfer: msg('hold.kind.transfer'),
};

/**
 * Throws a ConflictError (409) when `organizationId` is held by an open IEF flag. `extra` names the flag(s):
 * `{ holds: [{ flagId, ruleId, organizationId }], organizationId, kind }`.
 */
export function assertNoHold(flags: readonly Flag[], req: { organizationId: string; kind: HoldKind }): void {
  const holds = activeIefHolds(flags).filter((h) => h.organizationId === req.organizationId);
  if (!holds.length) return;
  throw new ConflictError(
    msg('hold.refused', { kind: KIND_TEXT[req.kind], organizationId: req.organizationId, flags: holds.map((h) => `${h.flagId} (${h.ruleId})`) }),
    { extra: { holds, organizationId: req.organizationId, kind: req.kind } },
  );
}

export interface HoldViolation {
  kind: HoldKind;
  /** Slash path in the declaration, e.g. `accessRights/3` or `results/1/ownership/0`. */
  path: string;
  accessRightKey?: string;
  resultKey?: string;
  organizationId: string;
  flagIds: string[];
}

export interface HoldCheckOptions {
  /** The declaring organization: its own shares in its results are not a transfer to it. */
  organizationId?: string;
  /**
   * The stored version: when given, only what the new version adds is a violation (a new or newly exclusive
   * right to the held partner, a new or larger share for it), so a declaration saved before the hold stays
   * editable.
   */
  previous?: DeclarationDraft | null;
}

/**
 * What a declaration would give a held partner: exclusive access rights whose beneficiary is held (either
 * direction), and co-ownership shares of results given to a held partner other than the declaring
 * organization (a transfer). The store refuses the save when the list is not empty.
 */
export function declarationHoldViolations(declaration: DeclarationDraft, flags: readonly Flag[], opts: HoldCheckOptions = {}): HoldViolation[] {
  const held = new Map<string, string[]>();
  for (const h of activeIefHolds(flags)) held.set(h.organizationId, [...(held.get(h.organizationId) ?? []), h.flagId]);
  if (!held.size) return [];
  const prev = opts.previous ?? null;
  const prevRights = new Map((prev?.accessRights ?? []).map((r) => [r.key, r]));
  const prevResults = new Map((prev?.results ?? []).map((r) => [r.key, r]));
  const out: HoldViolation[] = [];

  (declaration.accessRights ?? []).forEach((ar, i) => {
    const b = ar.beneficiaryOrganizationId;
    if (!ar.exclusive || !b || !held.has(b)) return;
    const before = prevRights.get(ar.key);
    if (prev && before && before.exclusive === true && before.beneficiaryOrganizationId === b && sameSubject(before.subject, ar.subject)) return;
    out.push({ kind: 'exclusive-access', path: `accessRights/${i}`, accessRightKey: ar.key, organizationId: b, flagIds: held.get(b)! });
  });

  (declaration.results ?? []).forEach((r, i) => {
    (r.ownership ?? []).forEach((s, j) => {
      const o = s.organizationId;
      if (!o || o === opts.organizationId || !held.has(o)) return;
      const before = prevResults.get(r.key)?.ownership?.find((x) => x.organizationId === o);
      if (prev && before && (before.pct ?? 0) >= (s.pct ?? 0)) return;
      out.push({ kind: 'transfer', path: `results/${i}/ownership/${j}`, resultKey: r.key, organizationId: o, flagIds: held.get(o)! });
    });
  });
  return out;
}

const sameSubject = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** Throws a 409 naming each violation and its flag(s) (see {@link declarationHoldViolations}). */
export function assertNoDeclarationHoldViolations(declaration: DeclarationDraft, flags: readonly Flag[], opts: HoldCheckOptions = {}): void {
  const violations = declarationHoldViolations(declaration, flags, opts);
  if (!violations.length) return;
  const flagIds = [...new Set(violations.flatMap((v) => v.flagIds))].sort(cmp);
  throw new ConflictError(msg('hold.declarationRefused', { count: violations.length, flags: flagIds }), { extra: { violations, flagIds } });
}
