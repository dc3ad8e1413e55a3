import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { NotFoundError } from '../../shared/domain/errors';
import { deleteStaff as store, getStaff } from '../../shared/store/staff';
import * as api from '../../shared/api/routes/staff';
import { msg } from '../../shared/domain/i18n/catalog';

export const deleteStaff: RouteHandler<typeof api.deleteStaff> = async (req) => {
  const member = await getStaff((req.params.email ?? '').toLowerCase());
  if (!member) throw new NotFoundError(msg('staff.notFound'));
  await store(member, actorOf(req.principal));
  return { status: 204 };
};

export const handler = httpHandler(api.deleteStaff, deleteStaff);
