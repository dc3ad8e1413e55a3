import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { deleteLawyer as store } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';
import * as api from '../../shared/api/routes/projects';

export const deleteLawyer: RouteHandler<typeof api.deleteLawyer> = async (req) => {
  const header = await loadReadableProject(req);
  await store(header, (req.params.email ?? '').toLowerCase(), actorOf(req.principal));
  return { status: 204 };
};

export const handler = httpHandler(api.deleteLawyer, deleteLawyer);
