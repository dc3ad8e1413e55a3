/** Routes of the Lambda group "workflow" (see ../route.ts). */
import { defineRoute, ALL, LEGAL } from '../route';
import { decisionRequestSchema, reopenRequestSchema, workflowConfigInputSchema } from '../../domain/workflow';
import { ipFileSchema } from '../responses/declarations';
import { taskPageSchema, workflowStateSchema, workflowViewSchema } from '../responses/workflow';

export const getIpFile = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/ip-file',
  handler: 'workflow/get-ip-file',
  group: 'workflow',
  roles: ALL,
  summary: 'The consolidated IP file (submitted declarations) and its hash, which approvals bind to',
  tags: ['workflow'],
  response: ipFileSchema,
});
export const startWorkflow = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/workflow',
  handler: 'workflow/start-workflow',
  group: 'workflow',
  roles: LEGAL,
  summary: 'Start the approval workflow with the current partners',
  tags: ['workflow'],
  body: workflowConfigInputSchema,
  bodyOptional: true,
  status: 201,
  response: workflowStateSchema,
  after: ['reevaluate-project'],
});
export const getWorkflow = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/workflow',
  handler: 'workflow/get-workflow',
  group: 'workflow',
  roles: ALL,
  summary: 'Workflow state: steps, decisions, pending steps and due dates',
  tags: ['workflow'],
  response: workflowViewSchema,
});
export const patchWorkflowConfig = defineRoute({
  method: 'PATCH',
  path: '/projects/{projectId}/workflow',
  handler: 'workflow/patch-workflow-config',
  group: 'workflow',
  roles: LEGAL,
  summary: 'SLA days and lawyer opinion (If-Match)',
  tags: ['workflow'],
  requiresIfMatch: true,
  body: workflowConfigInputSchema,
  response: workflowStateSchema,
  after: [],
});
export const decideStep = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/workflow/steps/{stepId}/decision',
  handler: 'workflow/decide-step',
  group: 'workflow',
  roles: ALL,
  summary: 'Approve, request changes or reject a step',
  tags: ['workflow'],
  idempotent: true,
  body: decisionRequestSchema,
  response: workflowStateSchema,
  after: ['notify-workflow', 'reevaluate-project'],
});
export const reopenWorkflow = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/workflow/reopen',
  handler: 'workflow/reopen-workflow',
  group: 'workflow',
  roles: LEGAL,
  summary: 'Reopen a rejected workflow, or one awaiting signatures (invalidates the pending agreement)',
  tags: ['workflow'],
  body: reopenRequestSchema,
  bodyOptional: true,
  response: workflowStateSchema,
  after: ['notify-workflow'],
});
export const myTasks = defineRoute({
  method: 'GET',
  path: '/me/tasks',
  handler: 'workflow/my-tasks',
  group: 'workflow',
  roles: ALL,
  summary: "The caller's pending steps, soonest due first (paginated)",
  tags: ['workflow'],
  response: taskPageSchema,
});
