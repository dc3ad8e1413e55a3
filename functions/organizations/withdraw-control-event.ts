import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { eventVersion, withdrawControlEvent as withdraw } from '../../shared/domain/control-event';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { assertVersion } from '../../shared/store/locking';
import { getControlEvent, saveControlEventVersion } from '../../shared/store/control-events';
import { requireOrganization } from '../../shared/store/organizations';
import { afterChange } from '../../shared/services/after-change';
import { reevaluationSummary } from '../../shared/services/control-event-changes';
import { closeControlReviews } from '../../shared/services/change-of-control';
import * as api from '../../shared/api/routes/risk';

/**
 * Withdraws a control event (If-Match; a reason is required): the event stays listed with status `withdrawn`,
 * the reason, who and when (a new version, audited, one transaction). The re-evaluation no longer reads it: the
 * flags it caused close with the reason "cause withdrawn" ("cause retirée").
 */
export const withdrawControlEvent: RouteHandler<typeof api.withdrawControlEvent> = async (req) => {
  const expected = requireIfMatch(req);
  const org = await requireOrganization(req.params.orgId ?? '');
  const found = await getControlEvent(org.id, req.params.eventId ?? '');
  if (!found) throw new NotFoundError(msg('controlEvent.notFound'));
  const current = found.event;
  assertVersion('control event', eventVersion(current), expected);
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
    found.legacy,
  );
  const results = await afterChange(req, { organizationId: org.id, now, closeCause: { controlEventId: event.id, reason: event.withdrawal!.reason } });
  await closeControlReviews(event, event.withdrawal!.reason, actorOf(req.principal), now); // docs/change-of-control.md
  return { status: 200, body: { event, reevaluated: reevaluationSummary(results) }, version: eventVersion(event) };
};

export const handler = httpHandler(api.withdrawControlEvent, withdrawControlEvent);
