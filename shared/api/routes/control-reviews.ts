/** Routes of change-of-control reviews after signature (docs/change-of-control.md), served by the Lambda group "workflow". */
import { defineRoute } from '../route';
import { controlReviewDecisionInputSchema } from '../../domain/control-review';
import { controlReviewPageSchema, controlReviewSchema } from '../responses/control-reviews';

export const listControlReviews = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/control-reviews',
  handler: 'workflow/list-control-reviews',
  group: 'workflow',
  roles: ['legal', 'committee', 'lawyer'],
  summary: "The project's change-of-control reviews (signed agreement), with the committee's decision or the days left (paginated)",
  tags: ['workflow'],
  response: controlReviewPageSchema,
});
export const decideControlReview = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/control-reviews/{reviewId}/decision',
  handler: 'workflow/decide-control-review',
  group: 'workflow',
  roles: ['committee'],
  summary: "The committee's decision on a change of control: accept, restrict the partner's access rights, or ask for its withdrawal",
  tags: ['workflow'],
  requiresIfMatch: true,
  body: controlReviewDecisionInputSchema,
  response: controlReviewSchema,
  after: [],
});
