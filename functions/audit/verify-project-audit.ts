import { httpHandler, type RouteHandler } from '../http/http-handler';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { verifyChainRoute } from './audit-routes';
import * as api from '../../shared/api/routes/audit';

export const verifyProjectAudit: RouteHandler<typeof api.verifyProjectAudit> = async (req) => {
  const { project } = await loadReadableProject(req);
  return verifyChainRoute(projectChain(project.id));
};

export const handler = httpHandler(api.verifyProjectAudit, verifyProjectAudit);
