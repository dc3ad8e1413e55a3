/** Routes of the Lambda group "audit" (see ../route.ts). */
import { defineRoute, STAFF_READ } from '../route';
import { auditEventPageSchema, auditVerificationSchema, chainVerificationSchema } from '../responses/audit';

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
  summary: "Verify an organization's audit hash chain from its last verified checkpoint (at most 2,000 events per call)",
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
  summary: "Verify a project's audit hash chain from its last verified checkpoint (at most 2,000 events per call)",
  tags: ['audit'],
  response: chainVerificationSchema,
});
export const startOrganizationAuditVerification = defineRoute({
  method: 'POST',
  path: '/organizations/{orgId}/audit/verifications',
  handler: 'audit/start-organization-audit-verification',
  group: 'audit',
  roles: STAFF_READ,
  summary: "Start a full verification of an organization's audit chain: a job (202, `Location`)",
  tags: ['audit'],
  status: 202,
  response: auditVerificationSchema,
  after: [],
});
export const getOrganizationAuditVerification = defineRoute({
  method: 'GET',
  path: '/organizations/{orgId}/audit/verifications/{verificationId}',
  handler: 'audit/get-organization-audit-verification',
  group: 'audit',
  roles: STAFF_READ,
  summary: "A full verification of an organization's audit chain: progress, outcome, first broken seq",
  tags: ['audit'],
  response: auditVerificationSchema,
});
export const startProjectAuditVerification = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/audit/verifications',
  handler: 'audit/start-project-audit-verification',
  group: 'audit',
  roles: STAFF_READ,
  summary: "Start a full verification of a project's audit chain: a job (202, `Location`)",
  tags: ['audit'],
  status: 202,
  response: auditVerificationSchema,
  after: [],
});
export const getProjectAuditVerification = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/audit/verifications/{verificationId}',
  handler: 'audit/get-project-audit-verification',
  group: 'audit',
  roles: STAFF_READ,
  summary: "A full verification of a project's audit chain: progress, outcome, first broken seq",
  tags: ['audit'],
  response: auditVerificationSchema,
});
