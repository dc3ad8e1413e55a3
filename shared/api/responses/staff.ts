import * as z from 'zod';
import { STAFF_ROLES } from '../../domain/staff';
import { staffMemberSchema } from '../../domain/staff-schema';
import { listOf } from './common';

export { staffMemberSchema };
export const staffListSchema = listOf(staffMemberSchema);
export const staffQuerySchema = z.object({
  role: z.enum(STAFF_ROLES).optional().describe('Only the members of this role (any other value lists everyone)'),
});
