import { pathParam } from '../http/params';
import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { emailSchema } from '../../shared/domain/common';
import { getStaff, putStaff as store } from '../../shared/store/staff';
import { assertVersion } from '../../shared/store/locking';
import * as api from '../../shared/api/routes/staff';
import { msg } from '../../shared/domain/i18n/catalog';

/** Adds (201) or updates (200, If-Match) a member of the pôle staff directory. */
export const putStaff: RouteHandler<typeof api.putStaff> = async (req) => {
  const email = pathParam(req, 'email', emailSchema, msg('what.email')).toLowerCase();
  const input = req.body;
  const previous = await getStaff(email);
  if (previous) assertVersion('staff member', previous.version, requireIfMatch(req));
  const member = await store(email, input, previous, actorOf(req.principal));
  return { status: previous ? 200 : 201, body: member, version: member.version };
};

export const handler = httpHandler(api.putStaff, putStaff);
