import * as z from 'zod';
import { exportJobSchema } from '../../domain/exports/request';
import { pageOf } from './common';

export { exportJobSchema };
export const exportJobPageSchema = pageOf(exportJobSchema);

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
