import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { amendControlEvent as amend, eventVersion } from '../../shared/domain/control-event';
import { saveControlEventVersion } from '../../shared/store/control-events';
import { afterChange } from '../../shared/services/after-change';
import { openControlReviews } from '../../shared/services/change-of-control';
import { controlEventAt, reevaluationSummary } from '../../shared/services/control-event-changes';
import * as api from '../../shared/api/routes/risk';

/**
 * Amends a control event (If-Match: its version): a new immutable version and an audit event in one transaction,
 * then the same re-evaluation as a recording. The IEF flags follow in place (their subject is the partner and the
 * investor, not the event). Nothing changed: the event is answered as it is, with no new version.
 */
export const amendControlEvent: RouteHandler<typeof api.amendControlEvent> = async (req) => {
  const expected = requireIfMatch(req);
  const { orgId, current, legacy } = await controlEventAt(req.params.orgId ?? '', req.params.eventId ?? '', expected);
  const now = new Date();
  const { event, changes } = amend(current, req.body, { sub: req.principal.sub, at: now.toISOString() });
  if (!changes.length) return { status: 200, body: { event: current, reevaluated: [] }, version: eventVersion(current) };
  await saveControlEventVersion(
    current,
    event,
    expected,
    actorOf(req.principal),
    { action: 'amended', at: now.toISOString(), by: req.principal.sub, changes },
    legacy,
  );
  const results = await afterChange(req, { organizationId: orgId, now });
  // A planned deal that completes is a change of control too (docs/change-of-control.md); one review per project and event.
  if (changes.includes('status')) await openControlReviews(event, actorOf(req.principal), now);
  return { status: 200, body: { event, reevaluated: reevaluationSummary(results) }, version: eventVersion(event) };
};

export const handler = httpHandler(api.amendControlEvent, amendControlEvent);
