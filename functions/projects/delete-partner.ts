import { reevaluateProject } from '../../shared/services/reevaluate';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { deleteMembership } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';

export const deletePartner: RouteHandler = async (req) => {
  const header = await loadReadableProject(req);
  await deleteMembership(header, req.params.orgId ?? '', actorOf(req.principal));
  await reevaluateProject(header.project.id, actorOf(req.principal));
  return { status: 204 };
};

export const handler = httpHandler('DELETE /projects/{projectId}/partners/{orgId}', deletePartner);
