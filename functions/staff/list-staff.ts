import * as z from 'zod';
import { STAFF_ROLES } from '../../shared/domain/staff';
import { parseOrThrow } from '../../shared/domain/validation';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { listStaff as store } from '../../shared/store/staff';

export const listStaff: RouteHandler = async (req) => {
  const { role } = parseOrThrow(z.object({ role: z.enum(STAFF_ROLES).optional() }), { role: req.query.role || undefined }, 'query string');
  const items = await store(role);
  return { status: 200, body: { items, nextCursor: null } };
};

export const handler = httpHandler('GET /staff', listStaff);
