import * as z from 'zod';
import { roleSchema } from './access';
import { isoDateSchema } from './common';
import { orgIdSchema } from './organization';
import { projectIdSchema } from './project';
import { instantSchema, sha256Schema } from './response-schema';
import { DECISIONS, STAGES, STEP_KINDS } from './workflow';

/**
 * Schemas of the approval workflow: `WorkflowState` and `PendingStep` of ./workflow.ts are the output types of
 * {@link workflowStateSchema} and {@link pendingStepSchema}; {@link taskSchema} is the fields of the open-step
 * index (shared/store/workflow.ts `StepIndexItem`) that `GET /me/tasks` returns (checked at compile time in
 * test/unit/openapi.test.ts).
 */

const dateSchema = isoDateSchema.describe('Europe/Paris calendar date YYYY-MM-DD');
const stepIdSchema = z.string().describe('`partner-approval:<orgId>`, `legal-review`, `lawyer-opinion` or `committee`');

export const WORKFLOW_STATUSES = ['active', 'rejected', 'signed'] as const;
export const STEP_STATUSES = ['waiting', 'open', 'decided'] as const;
export const HISTORY_ACTIONS = [
  'created',
  'submission-recorded',
  'decision',
  'stage-changed',
  'approvals-reopened',
  'workflow-reopened',
  'config-changed',
  'agreement-generated',
  'signature-recorded',
  'workflow-signed',
] as const;

export const decisionActorSchema = z.object({
  sub: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  org: z.string().nullable().describe("A partner's organization id"),
});

export const assigneeSchema = z
  .object({
    role: roleSchema,
    orgId: orgIdSchema.nullable().describe('Partner steps: the organization whose representatives decide'),
    email: z.string().nullable().describe('The lawyer step (and a named staff member): the person who decides'),
  })
  .describe('Who may decide the step; legal and committee steps name the role');

export const decisionRecordSchema = z.object({
  decision: z.enum(DECISIONS),
  comment: z.string().describe('Empty for partners on the internal steps (legal review, lawyer opinion, committee) unless it asks them for changes'),
  changesRequestedFrom: z.array(orgIdSchema).nullable().describe('request-changes: the partner organizations sent back to declarations; otherwise null'),
  by: decisionActorSchema,
  at: instantSchema,
  ipFileHash: sha256Schema.describe('The IP-file hash the decision was made on; it counts only while that hash is current'),
});

export const stepStateSchema = z.object({
  stepId: stepIdSchema,
  kind: z.enum(STEP_KINDS),
  assignee: assigneeSchema,
  status: z.enum(STEP_STATUSES),
  openedAt: instantSchema.nullable().describe('Set while open, kept once decided'),
  dueDate: dateSchema.nullable().describe('Set while open, kept once decided'),
  openedFor: sha256Schema.nullable().describe('The IP-file hash the step was opened for'),
  decision: decisionRecordSchema.nullable(),
});

export const workflowConfigSchema = z.object({
  slaDays: z
    .object({ partner: z.number().int().min(1), legal: z.number().int().min(1), lawyer: z.number().int().min(1), committee: z.number().int().min(1) })
    .describe('Calendar days each kind of step is given; the due date moves to the next working day'),
  lawyerOpinion: z.object({ enabled: z.boolean(), lawyerEmail: z.string().nullable().describe('Lower-cased; set exactly when enabled') }),
  controlReviewDays: z
    .number()
    .int()
    .optional()
    .describe('Calendar days the committee has to decide a change of control after signature; absent = 30 (docs/change-of-control.md)'),
});

export const historyEntrySchema = z.object({
  seq: z.number().int().min(1),
  at: instantSchema,
  action: z.enum(HISTORY_ACTIONS),
  by: decisionActorSchema.nullable().describe('Null for what the workflow does on its own'),
  stage: z.enum(STAGES).describe('The stage after the change'),
  stepId: z.string().nullable(),
  ipFileHash: sha256Schema.nullable(),
  detail: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      'Depends on `action`: created `{partners, config}`, submission-recorded `{orgId, contentHash}`, decision (the decision record), ' +
        'stage-changed `{from, to}`, approvals-reopened `{orgIds}`, config-changed `{slaDays}` or `{lawyerOpinion}`, ' +
        'agreement-generated `{agreementId, hash, replaced}`, signature-recorded `{orgId, agreementId}`, workflow-signed `{ipFileHash, agreementId}`',
    ),
});

export const workflowStateSchema = z.object({
  schemaVersion: z.literal(1),
  status: z.enum(WORKFLOW_STATUSES),
  stage: z.enum(STAGES),
  partners: z.array(orgIdSchema).describe('Partner organization ids, in project order'),
  config: workflowConfigSchema,
  ipFileHash: sha256Schema.nullable().describe("Hash over every partner's current submitted version; null while some partner has not submitted"),
  declarations: z.array(
    z.object({
      orgId: orgIdSchema,
      contentHash: sha256Schema.nullable().describe('Content hash of the current submitted version; null while not (or no longer) submitted'),
      submittedAt: instantSchema.nullable(),
    }),
  ),
  steps: z.array(stepStateSchema).describe('One partner-approval step per partner, legal-review, lawyer-opinion (only when enabled), committee'),
  agreement: z.object({ agreementId: z.string(), hash: z.string(), generatedAt: instantSchema, ipFileHash: sha256Schema }).nullable(),
  signatures: z.array(z.object({ orgId: orgIdSchema, signedAt: instantSchema, agreementId: z.string() })),
  history: z.array(historyEntrySchema).describe('Append-only'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});

export const pendingStepSchema = z.object({
  stepId: stepIdSchema,
  kind: z.enum(STEP_KINDS),
  assignee: assigneeSchema,
  openedAt: instantSchema,
  dueDate: dateSchema,
  ipFileHash: sha256Schema.describe('The IP file the step is asked to decide on'),
});

/** One entry of `GET /me/tasks`. */
export const TASK_KINDS = [...STEP_KINDS, 'publication-answer', 'control-review'] as const;
export const taskSchema = z.object({
  projectId: projectIdSchema,
  projectAcronym: z.string(),
  projectTitle: z.string(),
  stepId: stepIdSchema.describe(
    'A workflow step id, `publication:<publicationId>:<orgId>` for an answer awaited on a publication notice, or `control-review:<reviewId>`',
  ),
  kind: z.enum(TASK_KINDS).describe('A workflow step kind, `publication-answer` (docs/publications.md) or `control-review` (docs/change-of-control.md)'),
  publicationId: z.string().nullable().describe('For `publication-answer`: the notice to answer (GET /projects/{projectId}/publications/{publicationId})'),
  controlReviewId: z.string().nullable().describe('For `control-review`: the review to decide (GET /projects/{projectId}/control-reviews)'),
  controlReview: z
    .object({
      partnerNames: z.array(z.string()).describe('The partners whose control changes'),
      operationOnName: z
        .string()
        .nullable()
        .describe('The organization the operation is on, when it is not (only) a partner: it controls the partners named (an indirect change of control)'),
    })
    .nullable()
    .describe('For `control-review`: whom the review is about, as named when it opened (null for other tasks and older reviews)'),
  dueDate: dateSchema,
  openedAt: instantSchema,
});
