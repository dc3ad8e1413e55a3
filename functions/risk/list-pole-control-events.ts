import { httpHandler, type RouteHandler } from '../http/http-handler';
import { isoDateSchema } from '../../shared/domain/common';
import { pageQueryParamsSchema } from '../../shared/domain/page';
import { parseOrThrow } from '../../shared/domain/validation';
import { listRecentControlEvents } from '../../shared/store/control-events';
import { getOrganizations } from '../../shared/store/organizations';
import * as api from '../../shared/api/routes/risk';
import { msg } from '../../shared/domain/i18n/catalog';

/** `?limit=&cursor=` as every list (shared/domain/page.ts), `?from=` a day. */
const querySchema = pageQueryParamsSchema.extend({ from: isoDateSchema.optional() });

/**
 * The pôle's recent control events (the legal dashboard), newest first, from the dated index; each with the
 * name and country of its organization (one BatchGet per page).
 */
export const listPoleControlEvents: RouteHandler<typeof api.listPoleControlEvents> = async (req) => {
  const { limit, cursor, from } = parseOrThrow(
    querySchema,
    { limit: req.query.limit || undefined, cursor: req.query.cursor || undefined, from: req.query.from || undefined },
    msg('what.queryString'),
  );
  const page = await listRecentControlEvents(limit, cursor, from);
  const orgs = await getOrganizations(page.items.map((e) => e.organizationId));
  const items = page.items.map((e) => {
    const o = orgs.get(e.organizationId);
    return { ...e, organization: o ? { legalName: o.legalName, country: o.country } : null };
  });
  return { status: 200, body: { items, nextCursor: page.nextCursor } };
};

export const handler = httpHandler(api.listPoleControlEvents, listPoleControlEvents);
