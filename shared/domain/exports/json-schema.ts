import { columnsOf, type Column, type DefinedExportKind } from './columns';

/** A JSON Schema 2020-12 document describing one JSON Lines record (a type alias, so Ajv takes it as a schema object). */
export type ExportJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema';
  $id: string;
  title: string;
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  additionalProperties: false;
};

/**
 * Where the API serves the schema of `kind` (`GET /exports/schemas/{kind}`), and the schema's `$id`: an
 * absolute-path reference, so resolved against the URL it was fetched from it names that URL (the API is
 * served at the root of its host: `$default` stage in AWS, `npm start` locally).
 */
export const exportSchemaPath = (kind: DefinedExportKind): string => `/exports/schemas/${kind}`;

/** JSON Schema (2020-12) of one JSON Lines record of an export kind, derived from its columns. */
export function exportJsonSchema(kind: DefinedExportKind): ExportJsonSchema {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const c of columnsOf(kind)) properties[c.field] = columnSchema(c);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: exportSchemaPath(kind),
    title: `Vigie export: ${kind}`,
    type: 'object',
    properties,
    required: columnsOf(kind).map((c) => c.field),
    additionalProperties: false,
  };
}

function columnSchema(c: Column): Record<string, unknown> {
  const base: Record<string, unknown> = { title: c.header.en, description: c.header.fr };
  switch (c.type) {
    case 'string':
      base.type = 'string';
      if (c.enum) base.enum = [...c.enum, ...(c.nullable ? [null] : [])];
      break;
    case 'number':
      base.type = 'number';
      break;
    case 'percent':
      Object.assign(base, { type: 'number', minimum: 0, maximum: 100 });
      break;
    case 'date':
      Object.assign(base, { type: 'string', format: 'date' });
      break;
    case 'datetime':
      Object.assign(base, { type: 'string', format: 'date-time' });
      break;
    case 'boolean':
      base.type = 'boolean';
      break;
  }
  if (c.nullable) base.type = [base.type, 'null'];
  return base;
}
