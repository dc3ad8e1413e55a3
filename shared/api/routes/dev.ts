/** Routes of the Lambda group "dev" (see ../route.ts). */
import { defineRoute } from '../route';
import { devTokenRequestSchema } from '../../domain/dev-token';
import { devTokenResponseSchema } from '../responses/dev';

export const createDevToken = defineRoute({
  method: 'POST',
  path: '/dev/token',
  handler: 'dev/create-dev-token',
  group: 'dev',
  roles: 'public',
  summary: 'Signed token for a demo user (local only)',
  tags: ['dev'],
  localOnly: true,
  body: devTokenRequestSchema,
  status: 201,
  response: devTokenResponseSchema,
  after: [],
});
