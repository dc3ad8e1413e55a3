import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { loadReadableProject } from '../../shared/services/load-project';
import { listDocuments as store } from '../../shared/store/documents';
import * as api from '../../shared/api/routes/documents';

export const listDocuments: RouteHandler<typeof api.listDocuments> = async (req) => {
  const { limit, cursor } = pageParams(req);
  const { project } = await loadReadableProject(req);
  const page = await store(project.id, limit, cursor);
  const p = req.principal;
  // Partners see their own organization's documents only (the page may then be shorter than `limit`).
  const items = p.role === 'partner' ? page.items.filter((d) => d.organizationId === p.organizationId) : page.items;
  return { status: 200, body: { items, nextCursor: page.nextCursor } };
};

export const handler = httpHandler(api.listDocuments, listDocuments);
