import { httpHandler, type RouteHandler } from '../http/http-handler';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { verifyAuditChain } from '../../shared/store/tx';
import * as api from '../../shared/api/routes/audit';

export const verifyProjectAudit: RouteHandler<typeof api.verifyProjectAudit> = async (req) => {
  const { project } = await loadReadableProject(req);
  const chain = projectChain(project.id);
  return { status: 200, body: { chain, ...(await verifyAuditChain(chain)) } };
};

export const handler = httpHandler(api.verifyProjectAudit, verifyProjectAudit);
