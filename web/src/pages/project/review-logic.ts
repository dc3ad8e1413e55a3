/**
 * What the signed-in user may do on the project page (pure, no DOM): the flag actions per status and role, who
 * decides a workflow step, what blocks an approval, and a problem's field errors. The server decides in the end;
 * these rules mirror it so the page offers only what it will accept (test/unit/web-review.test.ts compares them
 * with shared/domain).
 */

export const FLAG_ACTIONS = ['acknowledge', 'mitigate', 'waive', 'reopen'] as const;
export type FlagAction = (typeof FLAG_ACTIONS)[number];
export type FlagStatus = 'open' | 'acknowledged' | 'mitigated' | 'waived' | 'closed';

/** Statuses each action applies to (shared/domain/risk/lifecycle.ts TRANSITIONS). */
const FROM: Record<FlagAction, readonly FlagStatus[]> = {
  acknowledge: ['open'],
  mitigate: ['open', 'acknowledged'],
  waive: ['open', 'acknowledged', 'mitigated'],
  reopen: ['acknowledged', 'mitigated', 'waived'],
};

/** The actions `role` may take on a flag in `status`: legal staff and the committee act, only legal staff waive. */
export function flagActionsFor(status: FlagStatus, role: string): FlagAction[] {
  if (role !== 'legal' && role !== 'committee') return [];
  return FLAG_ACTIONS.filter((a) => FROM[a].includes(status) && (a !== 'waive' || role === 'legal'));
}

/** What each action asks for: a required justification (waive), a required note (mitigate), an optional note. */
export const ACTION_FIELD: Record<FlagAction, { field: 'justification' | 'note'; required: boolean }> = {
  acknowledge: { field: 'note', required: false },
  mitigate: { field: 'note', required: true },
  waive: { field: 'justification', required: true },
  reopen: { field: 'note', required: false },
};

export interface Assignee {
  role: string;
  orgId?: string | null;
  email?: string | null;
}
export interface User {
  role: string;
  email?: string | null;
  organizationId?: string | null;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether `user` decides a step of `assignee` (shared/domain/workflow.ts isAssignee). */
export function canDecide(assignee: Assignee, user: User): boolean {
  switch (assignee.role) {
    case 'partner':
      return user.role === 'partner' && !!user.organizationId && user.organizationId === assignee.orgId;
    case 'lawyer':
      return user.role === 'lawyer' && same(user.email, assignee.email);
    case 'legal':
    case 'committee':
      return user.role === assignee.role && (!assignee.email || same(user.email, assignee.email));
    default:
      return false;
  }
}

export interface Gates {
  blockingFlags: { id: string; ruleId: string; severity: string }[];
  iefHolds: { flagId: string; orgId: string }[];
}

/** What would refuse approving a step of `kind` now: open high/critical flags (legal review, committee), IEF holds (committee). */
export function gateFor(kind: string, gates: Gates | undefined): Gates {
  if (!gates || (kind !== 'legal-review' && kind !== 'committee')) return { blockingFlags: [], iefHolds: [] };
  return { blockingFlags: gates.blockingFlags, iefHolds: kind === 'committee' ? gates.iefHolds : [] };
}

export interface ProblemLike {
  title?: string;
  detail?: string;
  errors?: { path?: string; pointer?: string; message: string }[];
  [k: string]: unknown;
}

/** The problem's field errors by top-level field (`justification`, `comment`, `changesRequestedFrom`…); messages joined. */
export function fieldErrors(problem: ProblemLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const field = (e.pointer ? e.pointer.slice(1) : (e.path ?? '')).split(/[/.]/)[0] ?? '';
    out[field] = out[field] ? `${out[field]} ${e.message}` : e.message;
  }
  return out;
}
