import * as z from 'zod';
import { organizationInputSchema, orgIdSchema } from '../../domain/organization';
import { datetime, pageOf, version } from './common';

export const organizationSchema = z.object({
  ...organizationInputSchema.shape,
  id: orgIdSchema,
  version,
  createdAt: datetime,
  updatedAt: datetime,
});
export const organizationPageSchema = pageOf(organizationSchema);
