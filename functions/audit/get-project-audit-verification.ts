import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pathParam } from '../http/params';
import { auditVerificationIdSchema } from '../../shared/domain/audit-verification';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { readAuditVerification } from '../../shared/services/audit-verification';
import * as api from '../../shared/api/routes/audit';

/** A verification of this project's chain (the key names the chain: another chain's job is a 404). */
export const getProjectAuditVerification: RouteHandler<typeof api.getProjectAuditVerification> = async (req) => {
  const { project } = await loadReadableProject(req);
  const id = pathParam(req, 'verificationId', auditVerificationIdSchema);
  const job = await readAuditVerification(projectChain(project.id), id);
  if (!job) throw new NotFoundError(msg('audit.verificationNotFound'));
  return { status: 200, body: job, headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(api.getProjectAuditVerification, getProjectAuditVerification);
