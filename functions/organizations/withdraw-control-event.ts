import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { eventVersion, withdrawControlEvent as withdraw } from '../../shared/domain/control-event';
import { saveControlEventVersion } from '../../shared/store/control-events';
import { afterChange } from '../../shared/services/after-change';
import { controlEventAt, reevaluationSummary } from '../../shared/services/control-event-changes';
import { closeControlReviews } from '../../shared/services/change-of-control';
import * as api from '../../shared/api/routes/risk';

/**
 * Withdraws a control event (If-Match; a reason is required): the event stays listed with status `withdrawn`,
 * the reason, who and when (a new version, audited, one transaction). The re-evaluation no longer reads it: the
 * flags it caused close with the reason "cause withdrawn" ("cause retirée").
 */
export const withdrawControlEvent: RouteHandler<typeof api.withdrawControlEvent> = async (req) => {
  const expected = requireIfMatch(req);
  const { orgId, current, legacy } = await controlEventAt(req.params.orgId ?? '', req.params.eventId ?? '', expected);
  const now = new Date();
  const event = withdraw(current, req.body.reason, { sub: req.principal.sub, at: now.toISOString() });
  await saveControlEventVersion(
    current,
    event,
    expected,
    actorOf(req.principal),
    {
      action: 'withdrawn',
      at: now.toISOString(),
      by: req.principal.sub,
      changes: ['status'],
      reason: event.withdrawal!.reason,
    },
    legacy,
  );
  const results = await afterChange(req, { organizationId: orgId, now, closeCause: { controlEventId: event.id, reason: event.withdrawal!.reason } });
  await closeControlReviews(event, event.withdrawal!.reason, actorOf(req.principal), now); // docs/change-of-control.md
  return { status: 200, body: { event, reevaluated: reevaluationSummary(results) }, version: eventVersion(event) };
};

export const handler = httpHandler(api.withdrawControlEvent, withdrawControlEvent);
