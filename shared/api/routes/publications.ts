/** Routes of publication notices (docs/publications.md), served by the Lambda group "workflow" (see ../route.ts). */
import { defineRoute, ALL } from '../route';
import { consentInputSchema, manuscriptVersionInputSchema, objectionInputSchema, publicationInputSchema } from '../../domain/publication';
import { publicationPageSchema, publicationSchema } from '../responses/publications';

export const givePublicationNotice = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/publications',
  handler: 'workflow/give-publication-notice',
  group: 'workflow',
  roles: ['legal', 'partner'],
  summary: 'Give notice of a planned publication: the other partners are emailed and get a task with their objection deadline',
  tags: ['publications'],
  idempotent: true,
  body: publicationInputSchema,
  status: 201,
  response: publicationSchema,
  after: ['reevaluate-project'],
});
export const listPublications = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/publications',
  handler: 'workflow/list-publications',
  group: 'workflow',
  roles: ALL,
  summary: "A project's publication notices, newest first, with their state and remaining days (paginated)",
  tags: ['publications'],
  response: publicationPageSchema,
});
export const getPublication = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/publications/{publicationId}',
  handler: 'workflow/get-publication',
  group: 'workflow',
  roles: ALL,
  summary: 'A publication notice: answers per partner, manuscript versions and history (the clock is settled when read)',
  tags: ['publications'],
  response: publicationSchema,
});
export const objectToPublication = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/publications/{publicationId}/objections',
  handler: 'workflow/object-to-publication',
  group: 'workflow',
  roles: ['legal', 'partner'],
  summary: "Object to a publication before the partner's deadline (confidential information, or protection first)",
  tags: ['publications'],
  requiresIfMatch: true,
  body: objectionInputSchema,
  response: publicationSchema,
  after: ['reevaluate-project'],
});
export const consentToPublication = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/publications/{publicationId}/consents',
  handler: 'workflow/consent-to-publication',
  group: 'workflow',
  roles: ['legal', 'partner'],
  summary: 'Consent explicitly to a publication (final)',
  tags: ['publications'],
  requiresIfMatch: true,
  body: consentInputSchema,
  bodyOptional: true,
  response: publicationSchema,
  after: ['reevaluate-project'],
});
export const withdrawPublicationObjection = defineRoute({
  method: 'DELETE',
  path: '/projects/{projectId}/publications/{publicationId}/objections/{organizationId}',
  handler: 'workflow/withdraw-publication-objection',
  group: 'workflow',
  roles: ['legal', 'partner'],
  summary: "Withdraw an organization's objection (it then consents)",
  tags: ['publications'],
  requiresIfMatch: true,
  response: publicationSchema,
  after: ['reevaluate-project'],
});
export const addManuscriptVersion = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/publications/{publicationId}/versions',
  handler: 'workflow/add-manuscript-version',
  group: 'workflow',
  roles: ['legal', 'partner'],
  summary: "A new manuscript version answering the objections: the objectors' clock restarts",
  tags: ['publications'],
  requiresIfMatch: true,
  body: manuscriptVersionInputSchema,
  response: publicationSchema,
  after: ['reevaluate-project'],
});
