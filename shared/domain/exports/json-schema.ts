import { columnsOf, type Column, type DefinedExportKind } from './columns';

/** JSON Schema (2020-12) of one JSON Lines record of an export kind, derived from its columns. */
export function exportJsonSchema(kind: DefinedExportKind): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const c of columnsOf(kind)) properties[c.field] = columnSchema(c);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:vigie:exports:${kind}`,
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
