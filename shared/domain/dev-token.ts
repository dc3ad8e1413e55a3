import * as z from 'zod';
import { roleSchema } from './access';
import { orgIdSchema } from './organization';
import { emailSchema, text } from './common';

/** Body of POST /dev/token (local mode only). */
export const devTokenRequestSchema = z
  .strictObject({
    role: roleSchema,
    organizationId: orgIdSchema.optional(),
    email: emailSchema.optional(),
    name: text(200).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.role === 'partner' && !b.organizationId) ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'Required for a partner' });
    if (b.role !== 'partner' && b.organizationId)
      ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'Only partners are bound to an organization' });
  });
export type DevTokenRequest = z.output<typeof devTokenRequestSchema>;
