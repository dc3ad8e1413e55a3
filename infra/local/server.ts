import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS } from '../../shared/store/config';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routes, routeKey, workers, type RouteDef } from '../../shared/api/routes';
import { setLocalInvoker } from '../../shared/store/workers';
import { verifyDevToken } from '../../shared/services/dev-jwt';
import { negotiateLanguage, type Lang } from '../../shared/domain/i18n/lang';
import { problemTitle, translateMessage } from '../../shared/domain/i18n/messages';
import { createWebApp, type WebAppOptions } from './web-static';
import { parseRateLimit, TokenBuckets, type RateLimit } from './rate-limit';

/**
 * The local API Gateway: matches a request against shared/api/routes.ts, verifies the bearer token as the
 * Cognito JWT authorizer would, turns the request into an API Gateway HTTP API (payload v2) event, calls
 * the very handler Lambda runs, and writes its response.
 */
type LambdaHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own payload limit; the handlers refuse anything over 1 MB with a 413 themselves. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDef;
  key: string;
  regex: RegExp;
  params: string[];
}

function compile(route: RouteDef): CompiledRoute {
  const params: string[] = [];
  const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
    params.push(a ?? b);
    return '([^/]+)';
  });
  return { route, key: routeKey(route), regex: new RegExp(`^${pattern}$`), params };
}

export interface ApiServerOptions {
  devTokenSecret: string;
  /** Origin allowed by CORS (the web UI). */
  webOrigin: string;
  /** Loads a handler module; defaults to importing functions/<handler>. */
  loadHandler?: (handlerPath: string) => Promise<LambdaHandler>;
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
  /** The web app to serve on the same origin (./web-static.ts); none in the API's own tests. */
  web?: WebAppOptions;
  /** Throttling per token subject (./rate-limit.ts); null: off. Default: `VIGIE_RATE_LIMIT`, else 50/100. */
  rateLimit?: RateLimit | null;
}

const defaultLoader = async (handlerPath: string): Promise<LambdaHandler> => {
  const mod = (await import(`../../functions/${handlerPath}`)) as { handler?: LambdaHandler };
  if (typeof mod.handler !== 'function') throw new Error(`functions/${handlerPath} exports no handler`);
  return mod.handler;
};

/** The local server's own problems, in the caller's language (`detail` is given in English and translated). */
function problem(res: ServerResponse, lang: Lang, status: number, titleKey: string, detail: string, extraHeaders: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/problem+json', 'content-language': lang, vary: 'Accept-Language', ...extraHeaders });
  res.end(
    JSON.stringify({
      type: `https://vigie.dev/problems/${status === 404 ? 'not-found' : status === 401 ? 'unauthorized' : status === 429 ? 'too-many-requests' : 'request'}`,
      title: problemTitle(titleKey, lang),
      status,
      detail: translateMessage(detail, lang),
      lang,
    }),
  );
}

/** API Gateway hands JWT claims to Lambda as strings; arrays become "[a b]". */
function flattenClaims(payload: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (Array.isArray(v)) out[k] = `[${v.join(' ')}]`;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (v !== null && v !== undefined) out[k] = JSON.stringify(v);
  }
  return out;
}

