import { httpHandler, type RouteHandler } from './http/http-handler';
import { routes } from '../shared/api/routes';
import { buildOpenApiDocument, type OpenApiDocument } from '../shared/api/openapi';
import { config } from '../shared/store/config';
import * as api from '../shared/api/routes/openapi';

/** Built on the first request and kept for the container's life (the route table only changes with a deploy). */
let document: OpenApiDocument | undefined;
export const openApiDocument = (): OpenApiDocument => (document ??= buildOpenApiDocument(routes, { corsOrigins: [config.webOrigin] }));

/** GET /openapi.json — the OpenAPI 3.1 document generated from shared/api/routes.ts and the zod schemas. No token. */
export const openapi: RouteHandler<typeof api.openapi> = async () => ({
  status: 200,
  body: openApiDocument(),
  headers: { 'cache-control': 'public, max-age=300' },
});

export const handler = httpHandler(api.openapi, openapi);
