import { httpHandler, type RouteHandler } from '../http/http-handler';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { listChain } from './audit-routes';

export const listProjectAudit: RouteHandler = async (req) => {
  const { project } = await loadReadableProject(req);
  return listChain(req, projectChain(project.id));
};

export const handler = httpHandler('GET /projects/{projectId}/audit', listProjectAudit);
