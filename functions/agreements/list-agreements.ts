import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { loadReadableProject } from '../../shared/services/load-project';
import { statusOf } from '../../shared/services/agreements';
import { listAgreements as store } from '../../shared/store/agreements';
import { getWorkflow } from '../../shared/store/workflow';
import * as api from '../../shared/api/routes/agreements';

/** A page of versions, newest first, each with its status (current, signed, superseded, invalidated). */
export const listAgreements: RouteHandler<typeof api.listAgreements> = async (req) => {
  const { limit, cursor } = pageParams(req);
  const { project } = await loadReadableProject(req);
  const [page, workflow] = await Promise.all([store(project.id, limit, cursor), getWorkflow(project.id)]);
  // Newest first: the version after item i is item i-1 (only the first item of a later page needs a read).
  const items = await Promise.all(
    page.items.map(async (r, i) => ({ ...r, status: await statusOf(r, workflow?.state ?? null, i > 0 ? page.items[i - 1]! : undefined) })),
  );
  return { status: 200, body: { items, nextCursor: page.nextCursor } };
};

export const handler = httpHandler(api.listAgreements, listAgreements);
