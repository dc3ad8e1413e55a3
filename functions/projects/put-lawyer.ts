import { pathParam } from '../http/params';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { emailSchema } from '../../shared/domain/common';
import { putLawyer as store } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';
import * as api from '../../shared/api/routes/projects';
import { msg } from '../../shared/domain/i18n/catalog';

export const putLawyer: RouteHandler<typeof api.putLawyer> = async (req) => {
  const email = pathParam(req, 'email', emailSchema, msg('what.lawyerEmail')).toLowerCase();
  const header = await loadReadableProject(req);
  const created = await store(header, email, actorOf(req.principal));
  return { status: created ? 201 : 200, body: { projectId: header.project.id, email } };
};

export const handler = httpHandler(api.putLawyer, putLawyer);
