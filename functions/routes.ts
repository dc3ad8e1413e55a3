/**
 * THE route table. infra/aws (CDK: API routes and one Lambda per group), infra/local (the `npm start`
 * server) and the OpenAPI generator all read it. From here, `handler` names the file under functions/
 * that serves the route (export `handler`), so any behaviour is two hops away.
 *
 * `roles` is the route-level check, enforced by the HTTP stack (functions/http/http-handler.ts);
 * object-level checks live in shared/domain/access.ts and are called by each handler.
 */
import type * as z from 'zod';
import type { Role } from '../shared/domain/access';
import { organizationInputSchema, organizationPatchSchema } from '../shared/domain/organization';
import { membershipInputSchema, projectInputSchema, projectPatchSchema } from '../shared/domain/project';
import { devTokenRequestSchema } from '../shared/domain/dev-token';
import { uploadRequestSchema } from '../shared/domain/documents';
import { declarationDraftSchema } from '../shared/domain/declaration';
import { decisionRequestSchema, workflowConfigInputSchema } from '../shared/domain/workflow';
import { staffInputSchema } from '../shared/domain/staff';
import { flagActionBodySchema, manualFlagBodySchema } from '../shared/domain/risk/lifecycle';
import { controlEventInputSchema } from '../shared/domain/control-event';
import { formQuerySchema } from '../shared/domain/forms/registry';
import * as out from '../shared/domain/openapi';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method;
  /** API Gateway path template, e.g. `/projects/{projectId}`. */
  path: string;
  /** Module under functions/ that exports `handler` for this route. */
  handler: string;
  /** Lambda grouping in AWS: routes of a group share one function. */
  group: 'public' | 'organizations' | 'projects' | 'declarations' | 'documents' | 'risk' | 'workflow' | 'staff' | 'audit' | 'dev';
  /** Roles allowed to call it; 'public' means no token. */
  roles: readonly Role[] | 'public';
  summary: string;
  tags: string[];
  /** Only served by the local server, never deployed. */
  localOnly?: boolean;
  /** A creating POST that honours `Idempotency-Key`. */
  idempotent?: boolean;
  /** PATCH/PUT that require `If-Match`. */
  requiresIfMatch?: boolean;
  /** Request body schema (also used for OpenAPI). */
  body?: z.ZodType;
  /** Success status code. */
  status?: number;
  /** Success body schema (documentation only: OpenAPI; the server does not validate what it returns). */
  response?: z.ZodType;
  /** Query-string schema (documentation: OpenAPI; the handler parses `req.query` itself). List routes get `limit`/`cursor` without it. */
  query?: z.ZodType;
}

const ALL: readonly Role[] = ['legal', 'committee', 'lawyer', 'partner'];
const STAFF_READ: readonly Role[] = ['legal', 'committee'];
const LEGAL: readonly Role[] = ['legal'];

