import { httpHandler, type RouteHandler } from '../http/http-handler';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { pageParams } from '../http/params';
import { listAuditEvents } from '../../shared/store/tx';
import * as api from '../../shared/api/routes/audit';

export const listProjectAudit: RouteHandler<typeof api.listProjectAudit> = async (req) => {
  const { project } = await loadReadableProject(req);
  const { limit, cursor } = pageParams(req);
  return { status: 200, body: await listAuditEvents(projectChain(project.id), limit, cursor) };
};

export const handler = httpHandler(api.listProjectAudit, listProjectAudit);
