import { httpHandler, type RouteHandler } from '../http/http-handler';
import { loadReadableProject } from '../../shared/services/load-project';
import { filterFlags, flagFilterSchema } from '../../shared/domain/risk/lifecycle';
import { flagView } from '../../shared/domain/risk/source';
import { parseOrThrow } from '../../shared/domain/validation';
import { listFlags as store } from '../../shared/store/flags';
import * as api from '../../shared/api/routes/risk';
import { msg } from '../../shared/domain/i18n/catalog';

/** A project's flags, most severe first; `?status=open,acknowledged&severity=high,critical`. */
export const listFlags: RouteHandler<typeof api.listFlags> = async (req) => {
  const filter = parseOrThrow(
    flagFilterSchema,
    { ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.severity ? { severity: req.query.severity } : {}) },
    msg('what.queryString'),
  );
  const { project } = await loadReadableProject(req);
  return { status: 200, body: { items: filterFlags(await store(project.id), filter).map(flagView), nextCursor: null } };
};

export const handler = httpHandler(api.listFlags, listFlags);
