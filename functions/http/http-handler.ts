import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpCors from '@middy/http-cors';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routeKey, type BodyOf, type ResponseOf, type RouteDef } from '../../shared/api/route';
import { assertFollowedUp } from '../../shared/services/follow-up-mark';
import { principalFromEvent } from './auth';
import { logger } from '../../shared/services/logger';
import { problemResponse, toProblem } from './problem';
import { RETRY_AFTER_SECONDS } from './transient';
import { MAX_BODY_BYTES } from '../../shared/domain/limits';
import { assertRole, type Principal } from '../../shared/domain/access';
import {
  DomainError,
  PayloadTooLargeError,
  PreconditionRequiredError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../shared/domain/errors';
import { fieldError, parseOrThrow } from '../../shared/domain/validation';
import { negotiateLanguage } from '../../shared/domain/i18n/lang';
import { config, CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS } from '../../shared/store/config';
import { msg } from '../../shared/domain/i18n/catalog';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResponse = APIGatewayProxyStructuredResultV2;

/** What a route handler receives: parsed, authenticated, route-level authorized, body validated. */
export interface HttpRequest<B = unknown> {
  readonly route: RouteDef;
  /** The caller from the token. Throws 401 when read on a public route without a token. */
  readonly principal: Principal;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, validated by the route's `body` schema (undefined for routes without one). */
  readonly body: B;
  readonly requestId: string;
}

export interface HttpResult<T = unknown> {
  status: number;
  body?: T;
  headers?: Record<string, string>;
  /** The resource version; sent as a strong ETag. */
  version?: number;
}

/** A route's handler: its request body and its answer are typed by the route's schemas. */
export type RouteHandler<D extends RouteDef = RouteDef> = (req: HttpRequest<BodyOf<D>>) => Promise<HttpResult<ResponseOf<D>>>;

/** Runs a creating request at most once per Idempotency-Key (functions/http/idempotency.ts); passed by the routes that need it. */
export type IdempotencyRunner = (
  key: string,
  scope: string,
  rawBody: string,
  context: Context | undefined,
  run: () => Promise<HttpResponse>,
) => Promise<HttpResponse>;

export { MAX_BODY_BYTES };
const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

const UTF8_LABELS = ['utf-8', 'utf8'];

/** The `charset` parameter of a Content-Type (lower-cased, unquoted), if any. */
function charsetOf(params: readonly string[]): string | undefined {
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0 || p.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase();
  }
  return undefined;
}

function readBody(route: RouteDef, event: HttpEvent): { raw: string; value: unknown } {
  if (event.body === undefined || event.body === null || event.body === '') {
    return { raw: '', value: undefined };
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(msg('http.bodyTooLarge', { max: MAX_BODY_BYTES }));
  }
  if (!route.body) return { raw, value: undefined };
  const [type, ...params] = (event.headers['content-type'] ?? '').split(';');
  const contentType = type!.trim().toLowerCase();
  if (!JSON_TYPES.includes(contentType)) {
    throw new UnsupportedMediaTypeError(msg('http.notJson', { contentType: contentType || msg('http.noContentType') }));
  }
  // JSON is UTF-8 (RFC 8259 §8.1) and the body is decoded as UTF-8: a body declared in another charset
  // would be read wrong, so it is refused rather than guessed at.
  const charset = charsetOf(params);
  if (charset !== undefined && !UTF8_LABELS.includes(charset)) {
    throw new UnsupportedMediaTypeError(msg('http.notUtf8', { charset }));
  }
  try {
    return { raw, value: JSON.parse(raw) };
  } catch (e) {
    throw new ValidationError(msg('http.malformedJsonDetail', { reason: (e as Error).message }), { errors: [fieldError([], msg('http.malformedJson'))] });
  }
}

/** The body as the route's schema (or its own parser) reads it: 400 with every offending field path. */
function validateBody(route: RouteDef, value: unknown): unknown {
  if (!route.body) return undefined;
  const input = value === undefined && route.bodyOptional ? {} : value;
  return route.parseBody ? route.parseBody(input) : parseOrThrow(route.body, input);
}

/** `If-Match: "3"` (or W/"3") → 3. Missing → 428; anything else → 400. */
export function requireIfMatch(req: HttpRequest): number {
  const raw = req.headers['if-match'];
  if (!raw) throw new PreconditionRequiredError(msg('http.ifMatchRequired'));
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!m) throw new ValidationError(msg('http.ifMatchInvalid'), { errors: [fieldError(['If-Match'], msg('http.invalidEtag'))] });
  return Number(m[1]);
}

