import * as z from 'zod';
import { languageSchema } from '../../domain/common';
import { JSON_SCHEMA_DIALECT } from '../../domain/forms/json-schema';

export const formDocumentSchema = z.object({
  formId: z.string(),
  lang: languageSchema,
  schemaDialect: z.literal(JSON_SCHEMA_DIALECT),
  mode: z.enum(['complete', 'draft']).describe('`draft`: `schema` is what a save accepts and `submitSchema` what a submission requires'),
  schema: z.record(z.string(), z.unknown()).describe('JSON Schema 2020-12 of the form (the body the server accepts)'),
  submitSchema: z.record(z.string(), z.unknown()).optional().describe('For draft forms: the complete schema a submission must satisfy'),
  uiSchema: z.record(z.string(), z.unknown()).describe('Layout, labels, help texts and widgets, in `lang`'),
});
