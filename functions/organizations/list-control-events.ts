import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { controlEventsPage } from '../../shared/store/control-events';
import { requireOrganization } from '../../shared/store/organizations';
import * as api from '../../shared/api/routes/risk';

/** A page of an organization's control events, oldest recorded first. */
export const listControlEvents: RouteHandler<typeof api.listControlEvents> = async (req) => {
  const page = pageParams(req);
  const org = await requireOrganization(req.params.orgId ?? '');
  return { status: 200, body: await controlEventsPage(org.id, page) };
};

export const handler = httpHandler(api.listControlEvents, listControlEvents);
