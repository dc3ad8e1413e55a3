/** Routes of the Lambda group "declarations" (see ../route.ts). */
import { defineRoute, ALL } from '../route';
import { declarationDraftSchema, parseDeclarationDraft } from '../../domain/declaration';
import {
  declarationHeadSchema,
  declarationSavedSchema,
  declarationStatusPageSchema,
  declarationVersionPageSchema,
  declarationVersionSchema,
  declarationViewSchema,
  diffQuerySchema,
  redlineSchema,
} from '../responses/declarations';

export const listDeclarations = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/declarations',
  handler: 'declarations/list-declarations',
  group: 'declarations',
  roles: ALL,
  summary: 'Declaration status of every partner',
  tags: ['declarations'],
  response: declarationStatusPageSchema,
});
export const getDeclaration = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/declarations/{orgId}',
  handler: 'declarations/get-declaration',
  group: 'declarations',
  roles: ALL,
  summary: "A partner's current declaration (other partners: the last submitted one)",
  tags: ['declarations'],
  response: declarationViewSchema,
});
export const putDeclaration = defineRoute({
  method: 'PUT',
  path: '/projects/{projectId}/declarations/{orgId}',
  handler: 'declarations/put-declaration',
  group: 'declarations',
  roles: ['legal', 'partner'],
  summary: 'Save a new immutable version (If-Match after the first)',
  tags: ['declarations'],
  requiresIfMatch: true,
  body: declarationDraftSchema,
  parseBody: parseDeclarationDraft,
  status: 201,
  response: declarationSavedSchema,
  after: ['reevaluate-project'],
});
export const listVersions = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/declarations/{orgId}/versions',
  handler: 'declarations/list-versions',
  group: 'declarations',
  roles: ALL,
  summary: 'Version history',
  tags: ['declarations'],
  response: declarationVersionPageSchema,
});
export const getVersion = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/declarations/{orgId}/versions/{n}',
  handler: 'declarations/get-version',
  group: 'declarations',
  roles: ALL,
  summary: 'One version',
  tags: ['declarations'],
  response: declarationVersionSchema,
});
export const diffVersions = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/declarations/{orgId}/diff',
  handler: 'declarations/diff-versions',
  group: 'declarations',
  roles: ALL,
  summary: 'Redline between two versions (?from=&to=)',
  tags: ['declarations'],
  query: diffQuerySchema,
  response: redlineSchema,
});
export const submitDeclaration = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/declarations/{orgId}/submit',
  handler: 'declarations/submit-declaration',
  group: 'declarations',
  roles: ['legal', 'partner'],
  summary: 'Submit the current version for review',
  tags: ['declarations'],
  response: declarationHeadSchema,
  after: ['notify-workflow', 'reevaluate-project'],
});
