import * as z from 'zod';
import { emailSchema } from './common';
import { instantSchema, versionSchema } from './response-schema';
import { staffInputSchema } from './staff';

/** Response schema of a member of the staff directory: mirrors `StaffMember` of ./staff.ts (checked in test/unit/openapi.test.ts). */
export const staffMemberSchema = z.object({
  ...staffInputSchema.shape,
  email: emailSchema.describe('Lower-cased; the key of the member (`/staff/{email}`)'),
  version: versionSchema,
  updatedAt: instantSchema,
});
