import { httpHandler, type RouteHandler } from '../http/http-handler';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { verifyChainRoute } from './audit-routes';

export const verifyOrganizationAudit: RouteHandler = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  return verifyChainRoute(orgChain(org.id));
};

export const handler = httpHandler('GET /organizations/{orgId}/audit/verify', verifyOrganizationAudit);
