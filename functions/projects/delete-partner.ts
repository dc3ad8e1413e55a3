import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { deleteMembership } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/projects';

export const deletePartner: RouteHandler<typeof api.deletePartner> = async (req) => {
  const header = await loadReadableProject(req);
  await deleteMembership(header, req.params.orgId ?? '', actorOf(req.principal));
  await afterChange(req, { project: header.project });
  return { status: 204 };
};

export const handler = httpHandler(api.deletePartner, deletePartner);
