/** Routes of the Lambda group "staff" (see ../route.ts). */
import { defineRoute, LEGAL, STAFF_READ } from '../route';
import { staffInputSchema } from '../../domain/staff';
import { staffPageSchema, staffMemberSchema, staffQuerySchema } from '../responses/staff';

export const listStaff = defineRoute({
  method: 'GET',
  path: '/staff',
  handler: 'staff/list-staff',
  group: 'staff',
  roles: STAFF_READ,
  summary: 'The pôle staff directory (?role=)',
  tags: ['staff'],
  query: staffQuerySchema,
  response: staffPageSchema,
});
export const putStaff = defineRoute({
  method: 'PUT',
  path: '/staff/{email}',
  handler: 'staff/put-staff',
  group: 'staff',
  roles: LEGAL,
  summary: 'Add or update a staff member (If-Match to update)',
  tags: ['staff'],
  body: staffInputSchema,
  response: staffMemberSchema,
  after: [],
});
export const deleteStaff = defineRoute({
  method: 'DELETE',
  path: '/staff/{email}',
  handler: 'staff/delete-staff',
  group: 'staff',
  roles: LEGAL,
  summary: 'Remove a staff member',
  tags: ['staff'],
  status: 204,
  after: [],
});
