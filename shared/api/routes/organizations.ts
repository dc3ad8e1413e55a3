/** Routes of the Lambda group "organizations" (see ../route.ts). */
import { defineRoute, ALL, LEGAL, STAFF_READ } from '../route';
import { organizationInputSchema, organizationPatchSchema } from '../../domain/organization';
import { controlChainSchema, organizationPageSchema, organizationSchema } from '../responses/organizations';
import { projectPageSchema } from '../responses/projects';

export const createOrganization = defineRoute({
  method: 'POST',
  path: '/organizations',
  handler: 'organizations/create-organization',
  group: 'organizations',
  roles: LEGAL,
  summary: 'Register an organization with its control chain',
  tags: ['organizations'],
  idempotent: true,
  body: organizationInputSchema,
  status: 201,
  response: organizationSchema,
  after: [],
});
export const listOrganizations = defineRoute({
  method: 'GET',
  path: '/organizations',
  handler: 'organizations/list-organizations',
  group: 'organizations',
  roles: STAFF_READ,
  summary: 'List organizations',
  tags: ['organizations'],
  response: organizationPageSchema,
});
export const getOrganization = defineRoute({
  method: 'GET',
  path: '/organizations/{orgId}',
  handler: 'organizations/get-organization',
  group: 'organizations',
  roles: ALL,
  summary: 'Get an organization',
  tags: ['organizations'],
  response: organizationSchema,
});
export const patchOrganization = defineRoute({
  method: 'PATCH',
  path: '/organizations/{orgId}',
  handler: 'organizations/patch-organization',
  group: 'organizations',
  roles: LEGAL,
  summary: 'Update an organization (If-Match)',
  tags: ['organizations'],
  requiresIfMatch: true,
  body: organizationPatchSchema,
  response: organizationSchema,
  after: ['reevaluate-organization'],
});
export const getControlChain = defineRoute({
  method: 'GET',
  path: '/organizations/{orgId}/control-chain',
  handler: 'organizations/get-control-chain',
  group: 'organizations',
  roles: ['legal', 'committee', 'lawyer'],
  summary: "An organization's control chain as the risk engine walks it: shareholders up through registered organizations, foreign control",
  tags: ['organizations'],
  response: controlChainSchema,
});
export const listOrganizationProjects = defineRoute({
  method: 'GET',
  path: '/organizations/{orgId}/projects',
  handler: 'organizations/list-organization-projects',
  group: 'organizations',
  roles: ALL,
  summary: 'The projects an organization is a partner in (that the caller may see)',
  tags: ['organizations'],
  response: projectPageSchema,
});
