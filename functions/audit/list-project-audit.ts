import { httpHandler, type RouteHandler } from '../http/http-handler';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { listChain } from './audit-routes';
import * as api from '../../shared/api/routes/audit';

export const listProjectAudit: RouteHandler<typeof api.listProjectAudit> = async (req) => {
  const { project } = await loadReadableProject(req);
  return listChain(req, projectChain(project.id));
};

export const handler = httpHandler(api.listProjectAudit, listProjectAudit);
