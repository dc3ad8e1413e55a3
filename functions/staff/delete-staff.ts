import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { NotFoundError } from '../../shared/domain/errors';
import { deleteStaff as store, getStaff } from '../../shared/store/staff';
import * as api from '../../shared/api/routes/staff';

export const deleteStaff: RouteHandler<typeof api.deleteStaff> = async (req) => {
  const member = await getStaff((req.params.email ?? '').toLowerCase());
  if (!member) throw new NotFoundError('No such staff member.');
  await store(member, actorOf(req.principal));
  return { status: 204 };
};

export const handler = httpHandler(api.deleteStaff, deleteStaff);
