import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { loadReadableProject } from '../../shared/services/load-project';
import { listDocuments as store } from '../../shared/store/documents';
import * as api from '../../shared/api/routes/documents';

export const listDocuments: RouteHandler<typeof api.listDocuments> = async (req) => {
  const page = pageParams(req);
  const { project } = await loadReadableProject(req);
  const p = req.principal;
  // Partners see their own organization's documents only (a filtered page: bounded reads, maybe shorter than `limit`).
  return { status: 200, body: await store(project.id, page, p.role === 'partner' ? (p.organizationId ?? '-') : undefined) };
};

export const handler = httpHandler(api.listDocuments, listDocuments);
