import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pathParam } from '../http/params';
import { exportJobIdSchema } from '../../shared/domain/exports/request';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { getExportJob } from '../../shared/store/exports';
import * as api from '../../shared/api/routes/exports';

/** One job; any legal staff member reads any job of the pôle (the route admits legal staff only). */
export const getExport: RouteHandler<typeof api.getExport> = async (req) => {
  const id = pathParam(req, 'id', exportJobIdSchema);
  const job = await getExportJob(id);
  if (!job) throw new NotFoundError(msg('export.notFound'));
  return { status: 200, body: job, headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(api.getExport, getExport);
