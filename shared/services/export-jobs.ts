import { failJob, isAbandoned, type ExportJob } from '../domain/exports/request';
import { PreconditionFailedError } from '../domain/errors';
import { getExportJob, saveExportJob } from '../store/exports';
import { logger } from './logger';

/**
 * A job whose worker is gone (no sign of life for ABANDONED_AFTER_MS) is marked failed (`internal`, audited as
 * `export.failed`) when someone reads it, so that no job stays `running` for ever. If the worker wrote meanwhile
 * (412), the job as it is now is returned.
 */
export async function settleIfAbandoned(job: ExportJob, now: Date): Promise<ExportJob> {
  if (!isAbandoned(job, now)) return job;
  const failed = failJob(job, 'internal', now);
  try {
    await saveExportJob(failed);
    logger.warn('Export job abandoned by its worker: marked failed', { jobId: job.id, startedAt: job.startedAt, heartbeatAt: job.heartbeatAt });
    return failed;
  } catch (e) {
    if (!(e instanceof PreconditionFailedError)) throw e;
    return (await getExportJob(job.id)) ?? job;
  }
}
