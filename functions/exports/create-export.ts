import { randomUUID } from 'node:crypto';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { failJob, newExportJob } from '../../shared/domain/exports/request';
import { putExportJob, saveExportJob } from '../../shared/store/exports';
import { invokeWorker } from '../../shared/store/workers';
import * as api from '../../shared/api/routes/exports';

/**
 * Records a queued export job and its `export.requested` audit event (one transaction), starts the export worker
 * on it (asynchronously) and answers 202 with the job and its Location (docs/exports.md, "Jobs and routes").
 */
export const createExport: RouteHandler<typeof api.createExport> = async (req) => {
  const job = newExportJob(`exp_${randomUUID().replaceAll('-', '')}`, actorOf(req.principal), req.body, new Date());
  await putExportJob(job);
  try {
    await invokeWorker('export', { jobId: job.id });
  } catch (e) {
    // Nothing will run it: the job must not stay queued for ever.
    await saveExportJob(failJob(job, 'internal', new Date())).catch(() => {});
    throw e;
  }
  return { status: 202, body: job, headers: { location: `/exports/${job.id}` } };
};

export const handler = httpHandler(api.createExport, createExport);
