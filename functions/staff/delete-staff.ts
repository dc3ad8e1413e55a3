import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { NotFoundError } from '../../shared/domain/errors';
import { deleteStaff as store, getStaff } from '../../shared/store/staff';

export const deleteStaff: RouteHandler = async (req) => {
  const member = await getStaff((req.params.email ?? '').toLowerCase());
  if (!member) throw new NotFoundError('No such staff member.');
  await store(member, actorOf(req.principal));
  return { status: 204 };
};

export const handler = httpHandler('DELETE /staff/{email}', deleteStaff);
