import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { amendControlEvent as amend, eventVersion } from '../../shared/domain/control-event';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { assertVersion } from '../../shared/store/locking';
import { getControlEvent, saveControlEventVersion } from '../../shared/store/control-events';
import { requireOrganization } from '../../shared/store/organizations';
import { afterChange } from '../../shared/services/after-change';
import { openControlReviews } from '../../shared/services/change-of-control';
import { reevaluationSummary } from '../../shared/services/control-event-changes';
import * as api from '../../shared/api/routes/risk';

/**
 * Amends a control event (If-Match: its version): a new immutable version and an audit event in one transaction,
 * then the same re-evaluation as a recording. The IEF flags follow in place (their subject is the partner and the
 * investor, not the event). Nothing changed: the event is answered as it is, with no new version.
 */
export const amendControlEvent: RouteHandler<typeof api.amendControlEvent> = async (req) => {
  const expected = requireIfMatch(req);
  const org = await requireOrganization(req.params.orgId ?? '');
  const found = await getControlEvent(org.id, req.params.eventId ?? '');
  if (!found) throw new NotFoundError(msg('controlEvent.notFound'));
  const current = found.event;
  assertVersion('control event', eventVersion(current), expected);
  const now = new Date();
  const { event, changes } = amend(current, req.body, { sub: req.principal.sub, at: now.toISOString() });
  if (!changes.length) return { status: 200, body: { event: current, reevaluated: [] }, version: eventVersion(current) };
  await saveControlEventVersion(
    current,
    event,
    expected,
    actorOf(req.principal),
    { action: 'amended', at: now.toISOString(), by: req.principal.sub, changes },
    found.legacy,
  );
  const results = await afterChange(req, { organizationId: org.id, now });
  // A planned deal that completes is a change of control too (docs/change-of-control.md); one review per project and event.
  if (changes.includes('status')) await openControlReviews(event, actorOf(req.principal), now);
  return { status: 200, body: { event, reevaluated: reevaluationSummary(results) }, version: eventVersion(event) };
};

export const handler = httpHandler(api.amendControlEvent, amendControlEvent);
