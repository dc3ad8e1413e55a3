/** Routes of the Lambda group "exports" (see ../route.ts): compliance export jobs, legal staff only (docs/exports.md). */
import { defineRoute, LEGAL } from '../route';
import { exportRequestSchema } from '../../domain/exports/request';
import { exportJobPageSchema, exportJobSchema, exportRecordSchemaSchema } from '../responses/exports';

export const createExport = defineRoute({
  method: 'POST',
  path: '/exports',
  handler: 'exports/create-export',
  group: 'exports',
  roles: LEGAL,
  summary: 'Start a compliance export: a queued job (202, `Location: /exports/{id}`)',
  tags: ['exports'],
  body: exportRequestSchema,
  status: 202,
  response: exportJobSchema,
  after: [],
});
export const getExport = defineRoute({
  method: 'GET',
  path: '/exports/{id}',
  handler: 'exports/get-export',
  group: 'exports',
  roles: LEGAL,
  summary: 'One export job: status, progress, and its file or failure (any legal staff member may read any job)',
  tags: ['exports'],
  response: exportJobSchema,
});
export const listExports = defineRoute({
  method: 'GET',
  path: '/exports',
  handler: 'exports/list-exports',
  group: 'exports',
  roles: LEGAL,
  summary: "The caller's export jobs, newest first",
  tags: ['exports'],
  response: exportJobPageSchema,
});
export const getExportSchema = defineRoute({
  method: 'GET',
  path: '/exports/schemas/{kind}',
  handler: 'exports/get-export-schema',
  group: 'exports',
  roles: LEGAL,
  summary: 'The JSON Schema (2020-12) of one JSON Lines record of an export kind',
  tags: ['exports'],
  response: exportRecordSchemaSchema,
  contentType: 'application/schema+json',
});
