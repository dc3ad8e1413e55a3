import * as z from 'zod';
import type { pendingStepSchema, workflowStateSchema } from './workflow-schema';
import type { Principal, Role } from './access';
import { canonicalJson, sha256Hex } from './audit';
import { dueDate as computeDueDate } from './calendar';
import { emailSchema, text } from './common';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors';
import { orgIdSchema } from './organization';
import { fieldError, parseOrThrow, type ProblemFieldError } from './validation';
import { msg, zodText, type Msg } from './i18n/catalog';

/**
 * The approval workflow of one project (docs/reference/design.md §1.4, docs/workflow.md), as a pure state machine.
 *
 * declarations → partner-approval (one step per partner, in parallel) → legal-review → [lawyer-opinion]
 * → committee → agreement → signatures → signed.
 *
 * Every function takes a state and returns `{ state, effects }` (the input is never mutated) or throws a
 * typed DomainError. `effects` tell the store layer what to audit, which due-date index entries to add or
 * remove and whom to email. Time is always a parameter; nothing here reads the clock.
 *
 * The one rule that makes the rest follow — content binding: a decision counts only while the IP-file hash
 * it was made on is the current one. After every change, {@link settle} walks the step groups in order,
 * keeps what is approved on the current hash, (re)opens the first group that is not, and resets everything
 * after it. So a new submitted version re-opens every partner approval (and sends a later stage back to
 * partner-approval), and `signed` is reachable only when every required approval is on the final hash.
 */

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

export const STAGES = ['declarations', 'partner-approval', 'legal-review', 'lawyer-opinion', 'committee', 'agreement', 'signatures', 'signed'] as const;
export type StageId = (typeof STAGES)[number];

