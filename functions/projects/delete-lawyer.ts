import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { deleteLawyer as store } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';

export const deleteLawyer: RouteHandler = async (req) => {
  const header = await loadReadableProject(req);
  await store(header, (req.params.email ?? '').toLowerCase(), actorOf(req.principal));
  return { status: 204 };
};

export const handler = httpHandler('DELETE /projects/{projectId}/lawyers/{email}', deleteLawyer);
