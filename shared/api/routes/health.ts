/** Routes of the Lambda group "health" (see ../route.ts). */
import { defineRoute } from '../route';
import { healthSchema } from '../responses/meta';

export const health = defineRoute({
  method: 'GET',
  path: '/health',
  handler: 'health',
  group: 'health',
  roles: 'public',
  summary: 'Liveness',
  tags: ['meta'],
  response: healthSchema,
});
