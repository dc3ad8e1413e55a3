import * as z from 'zod';
import { STAFF_ROLES } from '../../shared/domain/staff';
import { parseOrThrow } from '../../shared/domain/validation';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { staffPage } from '../../shared/store/staff';
import * as api from '../../shared/api/routes/staff';
import { msg } from '../../shared/domain/i18n/catalog';

/** A page of the staff directory (`?role=`), role by role, each by email. */
export const listStaff: RouteHandler<typeof api.listStaff> = async (req) => {
  const { role } = parseOrThrow(z.object({ role: z.enum(STAFF_ROLES).optional() }), { role: req.query.role || undefined }, msg('what.queryString'));
  return { status: 200, body: await staffPage(pageParams(req), role) };
};

export const handler = httpHandler(api.listStaff, listStaff);