/** The stages whose steps take decisions. */
export const STEP_KINDS = ['partner-approval', 'legal-review', 'lawyer-opinion', 'committee'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const DECISIONS = ['approve', 'request-changes', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export type WorkflowStatus = 'active' | 'rejected' | 'signed';

export interface SlaDays {
  partner: number;
  legal: number;
  lawyer: number;
  committee: number;
}
export const DEFAULT_SLA_DAYS: Readonly<SlaDays> = Object.freeze({ partner: 10, legal: 5, lawyer: 10, committee: 15 });

const SLA_KEY: Record<StepKind, keyof SlaDays> = {
  'partner-approval': 'partner',
  'legal-review': 'legal',
  'lawyer-opinion': 'lawyer',
  committee: 'committee',
};

export interface LawyerOpinionConfig {
  enabled: boolean;
  /** Lower-cased; set exactly when `enabled`. */
  lawyerEmail: string | null;
}

export interface WorkflowConfig {
  slaDays: SlaDays;
  lawyerOpinion: LawyerOpinionConfig;
  /**
   * Calendar days the committee has to decide a change of control after signature (docs/change-of-control.md);
   * absent = 30 (workflows stored before it existed have none).
   */
  controlReviewDays?: number;
}

/** Who decided: the token's identity (same shape as the audit log's actor). */
export interface DecisionActor {
  sub: string;
  email: string | null;
  role: Role;
  org: string | null;
}

/**
 * Who may decide a step. Partner steps name the organization (its legal representatives are resolved by the
 * store); the lawyer step names a person by email; legal and committee steps name the role (the store's staff
 * directory turns it into people for tasks and reminders).
 */
export interface Assignee {
  role: Role;
  orgId: string | null;
  email: string | null;
}

export interface DecisionRecord {
  decision: Decision;
  comment: string;
  /** For request-changes: the partner organizations sent back to declarations; otherwise null. */
  changesRequestedFrom: string[] | null;
  by: DecisionActor;
  /** ISO instant. */
  at: string;
  /** The IP-file hash the decision was made on. */
  ipFileHash: string;
}

export interface DeclarationEntry {
  orgId: string;
  /** Content hash of the current submitted version; null while not (or no longer) submitted. */
  contentHash: string | null;
  submittedAt: string | null;
}

export type StepStatus = 'waiting' | 'open' | 'decided';

export interface StepState {
  /** `partner-approval:<orgId>`, `legal-review`, `lawyer-opinion` or `committee`. */
  stepId: string;
  kind: StepKind;
  assignee: Assignee;
  status: StepStatus;
  /** Set while open (and kept once decided): when it opened, its due date, the IP-file hash it was opened for. */
  openedAt: string | null;
  dueDate: string | null;
  openedFor: string | null;
  decision: DecisionRecord | null;
}

export interface AgreementRef {
  agreementId: string;
  hash: string;
  generatedAt: string;
  ipFileHash: string;
}

export interface SignatureEntry {
  orgId: string;
  signedAt: string;
  agreementId: string;
}

export type HistoryAction =
  | 'created'
  | 'submission-recorded'
  | 'decision'
  | 'stage-changed'
  | 'approvals-reopened'
  | 'workflow-reopened'
  | 'config-changed'
  | 'agreement-generated'
  | 'signature-recorded'
  | 'workflow-signed';

export interface HistoryEntry {
  seq: number;
  at: string;
  action: HistoryAction;
  by: DecisionActor | null;
  /** The stage after the entry's change. */
  stage: StageId;
  stepId: string | null;
  ipFileHash: string | null;
  detail: Record<string, unknown> | null;
}

/** Plain JSON: `JSON.parse(JSON.stringify(state))` is deep-equal to `state` (no undefined, no Date). */
/** The output type of its schema (./workflow-schema.ts), so the two cannot drift. */
export type WorkflowState = z.output<typeof workflowStateSchema>;

export type StepCloseReason = 'superseded' | 'changes-requested' | 'workflow-rejected' | 'cancelled' | 'reassigned';

export type WorkflowEffect =
  | { type: 'workflow-created'; partners: string[] }
  | { type: 'submission-recorded'; orgId: string; contentHash: string; ipFileHash: string | null }
  | { type: 'stage-changed'; from: StageId; to: StageId }
  | { type: 'step-opened'; stepId: string; kind: StepKind; assignee: Assignee; dueDate: string; ipFileHash: string }
  /** An open step closed without a decision: drop it from the due-date index, stop its reminders. */
  | { type: 'step-closed'; stepId: string; reason: StepCloseReason }
  /** A step decided: drop it from the due-date index, stop its reminders, audit the decision. */
  | { type: 'step-decided'; stepId: string; decision: DecisionRecord }
  | { type: 'due-date-changed'; stepId: string; dueDate: string }
  /** Partner approvals made or opened on an older IP file were re-opened: tell those partners. */
  | { type: 'approvals-reopened'; orgIds: string[]; ipFileHash: string }
  | { type: 'changes-requested'; stepId: string; orgIds: string[]; by: DecisionActor }
  | { type: 'workflow-rejected'; stepId: string; by: DecisionActor }
  | { type: 'workflow-reopened'; by: DecisionActor }
  | { type: 'config-changed'; config: WorkflowConfig; by: DecisionActor }
  /** The pending agreement no longer stands (the IP file changed, or legal staff reopened): tell the partners. */
  | { type: 'agreement-invalidated'; agreementId: string; orgIds: string[]; reason: string | null }
  /** An agreement is ready for signature: tell the partners. */
  | { type: 'agreement-recorded'; agreementId: string; hash: string; replaced: string | null; orgIds: string[] }
  | { type: 'signature-recorded'; orgId: string; agreementId: string }
  /** Every partner signed: the IP file is locked. Tell the partners. */
  | { type: 'workflow-signed'; ipFileHash: string; agreementId: string; orgIds: string[] };

export interface WorkflowResult {
  state: WorkflowState;
  effects: WorkflowEffect[];
}

/** Supplied by the caller from the risk engine's current view of the project. */
export interface WorkflowGates {
  /** Open flags. Only `high` and `critical` ones block (others passed here are ignored). */
  openBlockingFlags: readonly { id: string; ruleId: string; severity: string }[];
  /** Foreign-investment (IEF) holds: they block the committee step. */
  iefHolds: readonly { flagId: string; orgId: string }[];
}

export const NO_GATES: WorkflowGates = Object.freeze({ openBlockingFlags: [], iefHolds: [] });

// ---------------------------------------------------------------------------------------------------------
// Request schemas

export const slaDaysValueSchema = z
  .number({ message: 'Must be a number of days' })
  .int('Must be a whole number of days')
  .min(1, 'At least 1 day')
  .max(365, 'At most 365 days');

export const slaPatchSchema = z.strictObject({
  partner: slaDaysValueSchema.optional(),
  legal: slaDaysValueSchema.optional(),
  lawyer: slaDaysValueSchema.optional(),
  committee: slaDaysValueSchema.optional(),
});
export type SlaPatch = z.output<typeof slaPatchSchema>;

export const lawyerOpinionInputSchema = z.strictObject({ enabled: z.boolean(), lawyerEmail: emailSchema.nullable().optional() }).superRefine((v, ctx) => {
  if (v.enabled && !v.lawyerEmail) {
    ctx.addIssue({ code: 'custom', path: ['lawyerEmail'], message: 'Required when the lawyer opinion is enabled' });
  }
});
export type LawyerOpinionInput = z.input<typeof lawyerOpinionInputSchema>;

/** The optional configuration given when a workflow starts; anything omitted takes the defaults. */
export const workflowConfigInputSchema = z.strictObject({
  slaDays: slaPatchSchema.optional(),
  lawyerOpinion: lawyerOpinionInputSchema.optional(),
  controlReviewDays: slaDaysValueSchema
    .optional()
    .describe('Calendar days the committee has to decide a change of control after signature (default 30); may change after signature'),
});
export type WorkflowConfigInput = z.input<typeof workflowConfigInputSchema>;

export const COMMENT_MAX = 5000;

/** Body of `POST /projects/{projectId}/workflow/steps/{stepId}/decision`. */
export const decisionRequestSchema = z
  .strictObject({
    decision: z.enum(DECISIONS),
    /** Optional (absent or empty) to approve; required, not blank, to reject or request changes. */
    comment: text(COMMENT_MAX, 0).optional(),
    changesRequestedFrom: z.array(orgIdSchema).max(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== 'approve' && !v.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: zodText('workflow.commentRequired') });
    }
    if (v.decision === 'request-changes') {
      if (!v.changesRequestedFrom || v.changesRequestedFrom.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['changesRequestedFrom'], message: zodText('workflow.namePartner') });
      } else {
        const seen = new Set<string>();
        v.changesRequestedFrom.forEach((o, i) => {
          if (seen.has(o)) ctx.addIssue({ code: 'custom', path: ['changesRequestedFrom', i], message: zodText('field.listedTwice') });
          seen.add(o);
        });
      }
    } else if (v.changesRequestedFrom !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['changesRequestedFrom'], message: zodText('workflow.onlyForRequestChanges') });
    }
  });
export type DecisionRequest = z.output<typeof decisionRequestSchema>;

// ---------------------------------------------------------------------------------------------------------
// Hashes, ids, queries

