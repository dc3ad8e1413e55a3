import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { emailSchema } from '../../shared/domain/common';
import { staffInputSchema } from '../../shared/domain/staff';
import { parseOrThrow } from '../../shared/domain/validation';
import { getStaff, putStaff as store } from '../../shared/store/staff';
import { assertVersion } from '../../shared/store/locking';

/** Adds (201) or updates (200, If-Match) a member of the pôle staff directory. */
export const putStaff: RouteHandler = async (req) => {
  const email = parseOrThrow(emailSchema, req.params.email, 'email').toLowerCase();
  const input = parseOrThrow(staffInputSchema, req.body);
  const previous = await getStaff(email);
  if (previous) assertVersion('staff member', previous.version, requireIfMatch(req));
  const member = await store(email, input, previous, actorOf(req.principal));
  return { status: previous ? 200 : 201, body: member, version: member.version };
};

export const handler = httpHandler('PUT /staff/{email}', putStaff);
