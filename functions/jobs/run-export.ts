import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { exportJobIdSchema } from '../../shared/domain/exports/request';
import { runExportJob } from '../../shared/services/export-runner';
import { logger } from '../../shared/services/logger';

/** The event `POST /exports` sends to the export worker. */
export const runExportEventSchema = z.object({ jobId: exportJobIdSchema });

/**
 * The export worker (docs/exports.md, "The job"): invoked asynchronously with `{jobId}` by `POST /exports`
 * (Lambda in AWS, in-process in `npm start`). A malformed event is logged and dropped: retrying it cannot help.
 */
export const handler = async (event: unknown, context?: Context) => {
  const parsed = runExportEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('Malformed export event', { event, requestId: context?.awsRequestId });
    return { ok: false };
  }
  const job = await runExportJob(parsed.data.jobId);
  return { ok: true, jobId: parsed.data.jobId, status: job?.status ?? null };
};
