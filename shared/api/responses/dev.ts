import * as z from 'zod';
import { roleSchema } from '../../domain/access';
import { orgIdSchema } from '../../domain/organization';

export const devTokenResponseSchema = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().min(1),
  user: z.object({ sub: z.string(), role: roleSchema, organizationId: orgIdSchema.optional(), email: z.string(), name: z.string() }),
});
