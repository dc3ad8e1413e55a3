import { httpHandler, type RouteHandler } from '../http/http-handler';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { verifyChainRoute } from './audit-routes';

export const verifyProjectAudit: RouteHandler = async (req) => {
  const { project } = await loadReadableProject(req);
  return verifyChainRoute(projectChain(project.id));
};

export const handler = httpHandler('GET /projects/{projectId}/audit/verify', verifyProjectAudit);
