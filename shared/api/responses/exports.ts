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

/**
 * `GET /exports/schemas/{kind}`: a JSON Schema 2020-12 document (shared/domain/exports/json-schema.ts), described
 * by its outline only — each property's own schema is free-form. Its `$schema` and `$id` members are left to the
 * description: the OpenAPI document carries no `$schema` key at all (its dialect is the document's own).
 */
export const exportRecordSchemaSchema = z
  .looseObject({
    title: z.string(),
    type: z.literal('object'),
    properties: z.record(z.string(), z.looseObject({})).describe('One property per column, by its stable field name'),
    required: z.array(z.string()).describe('Every column: a record carries all fields, null when empty'),
    additionalProperties: z.literal(false),
  })
  .describe('JSON Schema 2020-12 (`$schema`) of one JSON Lines record; its `$id` is the URL path it is served at, `/exports/schemas/{kind}`');
