import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { listOrganizations as store } from '../../shared/store/organizations';
import * as api from '../../shared/api/routes/organizations';

export const listOrganizations: RouteHandler<typeof api.listOrganizations> = async (req) => {
  const { limit, cursor } = pageParams(req);
  return { status: 200, body: await store(limit, cursor) };
};

export const handler = httpHandler(api.listOrganizations, listOrganizations);
