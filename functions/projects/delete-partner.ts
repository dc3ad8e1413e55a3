import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { deleteMembership } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';
import { afterChange } from '../../shared/services/after-change';
import { ipFileLock } from '../../shared/services/ip-file-lock';
import * as api from '../../shared/api/routes/projects';

export const deletePartner: RouteHandler<typeof api.deletePartner> = async (req) => {
  const header = await loadReadableProject(req);
  const lock = await ipFileLock(header.project.id);
  await deleteMembership(header, req.params.orgId ?? '', actorOf(req.principal), new Date(), [lock]);
  await afterChange(req, { project: header.project });
  return { status: 204 };
};

export const handler = httpHandler(api.deletePartner, deletePartner);
