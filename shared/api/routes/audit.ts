/** Routes of the Lambda group "audit" (see ../route.ts). */
import { defineRoute, STAFF_READ } from '../route';
import { auditEventPageSchema, chainVerificationSchema } from '../responses/audit';

export const listOrganizationAudit = defineRoute({
  method: 'GET',
  path: '/organizations/{orgId}/audit',
  handler: 'audit/list-organization-audit',
  group: 'audit',
  roles: STAFF_READ,
  summary: "An organization's audit events",
  tags: ['audit'],
  response: auditEventPageSchema,
});
export const verifyOrganizationAudit = defineRoute({
  method: 'GET',
  path: '/organizations/{orgId}/audit/verify',
  handler: 'audit/verify-organization-audit',
  group: 'audit',
  roles: STAFF_READ,
  summary: "Recompute an organization's audit hash chain",
  tags: ['audit'],
  response: chainVerificationSchema,
});
export const listProjectAudit = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/audit',
  handler: 'audit/list-project-audit',
  group: 'audit',
  roles: STAFF_READ,
  summary: "A project's audit events",
  tags: ['audit'],
  response: auditEventPageSchema,
});
export const verifyProjectAudit = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/audit/verify',
  handler: 'audit/verify-project-audit',
  group: 'audit',
  roles: STAFF_READ,
  summary: "Recompute a project's audit hash chain",
  tags: ['audit'],
  response: chainVerificationSchema,
});
