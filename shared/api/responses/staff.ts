import * as z from 'zod';
import { STAFF_ROLES } from '../../domain/staff';
import { staffMemberSchema } from '../../domain/staff-schema';
import { pageOf, pageQueryShape } from './common';

export { staffMemberSchema };
export const staffPageSchema = pageOf(staffMemberSchema);
export const staffQuerySchema = z.object({
  role: z.enum(STAFF_ROLES).optional().describe('Only the members of this role (any other value lists everyone)'),
  ...pageQueryShape,
});
