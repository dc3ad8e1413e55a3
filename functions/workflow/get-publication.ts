import { httpHandler, type RouteHandler } from '../http/http-handler';
import { loadReadableProject } from '../../shared/services/load-project';
import { assertNoticeOfProject } from '../../shared/domain/publication';
import { publicationView, settleNotice } from '../../shared/services/publications';
import { getPublication as get } from '../../shared/store/publications';
import * as api from '../../shared/api/routes/publications';

/** A notice with its answers, versions and history, settled by the clock as it is read. */
export const getPublication: RouteHandler<typeof api.getPublication> = async (req) => {
  const header = await loadReadableProject(req);
  const found = await get(header.project.id, req.params.publicationId ?? '');
  assertNoticeOfProject(found, header.project.id);
  const now = new Date();
  const n = await settleNotice(header.project, found, now);
  return { status: 200, body: publicationView(req.principal, n, now), version: n.version };
};

export const handler = httpHandler(api.getPublication, getPublication);
