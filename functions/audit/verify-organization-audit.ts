import { httpHandler, type RouteHandler } from '../http/http-handler';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { verifyAuditChain } from '../../shared/store/tx';
import * as api from '../../shared/api/routes/audit';

export const verifyOrganizationAudit: RouteHandler<typeof api.verifyOrganizationAudit> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  const chain = orgChain(org.id);
  return { status: 200, body: { chain, ...(await verifyAuditChain(chain)) } };
};

export const handler = httpHandler(api.verifyOrganizationAudit, verifyOrganizationAudit);
