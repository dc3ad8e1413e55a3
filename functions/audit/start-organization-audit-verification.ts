import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { startAuditVerification } from '../../shared/services/audit-verification';
import * as api from '../../shared/api/routes/audit';

/** A full verification of the organization's chain, run by the audit verification worker (202 with its Location). */
export const startOrganizationAuditVerification: RouteHandler<typeof api.startOrganizationAuditVerification> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  const job = await startAuditVerification(orgChain(org.id), actorOf(req.principal));
  return { status: 202, body: job, headers: { location: `/organizations/${org.id}/audit/verifications/${job.id}` } };
};

export const handler = httpHandler(api.startOrganizationAuditVerification, startOrganizationAuditVerification);
