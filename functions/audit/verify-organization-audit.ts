import { httpHandler, type RouteHandler } from '../http/http-handler';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { verifyAuditChain } from '../../shared/services/audit-verification';
import * as api from '../../shared/api/routes/audit';

/** From the chain's last verified checkpoint, at most 2,000 events (docs/scale.md, "Audit checkpoints"). */
export const verifyOrganizationAudit: RouteHandler<typeof api.verifyOrganizationAudit> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  return { status: 200, body: await verifyAuditChain(orgChain(org.id)), headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(api.verifyOrganizationAudit, verifyOrganizationAudit);
