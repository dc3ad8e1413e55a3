import { httpHandler, type RouteHandler } from '../http/http-handler';
import { listControlEvents as store } from '../../shared/store/control-events';
import { requireOrganization } from '../../shared/store/organizations';
import * as api from '../../shared/api/routes/risk';

export const listControlEvents: RouteHandler<typeof api.listControlEvents> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  return { status: 200, body: { items: await store(org.id), nextCursor: null } };
};

export const handler = httpHandler(api.listControlEvents, listControlEvents);
