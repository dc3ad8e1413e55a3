import { randomUUID } from 'node:crypto';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { newExportJob } from '../../shared/domain/exports/request';
import { putExportJob } from '../../shared/store/exports';
import * as api from '../../shared/api/routes/exports';

/**
 * Records a queued export job and its `export.requested` audit event (one transaction) and answers 202 with the
 * job and its Location. The runner that takes queued jobs comes next (docs/exports.md, "Jobs and routes").
 */
export const createExport: RouteHandler<typeof api.createExport> = async (req) => {
  const job = newExportJob(`exp_${randomUUID().replaceAll('-', '')}`, actorOf(req.principal), req.body, new Date());
  await putExportJob(job);
  return { status: 202, body: job, headers: { location: `/exports/${job.id}` } };
};

export const handler = httpHandler(api.createExport, createExport);
