import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { startAuditVerification } from '../../shared/services/audit-verification';
import * as api from '../../shared/api/routes/audit';

/** A full verification of the project's chain, run by the audit verification worker (202 with its Location). */
export const startProjectAuditVerification: RouteHandler<typeof api.startProjectAuditVerification> = async (req) => {
  const { project } = await loadReadableProject(req);
  const job = await startAuditVerification(projectChain(project.id), actorOf(req.principal));
  return { status: 202, body: job, headers: { location: `/projects/${project.id}/audit/verifications/${job.id}` } };
};

export const handler = httpHandler(api.startProjectAuditVerification, startProjectAuditVerification);
