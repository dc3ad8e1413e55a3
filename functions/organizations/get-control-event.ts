import { httpHandler, type RouteHandler } from '../http/http-handler';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { eventVersion } from '../../shared/domain/control-event';
import { getControlEvent as load } from '../../shared/store/control-events';
import { requireOrganization } from '../../shared/store/organizations';
import * as api from '../../shared/api/routes/risk';

/** A control event as it is now, with every version (recorded, amended, withdrawn); its ETag is its version. */
export const getControlEvent: RouteHandler<typeof api.getControlEvent> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  const found = await load(org.id, req.params.eventId ?? '');
  if (!found) throw new NotFoundError(msg('controlEvent.notFound'));
  return { status: 200, body: { event: found.event, versions: found.versions }, version: eventVersion(found.event) };
};

export const handler = httpHandler(api.getControlEvent, getControlEvent);
