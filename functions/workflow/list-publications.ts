import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { loadReadableProject } from '../../shared/services/load-project';
import { publicationSummary, settleNotice } from '../../shared/services/publications';
import { listPublications as list } from '../../shared/store/publications';
import * as api from '../../shared/api/routes/publications';

/** A page of the project's notices, newest first; each is settled by the clock as it is read (silence = consent). */
export const listPublications: RouteHandler<typeof api.listPublications> = async (req) => {
  const header = await loadReadableProject(req);
  const { limit, cursor } = pageParams(req);
  const now = new Date();
  const page = await list(header.project.id, { limit, cursor });
  const items = await Promise.all(page.items.map((n) => settleNotice(header.project, n, now)));
  return { status: 200, body: { items: items.map((n) => publicationSummary(req.principal, n, now)), nextCursor: page.nextCursor } };
};

export const handler = httpHandler(api.listPublications, listPublications);