/**
 * The body, or 'too-large' as soon as it passes the limit. The rest of an oversized upload is drained, not
 * refused: destroying the request would reset the connection, and a client still writing would never read the
 * 413 (API Gateway answers it too).
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size > MAX_REQUEST_BYTES) {
        over = true;
        chunks.length = 0;
        resolve('too-large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const TEXT_TYPES = /^(application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml)|text\/)/i;

export function createApiServer(opts: ApiServerOptions): Server {
  const compiled = routes.map(compile).sort((a, b) => a.params.length - b.params.length);
  const web = opts.web ? createWebApp(opts.web) : null;
  const rateLimit = opts.rateLimit === undefined ? parseRateLimit(process.env.VIGIE_RATE_LIMIT) : opts.rateLimit;
  const buckets = rateLimit ? new TokenBuckets(rateLimit) : null;
  const loader = opts.loadHandler ?? defaultLoader;
  const cache = new Map<string, Promise<LambdaHandler>>();
  const load = (p: string) => {
    let h = cache.get(p);
    if (!h) {
      h = loader(p);
      cache.set(p, h);
      h.catch(() => cache.delete(p));
    }
    return h;
  };
  // The asynchronous workers (export jobs) run in this process, after the request that starts them has been
  // answered (setImmediate), as Lambda's event invocation would: the API is not blocked while they run.
  setLocalInvoker((name, payload) => {
    const def = workers.find((w) => w.name === name);
    if (!def) throw new Error(`Unknown worker ${name}`);
    setImmediate(() => {
      load(def.handler)
        .then((h) => (h as unknown as (event: unknown) => Promise<unknown>)(payload))
        .catch((e: unknown) => console.error(`[vigie] worker ${name} failed:`, e));
    });
  });
  const corsHeaders = {
    'access-control-allow-origin': opts.webOrigin,
    'access-control-allow-headers': CORS_ALLOW_HEADERS.join(', '),
    'access-control-allow-methods': CORS_ALLOW_METHODS.join(', '),
    'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(', '),
    'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
  };
  /** The CORS headers of the server's own problems (the handlers' answers carry theirs). */
  const cors = { 'access-control-allow-origin': opts.webOrigin, 'access-control-expose-headers': corsHeaders['access-control-expose-headers'] };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const lang = negotiateLanguage(req.headers['accept-language']);
    res.on('finish', () => opts.onRequest?.({ method, path: url.pathname, status: res.statusCode, ms: performance.now() - started }));
    try {
      if (method === 'OPTIONS') {
        res.writeHead(204, corsHeaders);
        return void res.end();
      }
      let match: { c: CompiledRoute; values: string[] } | undefined;
      for (const c of compiled) {
        if (c.route.method !== method) continue;
        const m = c.regex.exec(url.pathname);
        if (m) {
          match = { c, values: m.slice(1) };
          break;
        }
      }
      // The web app: its files, and its pages on a browser's page load (./web-static.ts); API calls pass through.
      if (web?.handle(req, res, url.pathname, match !== undefined || compiled.some((c) => c.regex.test(url.pathname)))) return;
      if (!match) return problem(res, lang, 404, 'not-found', `No route for ${method} ${url.pathname}.`, cors);
      const { c, values } = match;

      let claims: Record<string, string | number | boolean> | undefined;
      if (c.route.roles !== 'public') {
        const auth = req.headers.authorization ?? '';
        const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
        if (!token)
          return problem(res, lang, 401, 'unauthorized', 'Send Authorization: Bearer <token> (POST /dev/token gives one locally).', {
            'www-authenticate': 'Bearer',
            ...cors,
          });
        try {
          claims = flattenClaims(await verifyDevToken(token, opts.devTokenSecret));
        } catch (e) {
          return problem(res, lang, 401, 'unauthorized', `The token was refused: ${(e as Error).message}`, {
            'www-authenticate': 'Bearer error="invalid_token"',
            ...cors,
          });
        }
      }

      // Throttled per token subject (API Gateway throttles the stage as a whole; this is stricter, never looser).
      const throttled = buckets?.take(claims?.sub !== undefined ? `sub:${String(claims.sub)}` : `ip:${req.socket.remoteAddress ?? ''}`);
      if (throttled && !throttled.allowed) {
        req.resume(); // the body is not read: let it drain
        return problem(res, lang, 429, 'too-many-requests', `Too many requests; retry in ${throttled.retryAfterSeconds} s.`, {
          'retry-after': String(throttled.retryAfterSeconds),
          ...cors,
        });
      }

      const raw = await readBody(req);
      if (raw === 'too-large') return problem(res, lang, 413, 'payload-too-large', `The request is larger than ${MAX_REQUEST_BYTES} bytes.`, cors);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
      const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
      const now = new Date();
      const requestId = randomUUID();
      const event = {
        version: '2.0',
        routeKey: c.key,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(c.params.length ? { pathParameters: Object.fromEntries(c.params.map((p, i) => [p, values[i]!])) } : {}),
        requestContext: {
          accountId: 'local',
          apiId: 'local',
          domainName: headers.host ?? '127.0.0.1',
          domainPrefix: '127',
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId,
          routeKey: c.key,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
          ...(claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: null } } } : {}),
        },
        ...(raw.length ? { body: isText ? raw.toString('utf8') : raw.toString('base64') } : {}),
        isBase64Encoded: raw.length > 0 && !isText,
      } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
      const deadline = Date.now() + 29_000;
      const context = {
        awsRequestId: requestId,
        functionName: `vigie-local-${c.route.group}`,
        functionVersion: '$LATEST',
        invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:vigie-local-${c.route.group}`,
        memoryLimitInMB: '1024',
        logGroupName: '/local/vigie',
        logStreamName: 'local',
        callbackWaitsForEmptyEventLoop: false,
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
        done: () => {},
        fail: () => {},
        succeed: () => {},
      } as Context;
      const handler = await load(c.route.handler);
      const out = await handler(event, context);
      const outHeaders: Record<string, string | string[]> = { ...Object.fromEntries(Object.entries(out.headers ?? {}).map(([k, v]) => [k, String(v)])) };
      if (out.cookies?.length) outHeaders['set-cookie'] = out.cookies;
      res.writeHead(out.statusCode ?? 200, outHeaders);
      res.end(out.body === undefined ? undefined : out.isBase64Encoded ? Buffer.from(out.body, 'base64') : out.body);
    } catch (e) {
      // The handlers map their own errors; this is the local stand-in for API Gateway's 500.
      console.error('[local api] internal error:', e);
      if (!res.headersSent) problem(res, lang, 500, 'internal', 'An unexpected error occurred.', cors);
      else res.end();
    }
  };
  // Node does not await a request listener: a failure past the handler's own try/catch must not go unhandled.
  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[vigie] request failed:', e);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
}
