import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { loadReadableProject } from '../../shared/services/load-project';
import { compareFlags, flagFilterSchema } from '../../shared/domain/risk/lifecycle';
import { flagView } from '../../shared/domain/risk/source';
import { parseOrThrow } from '../../shared/domain/validation';
import { listFlagsPage } from '../../shared/store/flags';
import * as api from '../../shared/api/routes/risk';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * A page of a project's flags (`?status=open,acknowledged&severity=high,critical&limit=&cursor=`): pages follow
 * the flags' ids; within a page, most severe first.
 */
export const listFlags: RouteHandler<typeof api.listFlags> = async (req) => {
  const filter = parseOrThrow(
    flagFilterSchema,
    { ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.severity ? { severity: req.query.severity } : {}) },
    msg('what.queryString'),
  );
  const page = pageParams(req);
  const { project } = await loadReadableProject(req);
  const { items, nextCursor } = await listFlagsPage(project.id, page, filter);
  return { status: 200, body: { items: [...items].sort(compareFlags).map(flagView), nextCursor } };
};

export const handler = httpHandler(api.listFlags, listFlags);
