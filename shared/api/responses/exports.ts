import * as z from 'zod';
import { exportJobSchema } from '../../domain/exports/request';
import { pageOf } from './common';

export { exportJobSchema };
export const exportJobPageSchema = pageOf(exportJobSchema);

/**
 * `GET /exports/schemas/{kind}`: a JSON Schema 2020-12 document (shared/domain/exports/json-schema.ts), described
 * by its outline only — each property's own schema is free-form.
 */
export const exportRecordSchemaSchema = z.looseObject({
  $schema: z.literal('https://json-schema.org/draft/2020-12/schema'),
  $id: z.string().describe('The URL path the schema is served at, `/exports/schemas/{kind}`'),
  title: z.string(),
  type: z.literal('object'),
  properties: z.record(z.string(), z.looseObject({})).describe('One property per column, by its stable field name'),
  required: z.array(z.string()).describe('Every column: a record carries all fields, null when empty'),
  additionalProperties: z.literal(false),
});
