import { httpHandler, type RouteHandler } from '../http/http-handler';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { listChain } from './audit-routes';

export const listOrganizationAudit: RouteHandler = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  return listChain(req, orgChain(org.id));
};

export const handler = httpHandler('GET /organizations/{orgId}/audit', listOrganizationAudit);
