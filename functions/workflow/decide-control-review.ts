import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { notifyControlReviewDecided } from '../../shared/services/change-of-control';
import { loadReadableProject } from '../../shared/services/load-project';
import { actorOf } from '../../shared/domain/audit';
import { controlReviewView, decideReview } from '../../shared/domain/control-review';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { getControlReview, saveControlReview } from '../../shared/store/control-reviews';
import { assertVersion } from '../../shared/store/locking';
import * as api from '../../shared/api/routes/control-reviews';

/**
 * The committee decides a change-of-control review (once): accept, restrict the partner's access rights to the
 * results, or ask for its withdrawal, with a note. Recorded against the signed agreement's version, audited, and
 * the committee's task closes; the partners and the legal staff are emailed the decision. If-Match: the review's
 * version.
 */
export const decideControlReview: RouteHandler<typeof api.decideControlReview> = async (req) => {
  const expected = requireIfMatch(req);
  const header = await loadReadableProject(req);
  const review = await getControlReview(header.project.id, req.params.reviewId ?? '');
  if (!review) throw new NotFoundError(msg('controlReview.notFound'));
  assertVersion('control review', review.version, expected);
  const now = new Date();
  const next = decideReview(review, req.body, req.principal, actorOf(req.principal), now);
  const saved = await saveControlReview(header.project, review, next, 'decided', actorOf(req.principal));
  // The partner concerned, the other partners and the legal staff are told; a mail failure is only logged.
  await notifyControlReviewDecided(
    header.project,
    saved,
    header.members.map((m) => m.organizationId),
  );
  return { status: 200, body: controlReviewView(saved, now), version: saved.version };
};

export const handler = httpHandler(api.decideControlReview, decideControlReview);
