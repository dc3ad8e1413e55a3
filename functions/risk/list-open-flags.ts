import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { flagFilterSchema, FLAG_STATUSES } from '../../shared/domain/risk/lifecycle';
import { SEVERITIES } from '../../shared/domain/risk/types';
import { flagView } from '../../shared/domain/risk/source';
import { parseOrThrow, fieldError } from '../../shared/domain/validation';
import { ValidationError } from '../../shared/domain/errors';
import { listOpenFlags } from '../../shared/store/flags';
import { getProjects } from '../../shared/store/projects';
import * as api from '../../shared/api/routes/risk';
import { msg } from '../../shared/domain/i18n/catalog';

/** The legal dashboard: open flags across every project, from the sparse index (`?severity=high,critical`). */
export const listOpenFlagsRoute: RouteHandler<typeof api.listOpenFlags> = async (req) => {
  const filter = parseOrThrow(
    flagFilterSchema,
    { ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.severity ? { severity: req.query.severity } : {}) },
    msg('what.queryString'),
  );
  if (filter.status && filter.status.some((s) => s !== 'open' && s !== 'acknowledged')) {
    throw new ValidationError(msg('flag.openOnlyDetail'), {
      errors: [fieldError(['status'], msg('flag.openOnly', { statuses: FLAG_STATUSES.filter((s) => s !== 'open' && s !== 'acknowledged') }))],
    });
  }
  const severities = [...(filter.severity ?? SEVERITIES)].sort((a, b) => SEVERITIES.indexOf(b) - SEVERITIES.indexOf(a));
  const page = await listOpenFlags(severities, pageParams(req), filter.status);
  const items = page.items;
  // The acronyms of the page's projects (one BatchGet): the dashboard names projects, not ids.
  const projects = new Map((await getProjects([...new Set(items.map((f) => f.projectId))])).map((p) => [p.id, p.acronym]));
  return {
    status: 200,
    body: { items: items.map((f) => ({ ...flagView(f), projectAcronym: projects.get(f.projectId) ?? null })), nextCursor: page.nextCursor },
  };
};

export const handler = httpHandler(api.listOpenFlags, listOpenFlagsRoute);
