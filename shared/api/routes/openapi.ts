/** Routes of the Lambda group "openapi" (see ../route.ts). */
import { defineRoute } from '../route';
import { openApiDocumentSchema } from '../responses/meta';

export const openapi = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  handler: 'openapi',
  group: 'openapi',
  roles: 'public',
  summary: 'OpenAPI 3.1 document',
  tags: ['meta'],
  response: openApiDocumentSchema,
});
