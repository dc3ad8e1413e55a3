import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pathParam } from '../http/params';
import { auditVerificationIdSchema } from '../../shared/domain/audit-verification';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { orgChain } from '../../shared/store/keys';
import { requireOrganization } from '../../shared/store/organizations';
import { readAuditVerification } from '../../shared/services/audit-verification';
import * as api from '../../shared/api/routes/audit';

/** A verification of this organization's chain (the key names the chain: another chain's job is a 404). */
export const getOrganizationAuditVerification: RouteHandler<typeof api.getOrganizationAuditVerification> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  const id = pathParam(req, 'verificationId', auditVerificationIdSchema);
  const job = await readAuditVerification(orgChain(org.id), id);
  if (!job) throw new NotFoundError(msg('audit.verificationNotFound'));
  return { status: 200, body: job, headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(api.getOrganizationAuditVerification, getOrganizationAuditVerification);