export const routes: readonly RouteDef[] = [
  { method: 'GET', path: '/health', handler: 'health', group: 'public', roles: 'public', summary: 'Liveness', tags: ['meta'], response: out.healthSchema },
  { method: 'GET', path: '/forms/{formId}', handler: 'forms/get-form', group: 'public', roles: ['legal', 'committee', 'lawyer', 'partner'], summary: 'Form schema and uiSchema', tags: ['forms'], query: formQuerySchema, response: out.formDocumentSchema },
  { method: 'GET', path: '/openapi.json', handler: 'openapi', group: 'public', roles: 'public', summary: 'OpenAPI 3.1 document', tags: ['meta'], response: out.openApiDocumentSchema },
  { method: 'POST', path: '/dev/token', handler: 'dev/create-dev-token', group: 'dev', roles: 'public', summary: 'Signed token for a demo user (local only)', tags: ['dev'], localOnly: true, body: devTokenRequestSchema, status: 201, response: out.devTokenResponseSchema },

  { method: 'POST', path: '/organizations', handler: 'organizations/create-organization', group: 'organizations', roles: LEGAL, summary: 'Register an organization with its control chain', tags: ['organizations'], idempotent: true, body: organizationInputSchema, status: 201, response: out.organizationSchema },
  { method: 'GET', path: '/organizations', handler: 'organizations/list-organizations', group: 'organizations', roles: STAFF_READ, summary: 'List organizations', tags: ['organizations'], response: out.organizationPageSchema },
  { method: 'GET', path: '/organizations/{orgId}', handler: 'organizations/get-organization', group: 'organizations', roles: ALL, summary: 'Get an organization', tags: ['organizations'], response: out.organizationSchema },
  { method: 'PATCH', path: '/organizations/{orgId}', handler: 'organizations/patch-organization', group: 'organizations', roles: LEGAL, summary: 'Update an organization (If-Match)', tags: ['organizations'], requiresIfMatch: true, body: organizationPatchSchema, response: out.organizationSchema },
  { method: 'GET', path: '/organizations/{orgId}/audit', handler: 'audit/list-organization-audit', group: 'audit', roles: STAFF_READ, summary: "An organization's audit events", tags: ['audit'], response: out.auditEventPageSchema },
  { method: 'GET', path: '/organizations/{orgId}/audit/verify', handler: 'audit/verify-organization-audit', group: 'audit', roles: STAFF_READ, summary: "Recompute an organization's audit hash chain", tags: ['audit'], response: out.chainVerificationSchema },

  { method: 'POST', path: '/projects', handler: 'projects/create-project', group: 'projects', roles: LEGAL, summary: 'Create a project', tags: ['projects'], idempotent: true, body: projectInputSchema, status: 201, response: out.projectViewSchema },
  { method: 'GET', path: '/projects', handler: 'projects/list-projects', group: 'projects', roles: ALL, summary: 'List the projects the caller may see', tags: ['projects'], response: out.projectPageSchema },
  { method: 'GET', path: '/projects/{projectId}', handler: 'projects/get-project', group: 'projects', roles: ALL, summary: 'Get a project with its partners', tags: ['projects'], response: out.projectViewSchema },
  { method: 'PATCH', path: '/projects/{projectId}', handler: 'projects/patch-project', group: 'projects', roles: LEGAL, summary: 'Update a project (If-Match)', tags: ['projects'], requiresIfMatch: true, body: projectPatchSchema, response: out.projectSchema },
  { method: 'PUT', path: '/projects/{projectId}/partners/{orgId}', handler: 'projects/put-partner', group: 'projects', roles: LEGAL, summary: 'Add a partner or change its role', tags: ['projects'], body: membershipInputSchema, response: out.membershipSchema },
  { method: 'DELETE', path: '/projects/{projectId}/partners/{orgId}', handler: 'projects/delete-partner', group: 'projects', roles: LEGAL, summary: 'Remove a partner', tags: ['projects'], status: 204 },
  { method: 'PUT', path: '/projects/{projectId}/lawyers/{email}', handler: 'projects/put-lawyer', group: 'projects', roles: LEGAL, summary: 'Assign an IP lawyer (by email) to the project', tags: ['projects'], response: out.lawyerAssignmentSchema },
  { method: 'DELETE', path: '/projects/{projectId}/lawyers/{email}', handler: 'projects/delete-lawyer', group: 'projects', roles: LEGAL, summary: 'Unassign an IP lawyer', tags: ['projects'], status: 204 },
  { method: 'GET', path: '/projects/{projectId}/declarations', handler: 'declarations/list-declarations', group: 'declarations', roles: ALL, summary: 'Declaration status of every partner', tags: ['declarations'], response: out.declarationStatusListSchema },
  { method: 'GET', path: '/projects/{projectId}/declarations/{orgId}', handler: 'declarations/get-declaration', group: 'declarations', roles: ALL, summary: "A partner's current declaration (other partners: the last submitted one)", tags: ['declarations'], response: out.declarationViewSchema },
  { method: 'PUT', path: '/projects/{projectId}/declarations/{orgId}', handler: 'declarations/put-declaration', group: 'declarations', roles: ['legal', 'partner'], summary: 'Save a new immutable version (If-Match after the first)', tags: ['declarations'], requiresIfMatch: true, body: declarationDraftSchema, status: 201, response: out.declarationSavedSchema },
  { method: 'GET', path: '/projects/{projectId}/declarations/{orgId}/versions', handler: 'declarations/list-versions', group: 'declarations', roles: ALL, summary: 'Version history', tags: ['declarations'], response: out.declarationVersionListSchema },
  { method: 'GET', path: '/projects/{projectId}/declarations/{orgId}/versions/{n}', handler: 'declarations/get-version', group: 'declarations', roles: ALL, summary: 'One version', tags: ['declarations'], response: out.declarationVersionSchema },
  { method: 'GET', path: '/projects/{projectId}/declarations/{orgId}/diff', handler: 'declarations/diff-versions', group: 'declarations', roles: ALL, summary: 'Redline between two versions (?from=&to=)', tags: ['declarations'], query: out.diffQuerySchema, response: out.redlineSchema },
  { method: 'POST', path: '/projects/{projectId}/declarations/{orgId}/submit', handler: 'declarations/submit-declaration', group: 'declarations', roles: ['legal', 'partner'], summary: 'Submit the current version for review', tags: ['declarations'], response: out.declarationHeadSchema },
  { method: 'POST', path: '/projects/{projectId}/documents', handler: 'documents/create-upload', group: 'documents', roles: ['legal', 'partner'], summary: 'Start a document upload (presigned POST, 25 MB, PDF/DOCX/ODT/PNG/JPEG/TXT)', tags: ['documents'], idempotent: true, body: uploadRequestSchema, status: 201, response: out.uploadStartedSchema },
  { method: 'POST', path: '/projects/{projectId}/documents/{docId}/confirm', handler: 'documents/confirm-upload', group: 'documents', roles: ['legal', 'partner'], summary: 'Confirm an upload: SHA-256, size and type check', tags: ['documents'], response: out.documentSchema },
  { method: 'GET', path: '/projects/{projectId}/documents', handler: 'documents/list-documents', group: 'documents', roles: ALL, summary: "A project's documents", tags: ['documents'], response: out.documentPageSchema },
  { method: 'GET', path: '/documents/{docId}', handler: 'documents/get-document', group: 'documents', roles: ALL, summary: 'Document metadata and a short-lived download link', tags: ['documents'], response: out.documentDownloadSchema },
  { method: 'GET', path: '/projects/{projectId}/flags', handler: 'risk/list-flags', group: 'risk', roles: ['legal', 'committee', 'lawyer'], summary: "A project's risk flags (?status=&severity=)", tags: ['risk'], query: out.flagQuerySchema, response: out.flagListSchema },
  { method: 'POST', path: '/projects/{projectId}/flags', handler: 'risk/create-flag', group: 'risk', roles: LEGAL, summary: 'Add a manual flag', tags: ['risk'], body: manualFlagBodySchema, status: 201, response: out.flagSchema },
  { method: 'POST', path: '/projects/{projectId}/flags/{flagId}/actions', handler: 'risk/flag-action', group: 'risk', roles: STAFF_READ, summary: 'Acknowledge, mitigate, waive (legal) or reopen a flag', tags: ['risk'], body: flagActionBodySchema, response: out.flagSchema },
  { method: 'GET', path: '/flags', handler: 'risk/list-open-flags', group: 'risk', roles: STAFF_READ, summary: 'Open flags across all projects (?severity=high,critical)', tags: ['risk'], query: out.openFlagQuerySchema, response: out.openFlagPageSchema },
  { method: 'POST', path: '/organizations/{orgId}/control-events', handler: 'organizations/record-control-event', group: 'risk', roles: LEGAL, summary: 'Record a shareholding change or an acquisition; re-evaluates every project of the organization', tags: ['risk'], body: controlEventInputSchema, status: 201, response: out.controlEventRecordedSchema },
  { method: 'GET', path: '/organizations/{orgId}/control-events', handler: 'organizations/list-control-events', group: 'risk', roles: STAFF_READ, summary: "An organization's control events", tags: ['risk'], response: out.controlEventListSchema },
  { method: 'GET', path: '/projects/{projectId}/ip-file', handler: 'workflow/get-ip-file', group: 'workflow', roles: ALL, summary: 'The consolidated IP file (submitted declarations) and its hash, which approvals bind to', tags: ['workflow'], response: out.ipFileSchema },
  { method: 'POST', path: '/projects/{projectId}/workflow', handler: 'workflow/start-workflow', group: 'workflow', roles: LEGAL, summary: 'Start the approval workflow with the current partners', tags: ['workflow'], body: workflowConfigInputSchema, status: 201, response: out.workflowStateSchema },
  { method: 'GET', path: '/projects/{projectId}/workflow', handler: 'workflow/get-workflow', group: 'workflow', roles: ALL, summary: 'Workflow state: steps, decisions, pending steps and due dates', tags: ['workflow'], response: out.workflowViewSchema },
  { method: 'PATCH', path: '/projects/{projectId}/workflow', handler: 'workflow/patch-workflow-config', group: 'workflow', roles: LEGAL, summary: 'SLA days and lawyer opinion (If-Match)', tags: ['workflow'], requiresIfMatch: true, body: workflowConfigInputSchema, response: out.workflowStateSchema },
  { method: 'POST', path: '/projects/{projectId}/workflow/steps/{stepId}/decision', handler: 'workflow/decide-step', group: 'workflow', roles: ALL, summary: 'Approve, request changes or reject a step', tags: ['workflow'], idempotent: true, body: decisionRequestSchema, response: out.workflowStateSchema },
  { method: 'POST', path: '/projects/{projectId}/workflow/reopen', handler: 'workflow/reopen-workflow', group: 'workflow', roles: LEGAL, summary: 'Reopen a rejected workflow', tags: ['workflow'], response: out.workflowStateSchema },
  { method: 'GET', path: '/me/tasks', handler: 'workflow/my-tasks', group: 'workflow', roles: ALL, summary: "The caller's pending steps, soonest due first", tags: ['workflow'], response: out.taskListSchema },
  { method: 'GET', path: '/staff', handler: 'staff/list-staff', group: 'staff', roles: STAFF_READ, summary: 'The pôle staff directory (?role=)', tags: ['staff'], query: out.staffQuerySchema, response: out.staffListSchema },
  { method: 'PUT', path: '/staff/{email}', handler: 'staff/put-staff', group: 'staff', roles: LEGAL, summary: 'Add or update a staff member (If-Match to update)', tags: ['staff'], body: staffInputSchema, response: out.staffMemberSchema },
  { method: 'DELETE', path: '/staff/{email}', handler: 'staff/delete-staff', group: 'staff', roles: LEGAL, summary: 'Remove a staff member', tags: ['staff'], status: 204 },
  { method: 'GET', path: '/projects/{projectId}/audit', handler: 'audit/list-project-audit', group: 'audit', roles: STAFF_READ, summary: "A project's audit events", tags: ['audit'], response: out.auditEventPageSchema },
  { method: 'GET', path: '/projects/{projectId}/audit/verify', handler: 'audit/verify-project-audit', group: 'audit', roles: STAFF_READ, summary: "Recompute a project's audit hash chain", tags: ['audit'], response: out.chainVerificationSchema },
];

export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>) => `${r.method} ${r.path}`;

const byKey = new Map(routes.map((r) => [routeKey(r), r]));
export function findRoute(key: string): RouteDef | undefined {
  return byKey.get(key);
}

/** Routes deployed to AWS (the dev-token route exists only locally). */
export const deployedRoutes = routes.filter((r) => !r.localOnly);

/** Scheduled jobs: EventBridge Scheduler in AWS (infra/aws), a timer in `npm start` (infra/local/scheduler.ts). */
export interface JobDef {
  name: string;
  /** Module under functions/ that exports `handler`. */
  handler: string;
  /** EventBridge Scheduler expression and its time zone; the local scheduler understands daily `cron(M H * * ? *)`. */
  schedule: { expression: string; timezone: string };
  description: string;
}

export const jobs: readonly JobDef[] = [
  { name: 'reminders', handler: 'jobs/send-reminders', schedule: { expression: 'cron(0 8 * * ? *)', timezone: 'Europe/Paris' }, description: 'Daily reminder digests for steps due soon, due today or overdue' },
];
