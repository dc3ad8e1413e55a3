import { httpHandler, type RouteHandler } from '../http/http-handler';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { DEFINED_EXPORT_KINDS, isDefinedExportKind } from '../../shared/domain/exports/columns';
import { exportJsonSchema } from '../../shared/domain/exports/json-schema';
import * as api from '../../shared/api/routes/exports';

/**
 * GET /exports/schemas/{kind} — the JSON Schema of one JSON Lines record of `kind` (`application/schema+json`).
 * Only kinds with defined columns have one: any other value is not found (404, listing the kinds), as for an
 * unknown form. The schema only changes with a deploy; the cache is `private` because the route is legal-only
 * (a shared cache must not hand it to other callers).
 */
export const getExportSchema: RouteHandler<typeof api.getExportSchema> = async (req) => {
  const kind = req.params.kind ?? '';
  if (!isDefinedExportKind(kind)) throw new NotFoundError(msg('export.unknownKind', { kinds: [...DEFINED_EXPORT_KINDS] }));
  return { status: 200, body: exportJsonSchema(kind), headers: { 'cache-control': 'private, max-age=3600' } };
};

export const handler = httpHandler(api.getExportSchema, getExportSchema);