/** SHA-256 over the canonical JSON of the submitted versions, sorted by organization (then hash). */
export function ipFileHash(submittedVersions: readonly { orgId: string; contentHash: string }[]): string {
  const sorted = submittedVersions
    .map((v) => ({ orgId: v.orgId, contentHash: v.contentHash }))
    .sort((a, b) => cmp(a.orgId, b.orgId) || cmp(a.contentHash, b.contentHash));
  return sha256Hex(canonicalJson(sorted));
}

export const partnerStepId = (orgId: string): string => `partner-approval:${orgId}`;

export function findStep(state: WorkflowState, stepId: string): StepState | undefined {
  return state.steps.find((s) => s.stepId === stepId);
}

/** Whether `p` is one of the people who may decide a step assigned to `assignee`. */
export function isAssignee(assignee: Assignee, p: Principal): boolean {
  switch (assignee.role) {
    case 'partner':
      return p.role === 'partner' && !!p.organizationId && p.organizationId === assignee.orgId;
    case 'lawyer':
      return p.role === 'lawyer' && !!p.email && !!assignee.email && p.email.trim().toLowerCase() === assignee.email;
    case 'legal':
    case 'committee':
      return p.role === assignee.role && (assignee.email === null || (!!p.email && p.email.trim().toLowerCase() === assignee.email));
  }
}

/** The output type of its schema (./workflow-schema.ts), so the two cannot drift. */
export type PendingStep = z.output<typeof pendingStepSchema>;

/** The open steps, sorted by due date (then step id). Empty unless the workflow is active. */
export function pendingSteps(state: WorkflowState): PendingStep[] {
  if (state.status !== 'active') return [];
  return state.steps
    .filter((s) => s.status === 'open')
    .map((s) => ({
      stepId: s.stepId,
      kind: s.kind,
      assignee: { ...s.assignee },
      openedAt: s.openedAt ?? '',
      dueDate: s.dueDate ?? '',
      ipFileHash: s.openedFor ?? '',
    }))
    .sort((a, b) => cmp(a.dueDate, b.dueDate) || cmp(a.stepId, b.stepId));
}

/** The open steps `p` may decide (for `GET /me/tasks`). */
export function pendingStepsFor(state: WorkflowState, p: Principal): PendingStep[] {
  return pendingSteps(state).filter((s) => isAssignee(s.assignee, p));
}

/** Partner organizations whose declaration is awaited (not, or no longer, submitted). */
export function pendingDeclarations(state: WorkflowState): string[] {
  if (state.status !== 'active') return [];
  return state.declarations.filter((d) => d.contentHash === null).map((d) => d.orgId);
}

/** The steps whose approval `signed` requires: every partner, legal-review, lawyer-opinion when enabled, committee. */
export function requiredStepIds(state: WorkflowState): string[] {
  return [...state.partners.map(partnerStepId), 'legal-review', ...(state.config.lawyerOpinion.enabled ? ['lawyer-opinion'] : []), 'committee'];
}

