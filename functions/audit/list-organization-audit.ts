import { httpHandler, type RouteHandler } from '../http/http-handler';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { listChain } from './audit-routes';
import * as api from '../../shared/api/routes/audit';

export const listOrganizationAudit: RouteHandler<typeof api.listOrganizationAudit> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  return listChain(req, orgChain(org.id));
};

export const handler = httpHandler(api.listOrganizationAudit, listOrganizationAudit);
