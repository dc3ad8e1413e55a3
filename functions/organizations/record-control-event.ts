import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { assertControlEventConsistent, type ControlEvent } from '../../shared/domain/control-event';
import { recordControlEvent as store } from '../../shared/store/control-events';
import { newId, requireOrganization } from '../../shared/store/organizations';
import { afterChange } from '../../shared/services/after-change';
import { openControlReviews } from '../../shared/services/change-of-control';
import { reevaluationSummary } from '../../shared/services/control-event-changes';
import * as api from '../../shared/api/routes/risk';

/**
 * Records a shareholding change or an acquisition (planned or completed) and, in the same request,
 * re-evaluates every project of the organization (and of those it holds shares in); the answer lists, per
 * project, the flags raised, reopened, updated and closed.
 */
export const recordControlEvent: RouteHandler<typeof api.recordControlEvent> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  const input = assertControlEventConsistent(req.body, org.id);
  const now = new Date();
  // Version 1: its ETag, the If-Match of its first amendment or withdrawal.
  const event: ControlEvent = { ...input, id: newId('cev'), organizationId: org.id, recordedAt: now.toISOString(), recordedBy: req.principal.sub, version: 1 };
  const actor = actorOf(req.principal);
  await store(event, actor);
  const results = await afterChange(req, { organizationId: org.id, now });
  await openControlReviews(event, actor, now); // change of control after signature: docs/change-of-control.md
  // The consequences, for the answer to show at once: per project, the flags raised, reopened, updated and closed.
  const summary = reevaluationSummary(results);
  return { status: 201, body: { event, reevaluated: summary }, headers: { location: `/organizations/${org.id}/control-events/${event.id}` }, version: 1 };
};

export const handler = httpHandler(api.recordControlEvent, recordControlEvent);
