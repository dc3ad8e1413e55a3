import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { loadReadableProject } from '../../shared/services/load-project';
import { controlReviewView } from '../../shared/domain/control-review';
import { listControlReviews as list } from '../../shared/store/control-reviews';
import * as api from '../../shared/api/routes/control-reviews';

/** A page of the project's change-of-control reviews, with the days left (or the decision) and whether overdue. */
export const listControlReviews: RouteHandler<typeof api.listControlReviews> = async (req) => {
  const header = await loadReadableProject(req);
  const { limit, cursor } = pageParams(req);
  const now = new Date();
  const page = await list(header.project.id, { limit, cursor });
  return { status: 200, body: { items: page.items.map((r) => controlReviewView(r, now)), nextCursor: page.nextCursor } };
};

export const handler = httpHandler(api.listControlReviews, listControlReviews);
