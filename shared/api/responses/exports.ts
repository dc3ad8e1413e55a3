import * as z from 'zod';
import { exportJobSchema as jobRecordSchema } from '../../domain/exports/request';
import { instantSchema } from '../../domain/response-schema';
import { pageOf } from './common';

/** Validity of the download link of a finished export. */
export const EXPORT_LINK_TTL_SECONDS = 15 * 60;

/** The job as `GET /exports/{id}` returns it: the record, and a fresh download link while the file exists. */
export const exportJobSchema = jobRecordSchema.extend({
  download: z
    .object({
      url: z.url().describe(`Presigned GET of the file, valid ${EXPORT_LINK_TTL_SECONDS / 60} minutes`),
      expiresAt: instantSchema.describe('When the link stops working'),
    })
    .nullable()
    .optional()
    .describe('Only on `GET /exports/{id}`, when done and the file is still kept (7 days); null otherwise'),
});
export const exportJobPageSchema = pageOf(jobRecordSchema);
