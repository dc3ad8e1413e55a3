import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { listExportJobsOf } from '../../shared/store/exports';
import * as api from '../../shared/api/routes/exports';

/** The caller's jobs, newest first. */
export const listExports: RouteHandler<typeof api.listExports> = async (req) => {
  const { limit, cursor } = pageParams(req);
  const page = await listExportJobsOf(req.principal.sub, limit, cursor);
  return { status: 200, body: page };
};

export const handler = httpHandler(api.listExports, listExports);
