/** Routes of the Lambda group "projects" (see ../route.ts). */
import { defineRoute, ALL, LEGAL } from '../route';
import { membershipInputSchema, projectInputSchema, projectPatchSchema } from '../../domain/project';
import { lawyerAssignmentSchema, membershipSchema, projectListQuerySchema, projectPageSchema, projectSchema, projectViewSchema } from '../responses/projects';

export const createProject = defineRoute({
  method: 'POST',
  path: '/projects',
  handler: 'projects/create-project',
  group: 'projects',
  roles: LEGAL,
  summary: 'Create a project',
  tags: ['projects'],
  idempotent: true,
  body: projectInputSchema,
  status: 201,
  response: projectViewSchema,
  after: ['reevaluate-project'],
});
export const listProjects = defineRoute({
  method: 'GET',
  path: '/projects',
  handler: 'projects/list-projects',
  group: 'projects',
  roles: ALL,
  summary: 'List the projects the caller may see, with their workflow stage',
  tags: ['projects'],
  query: projectListQuerySchema,
  response: projectPageSchema,
});
export const getProject = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}',
  handler: 'projects/get-project',
  group: 'projects',
  roles: ALL,
  summary: 'Get a project with its partners',
  tags: ['projects'],
  response: projectViewSchema,
});
export const patchProject = defineRoute({
  method: 'PATCH',
  path: '/projects/{projectId}',
  handler: 'projects/patch-project',
  group: 'projects',
  roles: LEGAL,
  summary: 'Update a project (If-Match)',
  tags: ['projects'],
  requiresIfMatch: true,
  body: projectPatchSchema,
  response: projectSchema,
  after: ['reevaluate-project'],
});
export const putPartner = defineRoute({
  method: 'PUT',
  path: '/projects/{projectId}/partners/{orgId}',
  handler: 'projects/put-partner',
  group: 'projects',
  roles: LEGAL,
  summary: 'Add a partner or change its role',
  tags: ['projects'],
  body: membershipInputSchema,
  response: membershipSchema,
  after: ['reevaluate-project'],
});
export const deletePartner = defineRoute({
  method: 'DELETE',
  path: '/projects/{projectId}/partners/{orgId}',
  handler: 'projects/delete-partner',
  group: 'projects',
  roles: LEGAL,
  summary: 'Remove a partner',
  tags: ['projects'],
  status: 204,
  after: ['reevaluate-project'],
});
export const putLawyer = defineRoute({
  method: 'PUT',
  path: '/projects/{projectId}/lawyers/{email}',
  handler: 'projects/put-lawyer',
  group: 'projects',
  roles: LEGAL,
  summary: 'Assign an IP lawyer (by email) to the project',
  tags: ['projects'],
  response: lawyerAssignmentSchema,
  after: [],
});
export const deleteLawyer = defineRoute({
  method: 'DELETE',
  path: '/projects/{projectId}/lawyers/{email}',
  handler: 'projects/delete-lawyer',
  group: 'projects',
  roles: LEGAL,
  summary: 'Unassign an IP lawyer',
  tags: ['projects'],
  status: 204,
  after: [],
});
