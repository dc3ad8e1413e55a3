import { httpHandler, type RouteHandler } from '../http/http-handler';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { verifyChainRoute } from './audit-routes';
import * as api from '../../shared/api/routes/audit';

export const verifyOrganizationAudit: RouteHandler<typeof api.verifyOrganizationAudit> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  return verifyChainRoute(orgChain(org.id));
};

export const handler = httpHandler(api.verifyOrganizationAudit, verifyOrganizationAudit);