/** Required steps without an approval made on the current IP-file hash (all of them while the file is incomplete). */
export function missingApprovals(state: WorkflowState): string[] {
  const hash = state.ipFileHash;
  return requiredStepIds(state).filter((id) => {
    const step = findStep(state, id);
    return !step || hash === null || !isApprovedOn(step, hash);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Transitions

/** A new workflow at the declarations stage. */
export function createWorkflow(partners: readonly string[], config: WorkflowConfigInput | undefined, now: Date): WorkflowResult {
  const at = iso(now);
  const errors: ProblemFieldError[] = [];
  if (partners.length === 0) errors.push(fieldError(['partners'], msg('workflow.needsPartner')));
  const seen = new Set<string>();
  partners.forEach((o, i) => {
    if (typeof o !== 'string' || o.length === 0) errors.push(fieldError(['partners', i], msg('workflow.mustBeOrganizationId')));
    else if (seen.has(o)) errors.push(fieldError(['partners', i], msg('field.listedTwice')));
    seen.add(o);
  });
  if (errors.length) throw new ValidationError(msg('workflow.partnersInvalid'), { errors });
  const cfg = parseOrThrow(workflowConfigInputSchema, config ?? {}, msg('what.workflowConfiguration'));
  const lawyerEmail = cfg.lawyerOpinion?.enabled ? normEmail(cfg.lawyerOpinion.lawyerEmail ?? '') : null;
  const state: WorkflowState = {
    schemaVersion: 1,
    status: 'active',
    stage: 'declarations',
    partners: [...partners],
    config: {
      slaDays: { ...DEFAULT_SLA_DAYS, ...definedOnly(cfg.slaDays ?? {}) },
      lawyerOpinion: { enabled: lawyerEmail !== null, lawyerEmail },
      ...(cfg.controlReviewDays !== undefined ? { controlReviewDays: cfg.controlReviewDays } : {}),
    },
    ipFileHash: null,
    declarations: partners.map((orgId) => ({ orgId, contentHash: null, submittedAt: null })),
    steps: [],
    agreement: null,
    signatures: [],
    history: [],
    createdAt: at,
    updatedAt: at,
  };
  state.steps = [
    ...partners.map((orgId) => newStep(partnerStepId(orgId), 'partner-approval', { role: 'partner', orgId, email: null })),
    newStep('legal-review', 'legal-review', { role: 'legal', orgId: null, email: null }),
    ...(lawyerEmail ? [newStep('lawyer-opinion', 'lawyer-opinion', { role: 'lawyer', orgId: null, email: lawyerEmail })] : []),
    newStep('committee', 'committee', { role: 'committee', orgId: null, email: null }),
  ];
  log(state, at, 'created', null, null, { partners: [...partners], config: clone(state.config) });
  return { state, effects: [{ type: 'workflow-created', partners: [...partners] }] };
}

/**
 * A partner submitted a declaration version with `contentHash`. Re-submitting the current version changes nothing.
 * When every partner has submitted, partner approvals open. A new version after that changes the IP-file hash:
 * every partner approval re-opens (`approvals-reopened`) and a later stage goes back to partner-approval.
 * While rejected the submission is recorded but nothing opens until legal staff reopen. A signed workflow is locked.
 */
export function recordSubmission(state: WorkflowState, orgId: string, contentHash: string, now: Date, submittedBy?: Principal): WorkflowResult {
  const at = iso(now);
  const s = clone(state);
  const decl = s.declarations.find((d) => d.orgId === orgId);
  if (!decl) throw new NotFoundError(msg('project.notPartner'));
  if (s.status === 'signed') throw new ConflictError(msg('workflow.ipFileLocked'));
  if (typeof contentHash !== 'string' || contentHash.length === 0 || contentHash.length > 256) {
    throw new ValidationError(msg('workflow.invalidContentHash'), { errors: [fieldError(['contentHash'], msg('workflow.mustBeContentHash'))] });
  }
  if (decl.contentHash === contentHash) return { state: s, effects: [] };
  const fx: WorkflowEffect[] = [];
  decl.contentHash = contentHash;
  decl.submittedAt = at;
  s.ipFileHash = currentIpFileHash(s);
  s.updatedAt = at;
  // Who submitted, when a person did; none when the workflow picks up a submission made before it started.
  log(s, at, 'submission-recorded', submittedBy ? toDecisionActor(submittedBy) : null, null, { orgId, contentHash });
  fx.push({ type: 'submission-recorded', orgId, contentHash, ipFileHash: s.ipFileHash });
  settle(s, now, fx, 'superseded');
  return { state: s, effects: fx };
}

export interface DecideInput {
  /** A step id; a partner may also say `partner-approval` for its own organization's step. */
  stepId: string;
  decision: Decision;
  /** Optional to approve; required (not blank) to reject or request changes. */
  comment?: string | undefined;
  changesRequestedFrom?: readonly string[] | undefined;
  actor: Principal;
  now: Date;
  gates: WorkflowGates;
}

/**
 * A decision on an open step. Checks, in order: the step exists (404), the actor is its assignee (403), the
 * workflow is active and the step open and undecided (409), the input (400), the gates for an approval of
 * legal-review or committee (409 with `blockingFlags` and `iefHolds` in `extra`).
 */
export function decide(state: WorkflowState, input: DecideInput): WorkflowResult {
  const { actor, now, gates } = input;
  const at = iso(now);
  const s = clone(state);
  let stepId = input.stepId;
  if (stepId === 'partner-approval') {
    if (actor.role !== 'partner' || !actor.organizationId) throw new ForbiddenError(msg('workflow.partnerOwnApproval'));
    stepId = partnerStepId(actor.organizationId);
  }
  const step = findStep(s, stepId);
  if (!step) throw new NotFoundError(msg('workflow.noSuchStep', { stepId }));
  if (!isAssignee(step.assignee, actor)) throw new ForbiddenError(msg('workflow.assigneeOnly'));
  if (s.status === 'rejected') throw new ConflictError(msg('workflow.rejected'));
  if (s.status === 'signed') throw new ConflictError(msg('workflow.closed'));
  if (step.status === 'decided') throw new ConflictError(msg('workflow.stepAlreadyDecided'));
  if (step.status !== 'open' || s.ipFileHash === null || step.openedFor !== s.ipFileHash) {
    throw new ConflictError(msg('workflow.stepNotOpen', { stage: s.stage }));
  }

  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  const errors: ProblemFieldError[] = [];
  if (!(DECISIONS as readonly string[]).includes(input.decision)) errors.push(fieldError(['decision'], msg('workflow.unknownDecision')));
  if (comment.length > COMMENT_MAX) errors.push(fieldError(['comment'], msg('field.maxChars', { max: COMMENT_MAX })));
  if (input.decision !== 'approve' && comment.length === 0) {
    errors.push(fieldError(['comment'], msg('workflow.commentRequired')));
  }
  let changesRequestedFrom: string[] | null = null;
  if (input.decision === 'request-changes') {
    const list = input.changesRequestedFrom ?? [];
    if (list.length === 0) errors.push(fieldError(['changesRequestedFrom'], msg('workflow.namePartner')));
    const seen = new Set<string>();
    list.forEach((o, i) => {
      if (!s.partners.includes(o)) errors.push(fieldError(['changesRequestedFrom', i], msg('field.notPartner')));
      else if (seen.has(o)) errors.push(fieldError(['changesRequestedFrom', i], msg('field.listedTwice')));
      seen.add(o);
    });
    changesRequestedFrom = [...seen].filter((o) => s.partners.includes(o));
  } else if (input.changesRequestedFrom !== undefined && input.changesRequestedFrom.length > 0) {
    errors.push(fieldError(['changesRequestedFrom'], msg('workflow.onlyForRequestChanges')));
  }
  if (errors.length) throw new ValidationError(msg('workflow.decisionInvalid'), { errors });

  if (input.decision === 'approve' && (step.kind === 'legal-review' || step.kind === 'committee')) {
    const blockingFlags = gates.openBlockingFlags
      .filter((f) => f.severity === 'high' || f.severity === 'critical')
      .map((f) => ({ id: f.id, ruleId: f.ruleId, severity: f.severity }));
    const iefHolds = step.kind === 'committee' ? gates.iefHolds.map((h) => ({ flagId: h.flagId, orgId: h.orgId })) : [];
    if (blockingFlags.length || iefHolds.length) {
      const detail =
        blockingFlags.length && iefHolds.length
          ? msg('workflow.blockedByFlagsAndHolds', { flags: blockingFlags.length, holds: iefHolds.length })
          : blockingFlags.length
            ? msg('workflow.blockedByFlags', { count: blockingFlags.length })
            : msg('workflow.blockedByHolds', { count: iefHolds.length });
      throw new ConflictError(detail, {
        extra: { blockingFlags, iefHolds },
      });
    }
  }

  const by = toDecisionActor(actor);
  const record: DecisionRecord = {
    decision: input.decision,
    comment,
    changesRequestedFrom,
    by,
    at,
    ipFileHash: s.ipFileHash,
  };
  step.status = 'decided';
  step.decision = record;
  s.updatedAt = at;
  log(s, at, 'decision', by, stepId, { ...clone(record) });
  const fx: WorkflowEffect[] = [{ type: 'step-decided', stepId, decision: clone(record) }];

  if (input.decision === 'reject') {
    s.status = 'rejected';
    for (const other of s.steps) if (other.status === 'open') closeStep(other, 'workflow-rejected', fx);
    fx.push({ type: 'workflow-rejected', stepId, by });
    return { state: s, effects: fx };
  }
  if (input.decision === 'request-changes') {
    for (const d of s.declarations) {
      if (changesRequestedFrom!.includes(d.orgId)) {
        d.contentHash = null;
        d.submittedAt = null;
      }
    }
    s.ipFileHash = null;
    fx.push({ type: 'changes-requested', stepId, orgIds: [...changesRequestedFrom!], by });
    settle(s, now, fx, 'changes-requested');
    return { state: s, effects: fx };
  }
  settle(s, now, fx, 'superseded');
  if (step.kind === 'committee' && s.stage !== 'agreement') {
    // Unreachable by construction; a guard so that a bug can never skip an approval.
    throw new ConflictError(msg('workflow.committeeIncomplete'), {
      extra: { missingApprovals: missingApprovals(s) },
    });
  }
  return { state: s, effects: fx };
}

/** Body of `POST /projects/{projectId}/workflow/reopen`. */
export const reopenRequestSchema = z.strictObject({
  /** Why: required to reopen a workflow awaiting signatures (it is sent to the partners), optional after a rejection. */
  reason: text(COMMENT_MAX, 0).optional(),
  /** Awaiting signatures only: the partners whose declarations go back for changes; absent = the committee decides again. */
  changesRequestedFrom: z.array(orgIdSchema).max(100).optional(),
});
export type ReopenRequest = z.output<typeof reopenRequestSchema>;

/**
 * Legal staff reopen the workflow.
 * - Rejected: approvals still bound to the current IP file stand; the rejected step and anything not approved on
 *   the current file re-open (a file changed meanwhile re-opens every partner approval).
 * - Awaiting the agreement or its signatures (before the last signature): the pending agreement is invalidated
 *   (`agreement-invalidated`, with the reason, so the partners are told) and signatures recorded on it no longer
 *   count. With `changesRequestedFrom`, those partners' declarations go back for changes; otherwise the committee
 *   step re-opens and decides again. A reason is required.
 * - Signed: refused (409); the IP file is locked.
 */
export function reopen(state: WorkflowState, actor: Principal, now: Date, input: ReopenRequest = {}): WorkflowResult {
  const at = iso(now);
  assertLegal(actor, msg('workflow.action.reopen'));
  if (state.status === 'signed') throw new ConflictError(msg('workflow.reopenSigned'));
  const awaitingSignatures = state.status === 'active' && (state.stage === 'agreement' || state.stage === 'signatures');
  if (state.status !== 'rejected' && !awaitingSignatures) throw new ConflictError(msg('workflow.reopenRejectedOnly'));
  const parsed = parseOrThrow(reopenRequestSchema, input, msg('what.reopenRequest'));
  const reason = parsed.reason?.trim() ?? '';
  const s = clone(state);
  const by = toDecisionActor(actor);
  const fx: WorkflowEffect[] = [];
  if (state.status === 'rejected') {
    if (parsed.changesRequestedFrom?.length) {
      throw new ValidationError(msg('workflow.reopenInvalid'), { errors: [fieldError(['changesRequestedFrom'], msg('workflow.reopenChangesOnlyAwaiting'))] });
    }
    s.status = 'active';
    s.updatedAt = at;
    log(s, at, 'workflow-reopened', by, null, reason ? { reason } : null);
    fx.push({ type: 'workflow-reopened', by });
    settle(s, now, fx, 'superseded');
    return { state: s, effects: fx };
  }
  const errors: ProblemFieldError[] = [];
  if (!reason) errors.push(fieldError(['reason'], msg('workflow.reopenReasonRequired')));
  const from = parsed.changesRequestedFrom ?? [];
  const seen = new Set<string>();
  from.forEach((o, i) => {
    if (!s.partners.includes(o)) errors.push(fieldError(['changesRequestedFrom', i], msg('field.notPartner')));
    else if (seen.has(o)) errors.push(fieldError(['changesRequestedFrom', i], msg('field.listedTwice')));
    seen.add(o);
  });
  if (errors.length) throw new ValidationError(msg('workflow.reopenInvalid'), { errors });
  s.updatedAt = at;
  log(s, at, 'workflow-reopened', by, null, { reason, changesRequestedFrom: from.length ? [...from] : null });
  fx.push({ type: 'workflow-reopened', by });
  clearAgreement(s, fx, reason);
  if (from.length) {
    for (const d of s.declarations) {
      if (from.includes(d.orgId)) {
        d.contentHash = null;
        d.submittedAt = null;
      }
    }
    s.ipFileHash = null;
    fx.push({ type: 'changes-requested', stepId: 'committee', orgIds: [...from], by });
  } else {
    const committee = s.steps.find((st) => st.kind === 'committee');
    if (committee) resetStep(committee, 'superseded', fx);
  }
  settle(s, now, fx, 'superseded');
  return { state: s, effects: fx };
}

/**
 * Legal staff switch the lawyer opinion on (with the lawyer's email) or off. Allowed until the committee has
 * approved. Enabling it while the committee step is open sends the project to the lawyer first; disabling it
 * while the lawyer step is open moves on to the committee; changing the lawyer re-opens the lawyer step for the
 * new lawyer (with a fresh due date) and voids an opinion the previous lawyer gave. An unchanged setting is a no-op.
 */
export function setLawyerOpinion(state: WorkflowState, input: LawyerOpinionInput, actor: Principal, now: Date): WorkflowResult {
  const at = iso(now);
  assertLegal(actor, msg('workflow.action.configureOpinion'));
  const parsed = parseOrThrow(lawyerOpinionInputSchema, input, msg('what.lawyerOpinionSettings'));
  const next: LawyerOpinionConfig = parsed.enabled
    ? { enabled: true, lawyerEmail: normEmail(parsed.lawyerEmail ?? '') }
    : { enabled: false, lawyerEmail: null };
  const cur = state.config.lawyerOpinion;
  const s = clone(state);
  if (cur.enabled === next.enabled && cur.lawyerEmail === next.lawyerEmail) return { state: s, effects: [] };
  if (s.status === 'signed' || s.stage === 'agreement' || s.stage === 'signatures' || s.stage === 'signed') {
    throw new ConflictError(msg('workflow.opinionLocked'));
  }
  const fx: WorkflowEffect[] = [];
  s.config.lawyerOpinion = next;
  const idx = s.steps.findIndex((st) => st.kind === 'lawyer-opinion');
  const existing = s.steps[idx];
  if (!next.enabled) {
    if (existing) {
      closeStep(existing, 'cancelled', fx);
      s.steps.splice(idx, 1);
    }
  } else if (!existing) {
    const committeeIdx = s.steps.findIndex((st) => st.kind === 'committee');
    s.steps.splice(committeeIdx, 0, newStep('lawyer-opinion', 'lawyer-opinion', { role: 'lawyer', orgId: null, email: next.lawyerEmail }));
  } else {
    resetStep(existing, 'reassigned', fx);
    existing.assignee = { role: 'lawyer', orgId: null, email: next.lawyerEmail };
  }
  const by = toDecisionActor(actor);
  s.updatedAt = at;
  log(s, at, 'config-changed', by, null, { lawyerOpinion: { ...next } });
  fx.push({ type: 'config-changed', config: clone(s.config), by });
  settle(s, now, fx, 'superseded');
  return { state: s, effects: fx };
}

/** The 400 for a lawyer opinion naming someone who is not a lawyer of the project. */
export const namedLawyerNotAssigned = (): ValidationError =>
  new ValidationError(msg('workflow.opinionLawyerNotAssigned'), {
    errors: [fieldError(['lawyerOpinion', 'lawyerEmail'], msg('workflow.assignLawyerFirst'))],
  });

/**
 * The lawyer a workflow configuration names for the lawyer opinion (lower-cased), or null when it names
 * nobody. Only a lawyer assigned to the project (`assignedEmails`, lower-cased) may be named: anyone else
 * would get the task without being able to read the project or decide, and the workflow would be stuck.
 * Throws ValidationError (400, path `lawyerOpinion/lawyerEmail`).
 */
export function assertNamedLawyerAssigned(input: WorkflowConfigInput | undefined, assignedEmails: readonly string[]): string | null {
  const lo = input?.lawyerOpinion;
  if (!lo?.enabled || !lo.lawyerEmail) return null;
  const email = normEmail(lo.lawyerEmail);
  if (!assignedEmails.includes(email)) throw namedLawyerNotAssigned();
  return email;
}

/**
 * Refuses to unassign a lawyer the workflow names for its opinion (409) until the workflow is signed: the
 * step may be open, still to come, or re-opened on a new IP file even after an opinion was given. Legal staff
 * name another lawyer or switch the opinion off first.
 */
export function assertLawyerNotNamed(state: WorkflowState, email: string): void {
  const lo = state.config.lawyerOpinion;
  if (state.status !== 'signed' && lo.enabled && lo.lawyerEmail === normEmail(email)) {
    throw new ConflictError(msg('workflow.lawyerNamedForOpinion'));
  }
}

/**
 * Legal staff change SLA days. Open steps of the changed kinds get their due date recomputed from the moment they
 * opened (`due-date-changed`); later steps use the new values. An unchanged setting is a no-op; a signed workflow is locked.
 */
export function setSla(state: WorkflowState, patch: SlaPatch, actor: Principal, now: Date): WorkflowResult {
  const at = iso(now);
  assertLegal(actor, msg('workflow.action.changeSla'));
  const parsed = parseOrThrow(slaPatchSchema, patch, msg('what.slaSettings'));
  const s = clone(state);
  const merged: SlaDays = { ...s.config.slaDays, ...definedOnly(parsed) };
  const keys = Object.keys(merged) as (keyof SlaDays)[];
  if (keys.every((k) => merged[k] === s.config.slaDays[k])) return { state: s, effects: [] };
  if (s.status === 'signed') throw new ConflictError(msg('workflow.closed'));
  s.config.slaDays = merged;
  const fx: WorkflowEffect[] = [];
  for (const st of s.steps) {
    if (st.status !== 'open' || st.openedAt === null) continue;
    const due = computeDueDate(new Date(st.openedAt), merged[SLA_KEY[st.kind]]);
    if (due !== st.dueDate) {
      st.dueDate = due;
      fx.push({ type: 'due-date-changed', stepId: st.stepId, dueDate: due });
    }
  }
  const by = toDecisionActor(actor);
  s.updatedAt = at;
  log(s, at, 'config-changed', by, null, { slaDays: { ...merged } });
  fx.unshift({ type: 'config-changed', config: clone(s.config), by });
  return { state: s, effects: fx };
}

/**
 * Legal staff set the committee's window for a change of control after signature (docs/change-of-control.md).
 * Allowed at any status, signed included (that is when it is used); reviews already open keep their due date.
 */
export function setControlReviewDays(state: WorkflowState, days: number, actor: Principal, now: Date): WorkflowResult {
  const at = iso(now);
  assertLegal(actor, msg('workflow.action.changeSla'));
  const parsed = parseOrThrow(slaDaysValueSchema, days, msg('what.slaSettings'));
  const s = clone(state);
  if ((s.config.controlReviewDays ?? null) === parsed) return { state: s, effects: [] };
  s.config.controlReviewDays = parsed;
  const by = toDecisionActor(actor);
  s.updatedAt = at;
  log(s, at, 'config-changed', by, null, { controlReviewDays: parsed });
  return { state: s, effects: [{ type: 'config-changed', config: clone(s.config), by }] };
}

/**
 * The agreement for the approved IP file was generated: the workflow waits for signatures. Generating again
 * (e.g. another language) replaces it and clears signatures recorded on the previous one.
 */
export function recordAgreementGenerated(state: WorkflowState, agreement: { agreementId: string; hash: string }, now: Date): WorkflowResult {
  const at = iso(now);
  if (state.status !== 'active' || (state.stage !== 'agreement' && state.stage !== 'signatures')) {
    throw new ConflictError(msg('workflow.agreementBeforeCommittee'));
  }
  if (!agreement.agreementId || !agreement.hash) {
    throw new ValidationError(msg('workflow.invalidAgreement'), {
      errors: [
        ...(!agreement.agreementId ? [fieldError(['agreementId'], msg('field.required'))] : []),
        ...(!agreement.hash ? [fieldError(['hash'], msg('field.required'))] : []),
      ],
    });
  }
  const s = clone(state);
  const missing = missingApprovals(s);
  if (missing.length || s.ipFileHash === null) {
    throw new ConflictError(msg('workflow.approvalsNotCurrent'), { extra: { missingApprovals: missing } });
  }
  const replaced = s.agreement?.agreementId ?? null;
  s.agreement = { agreementId: agreement.agreementId, hash: agreement.hash, generatedAt: at, ipFileHash: s.ipFileHash };
  s.signatures = [];
  s.updatedAt = at;
  log(s, at, 'agreement-generated', null, null, { agreementId: agreement.agreementId, hash: agreement.hash, replaced });
  const fx: WorkflowEffect[] = [{ type: 'agreement-recorded', agreementId: agreement.agreementId, hash: agreement.hash, replaced, orgIds: [...s.partners] }];
  moveStage(s, 'signatures', at, fx);
  return { state: s, effects: fx };
}

/**
 * A partner's signed copy was recorded. When every partner has signed — and every required approval is on the
 * final IP-file hash — the workflow is `signed` and locked. `opts.agreementId`, when given, must be the current agreement.
 */
export function recordSignature(state: WorkflowState, orgId: string, now: Date, opts: { agreementId?: string } = {}): WorkflowResult {
  const at = iso(now);
  if (!state.partners.includes(orgId)) throw new NotFoundError(msg('project.notPartner'));
  if (state.status !== 'active' || state.stage !== 'signatures' || !state.agreement) {
    throw new ConflictError(msg('workflow.signaturesBeforeAgreement'));
  }
  if (opts.agreementId !== undefined && opts.agreementId !== state.agreement.agreementId) {
    throw new ConflictError(msg('workflow.signatureOtherVersion'));
  }
  if (state.signatures.some((x) => x.orgId === orgId)) throw new ConflictError(msg('workflow.alreadySigned'));
  const s = clone(state);
  const agreementId = s.agreement!.agreementId;
  s.signatures.push({ orgId, signedAt: at, agreementId });
  s.updatedAt = at;
  log(s, at, 'signature-recorded', null, null, { orgId, agreementId });
  const fx: WorkflowEffect[] = [{ type: 'signature-recorded', orgId, agreementId }];
  if (s.partners.every((p) => s.signatures.some((x) => x.orgId === p))) {
    const missing = missingApprovals(s);
    if (missing.length || s.ipFileHash === null || s.agreement!.ipFileHash !== s.ipFileHash) {
      throw new ConflictError(msg('workflow.approvalsNotFinal'), { extra: { missingApprovals: missing } });
    }
    s.status = 'signed';
    moveStage(s, 'signed', at, fx);
    log(s, at, 'workflow-signed', null, null, { ipFileHash: s.ipFileHash, agreementId });
    fx.push({ type: 'workflow-signed', ipFileHash: s.ipFileHash, agreementId, orgIds: [...s.partners] });
  }
  return { state: s, effects: fx };
}

// ---------------------------------------------------------------------------------------------------------
// Internals

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const clone = <T>(v: T): T => structuredClone(v);

function iso(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError('Invalid `now`');
  return now.toISOString();
}

const normEmail = (e: string): string => e.trim().toLowerCase();

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function toDecisionActor(p: Principal): DecisionActor {
  return { sub: p.sub, email: p.email ? normEmail(p.email) : null, role: p.role, org: p.organizationId ?? null };
}

function assertLegal(p: Principal, action: Msg): void {
  if (p.role !== 'legal') throw new ForbiddenError(msg('workflow.legalOnly', { action }));
}

function newStep(stepId: string, kind: StepKind, assignee: Assignee): StepState {
  return { stepId, kind, assignee, status: 'waiting', openedAt: null, dueDate: null, openedFor: null, decision: null };
}

function isApprovedOn(step: StepState, hash: string): boolean {
  return step.status === 'decided' && step.decision?.decision === 'approve' && step.decision.ipFileHash === hash;
}

function currentIpFileHash(s: WorkflowState): string | null {
  const versions: { orgId: string; contentHash: string }[] = [];
  for (const d of s.declarations) {
    if (d.contentHash === null) return null;
    versions.push({ orgId: d.orgId, contentHash: d.contentHash });
  }
  return ipFileHash(versions);
}

function log(
  s: WorkflowState,
  at: string,
  action: HistoryAction,
  by: DecisionActor | null,
  stepId: string | null,
  detail: Record<string, unknown> | null,
): void {
  s.history.push({ seq: s.history.length + 1, at, action, by, stage: s.stage, stepId, ipFileHash: s.ipFileHash, detail });
}

function moveStage(s: WorkflowState, to: StageId, at: string, fx: WorkflowEffect[]): void {
  if (s.stage === to) return;
  const from = s.stage;
  s.stage = to;
  log(s, at, 'stage-changed', null, null, { from, to });
  fx.push({ type: 'stage-changed', from, to });
}

/** An open step goes back to waiting without a decision. */
function closeStep(step: StepState, reason: StepCloseReason, fx: WorkflowEffect[]): void {
  if (step.status !== 'open') return;
  fx.push({ type: 'step-closed', stepId: step.stepId, reason });
  step.status = 'waiting';
  step.openedAt = null;
  step.dueDate = null;
  step.openedFor = null;
}

/** Back to waiting, dropping any decision (it stays in the history). */
function resetStep(step: StepState, reason: StepCloseReason, fx: WorkflowEffect[]): void {
  closeStep(step, reason, fx);
  step.status = 'waiting';
  step.openedAt = null;
  step.dueDate = null;
  step.openedFor = null;
  step.decision = null;
}

function clearAgreement(s: WorkflowState, fx: WorkflowEffect[], reason: string | null = null): void {
  if (!s.agreement) return;
  fx.push({ type: 'agreement-invalidated', agreementId: s.agreement.agreementId, orgIds: [...s.partners], reason });
  s.agreement = null;
  s.signatures = [];
}

interface StepGroup {
  stage: StageId;
  steps: StepState[];
}

function stepGroups(s: WorkflowState): StepGroup[] {
  const groups: StepGroup[] = [];
  for (const kind of STEP_KINDS) {
    const steps = s.steps.filter((st) => st.kind === kind);
    if (steps.length) groups.push({ stage: kind, steps });
  }
  return groups;
}

/**
 * Brings an active workflow to the stage its data imply. Without a complete IP file: declarations (open steps
 * close; decisions stay, bound to their hash). Otherwise the first step group not wholly approved on the current
 * hash becomes the stage: its steps not approved on that hash (re)open with fresh due dates, unless already open
 * for that very hash; every later step resets and an agreement is dropped. All approved: agreement (or signatures
 * when an agreement for this hash exists).
 */
function settle(s: WorkflowState, now: Date, fx: WorkflowEffect[], closeReason: StepCloseReason): void {
  if (s.status !== 'active') return;
  const at = iso(now);
  const hash = s.ipFileHash;
  if (hash === null) {
    for (const st of s.steps) closeStep(st, closeReason, fx);
    clearAgreement(s, fx);
    moveStage(s, 'declarations', at, fx);
    return;
  }
  const groups = stepGroups(s);
  for (let gi = 0; gi < groups.length; gi++) {
    const group = groups[gi]!;
    if (group.steps.every((st) => isApprovedOn(st, hash))) continue;
    for (const later of groups.slice(gi + 1)) for (const st of later.steps) resetStep(st, closeReason, fx);
    clearAgreement(s, fx);
    moveStage(s, group.stage, at, fx);
    const reopenedOrgs: string[] = [];
    const opened: WorkflowEffect[] = [];
    for (const st of group.steps) {
      if (isApprovedOn(st, hash)) continue;
      if (st.status === 'open' && st.openedFor === hash) continue;
      const previousHash = st.status === 'decided' ? (st.decision?.ipFileHash ?? null) : st.openedFor;
      if (st.kind === 'partner-approval' && previousHash !== null && previousHash !== hash && st.assignee.orgId) {
        reopenedOrgs.push(st.assignee.orgId);
      }
      resetStep(st, 'superseded', fx);
      st.status = 'open';
      st.openedAt = at;
      st.openedFor = hash;
      st.dueDate = computeDueDate(now, s.config.slaDays[SLA_KEY[st.kind]]);
      opened.push({ type: 'step-opened', stepId: st.stepId, kind: st.kind, assignee: { ...st.assignee }, dueDate: st.dueDate, ipFileHash: hash });
    }
    if (reopenedOrgs.length) {
      log(s, at, 'approvals-reopened', null, null, { orgIds: [...reopenedOrgs] });
      fx.push({ type: 'approvals-reopened', orgIds: reopenedOrgs, ipFileHash: hash });
    }
    fx.push(...opened);
    return;
  }
  if (s.agreement && s.agreement.ipFileHash !== hash) clearAgreement(s, fx);
  moveStage(s, s.agreement ? 'signatures' : 'agreement', at, fx);
}
