import * as z from 'zod';
import { STAFF_ROLES } from '../../shared/domain/staff';
import { parseOrThrow } from '../../shared/domain/validation';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { listStaff as store } from '../../shared/store/staff';
import * as api from '../../shared/api/routes/staff';
import { msg } from '../../shared/domain/i18n/catalog';

export const listStaff: RouteHandler<typeof api.listStaff> = async (req) => {
  const { role } = parseOrThrow(z.object({ role: z.enum(STAFF_ROLES).optional() }), { role: req.query.role || undefined }, msg('what.queryString'));
  const items = await store(role);
  return { status: 200, body: { items, nextCursor: null } };
};

export const handler = httpHandler(api.listStaff, listStaff);
