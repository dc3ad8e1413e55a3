import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pathParam } from '../http/params';
import { exportJobIdSchema } from '../../shared/domain/exports/request';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { config } from '../../shared/store/config';
import { getExportJob } from '../../shared/store/exports';
import { settleIfAbandoned } from '../../shared/services/export-jobs';
import { presignDownload } from '../../shared/store/objects';
import { EXPORT_LINK_TTL_SECONDS } from '../../shared/api/responses/exports';
import * as api from '../../shared/api/routes/exports';

/**
 * One job; any legal staff member reads any job of the pôle (the route admits legal staff only). When done, a
 * presigned link valid 15 minutes, fresh on every call, until the file's 7 days are over. A job whose worker
 * is gone is marked failed on the way (docs/exports.md, "The job").
 */
export const getExport: RouteHandler<typeof api.getExport> = async (req) => {
  const id = pathParam(req, 'id', exportJobIdSchema);
  const found = await getExportJob(id);
  if (!found) throw new NotFoundError(msg('export.notFound'));
  const job = await settleIfAbandoned(found, new Date());
  const now = Date.now();
  const file = job.status === 'done' && job.result && Date.parse(job.result.expiresAt) > now ? job.result : null;
  const download = file
    ? {
        url: await presignDownload(config.exportsBucket, file.s3Key, file.fileName, file.contentType, EXPORT_LINK_TTL_SECONDS),
        expiresAt: new Date(now + EXPORT_LINK_TTL_SECONDS * 1000).toISOString(),
      }
    : null;
  return { status: 200, body: { ...job, download }, headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(api.getExport, getExport);
