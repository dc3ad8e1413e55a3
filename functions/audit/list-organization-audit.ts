import { httpHandler, type RouteHandler } from '../http/http-handler';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { pageParams } from '../http/params';
import { listAuditEvents } from '../../shared/store/tx';
import * as api from '../../shared/api/routes/audit';

export const listOrganizationAudit: RouteHandler<typeof api.listOrganizationAudit> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  const { limit, cursor } = pageParams(req);
  return { status: 200, body: await listAuditEvents(orgChain(org.id), limit, cursor) };
};

export const handler = httpHandler(api.listOrganizationAudit, listOrganizationAudit);
