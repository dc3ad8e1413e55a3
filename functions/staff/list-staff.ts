import { httpHandler, type RouteHandler } from '../http/http-handler';
import { listStaff as store } from '../../shared/store/staff';

export const listStaff: RouteHandler = async (req) => {
  const role = req.query.role;
  const items = await store(role && ['legal', 'committee', 'lawyer'].includes(role) ? role : undefined);
  return { status: 200, body: { items, nextCursor: null } };
};

export const handler = httpHandler('GET /staff', listStaff);
