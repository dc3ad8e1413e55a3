/**
 * The CORS answer, shared by the handlers (middy http-cors), the local server and the OpenAPI document
 * (`x-cors`, `Access-Control-Allow-Origin`). The allowed origin itself is config.webOrigin (WEB_ORIGIN).
 */

/** Where `npm start` serves the web UI and the API: the default WEB_ORIGIN. */
export const LOCAL_WEB_ORIGIN = 'http://127.0.0.1:3000';
/** How long browsers may cache a CORS preflight answer (the handlers, API Gateway and the local server agree). */
export const CORS_MAX_AGE_SECONDS = 3600;
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'] as const;
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Response headers the web UI may read: beyond the CORS-safelisted ones, ETag, Location and Retry-After (429, 503). */
export const CORS_EXPOSE_HEADERS = ['ETag', 'Location', 'Retry-After'] as const;