/** Path parameters arrive percent-encoded locally; a malformed escape is kept as is (then simply not found). */
function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export const etagOf = (version: number) => `"${version}"`;

function toResponse(route: RouteDef, result: HttpResult): HttpResponse {
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  if (result.version !== undefined) headers.etag = etagOf(result.version);
  if (result.body === undefined) return { statusCode: result.status, headers };
  if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) {
    return { statusCode: result.status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: String(result.body) };
  }
  const type = route.contentType ?? 'application/json';
  return { statusCode: result.status, headers: { 'content-type': `${type}; charset=utf-8`, ...headers }, body: JSON.stringify(result.body) };
}

/** Auth, route-level roles, body parsing and validation, idempotency, then the handler. */
async function invoke(
  route: RouteDef,
  fn: RouteHandler,
  idempotency: IdempotencyRunner | undefined,
  event: HttpEvent,
  context: Context | undefined,
): Promise<HttpResponse> {
  const key = routeKey(route);
  let principal: Principal | undefined;
  if (route.roles !== 'public') {
    principal = principalFromEvent(event);
    assertRole(principal, route.roles);
  }
  const { raw, value } = readBody(route, event);
  const requestId = event.requestContext.requestId;
  logger.appendKeys({ requestId, routeKey: key, ...(principal ? { sub: principal.sub, role: principal.role } : {}) });
  const req: HttpRequest = {
    route,
    get principal(): Principal {
      if (!principal) throw new UnauthorizedError(msg('auth.tokenRequired'));
      return principal;
    },
    params: Object.fromEntries(Object.entries(event.pathParameters ?? {}).map(([k, v]) => [k, safeDecode(v ?? '')])),
    query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).map(([k, v]) => [k, v ?? ''])),
    headers: event.headers as Record<string, string>,
    body: validateBody(route, value),
    requestId,
  };
  const run = async () => {
    const result = await fn(req);
    assertFollowedUp(req);
    return toResponse(route, result);
  };
  const idemKey = req.headers['idempotency-key'];
  if (route.idempotent && idemKey && principal && idempotency) {
    const scope = `${principal.sub}|${key}|${JSON.stringify(req.params)}`;
    return idempotency(idemKey, scope, raw, context, run);
  }
  return run();
}

const errorMiddleware = (): middy.MiddlewareObj<HttpEvent, HttpResponse> => ({
  onError: async (request) => {
    const requestId = request.event?.requestContext?.requestId;
    const headers = (request.event?.headers ?? {}) as Record<string, string | undefined>;
    const problem = toProblem(request.error, requestId, negotiateLanguage(headers['accept-language']));
    if (problem.status === 503) logger.warn('Dependency unavailable after retries', { error: request.error as Error });
    else if (problem.status >= 500) logger.error('Unhandled error', { error: request.error as Error });
    else if (!(request.error instanceof DomainError)) logger.warn('Unexpected client error', { error: request.error as Error });
    // A stale version (412) or an existing item (409) names the current ETag: also as the header, as on a read.
    const current: Record<string, string> = typeof problem.currentEtag === 'string' ? { etag: problem.currentEtag } : {};
    const retry: Record<string, string> = problem.status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
    request.response = problemResponse(problem, { vary: 'Accept-Language', ...current, ...retry });
  },
});

/**
 * The Lambda handler for a route: `export const handler = httpHandler(api.getProject, getProject)`, with the
 * route object of shared/api/routes/<group>.ts. Routes marked `idempotent` pass `{ idempotency: runIdempotent }`.
 * The same function is called by API Gateway in AWS and by the local server.
 */
export function httpHandler<D extends RouteDef>(route: D, fn: RouteHandler<D>, options: { idempotency?: IdempotencyRunner } = {}) {
  if (route.idempotent && !options.idempotency) throw new Error(`${routeKey(route)} is idempotent: pass { idempotency: runIdempotent }`);
  const handler = middy<HttpEvent, HttpResponse>()
    .use(httpHeaderNormalizer({ canonical: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(
      httpCors({
        origins: [config.webOrigin],
        exposeHeaders: CORS_EXPOSE_HEADERS.join(', '),
        headers: CORS_ALLOW_HEADERS.join(', '),
        methods: CORS_ALLOW_METHODS.join(', '),
        maxAge: CORS_MAX_AGE_SECONDS,
      }),
    )
    .use(errorMiddleware())
    .handler((event, context) => invoke(route, fn as RouteHandler, options.idempotency, event, context));
  // The route it serves, for the test that checks every handler file against the route table.
  return Object.assign(handler, { route });
}
