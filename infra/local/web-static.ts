import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { RuntimeConfig } from '../../web/src/auth/runtime-config';

/**
 * The web app (web/dist, built by ./web-build.ts) on the API's origin, as `npm start` serves it:
 *
 * - files of web/dist (hashed `/assets/*` with a one-year immutable cache, the rest revalidated);
 * - index.html at `/`, and for a browser's page load of any other path (the client router shows the page), including
 *   paths that are also API routes: the links in Vigie's emails (`/projects/{id}`, `/me/tasks`) are API paths
 *   too. A page load is told apart by `Sec-Fetch-Dest: document` (or, from older clients, an Accept that
 *   asks for HTML first); API calls (fetch, curl, SDKs) never send these and keep getting JSON;
 * - a Content-Security-Policy with no inline script, `nosniff`, no framing;
 * - `/config.json`, the app's runtime configuration: `{ "auth": "dev" }` (the demo sign-in through /dev/token).
 *   In AWS the CDK app writes the Cognito one next to index.html (infra/aws/web-hosting.ts).
 */
export interface WebAppOptions {
  /** The built app (web/dist). Missing: nothing is served (`npm start` builds it first). */
  distDir: string;
  /** Extra origins the page may fetch from: the S3 emulator (presigned uploads and downloads). */
  connectSrc?: readonly string[];
  /** Served as /config.json (read at each request); default `{ auth: 'dev' }`. The browser test of the Cognito sign-in points it at a fake IdP. */
  runtimeConfig?: RuntimeConfig;
}

/** Where the web app reads its runtime configuration (web/src/auth/config.ts). */
export const RUNTIME_CONFIG_PATH = '/config.json';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Headers of every file of the app besides the CSP, here and in the CloudFront response-headers policy
 * (infra/aws/web-hosting.ts, which adds HSTS: CloudFront serves HTTPS only).
 */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
} as const;

/** Paths an API client opens in a browser on purpose: they stay JSON even on a page load. */
const RAW_API_PATHS = new Set(['/openapi.json', '/health']);

export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A browser loading a page (not a script's fetch). */
export function isPageLoad(req: IncomingMessage): boolean {
  const dest = req.headers['sec-fetch-dest'];
  if (typeof dest === 'string') return dest === 'document';
  return /^\s*text\/html/i.test(req.headers.accept ?? '');
}

export interface WebApp {
  /** Serves the request if it is the web app's; false when it belongs to the API. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string, isApiRoute: boolean): boolean;
}

export function createWebApp(opts: WebAppOptions): WebApp {
  const root = resolve(opts.distDir);
  const csp = contentSecurityPolicy(opts.connectSrc);
  const baseHeaders = SECURITY_HEADERS;

  const send = (req: IncomingMessage, res: ServerResponse, file: string, cache: string) => {
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const size = statSync(file).size;
    res.writeHead(200, {
      ...baseHeaders,
      'content-type': type,
      'content-length': String(size),
      'cache-control': cache,
      ...(type.startsWith('text/html') ? { 'content-security-policy': csp } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };

  /** A file of web/dist for this path, never outside it; null for directories and missing files. */
  const fileFor = (pathname: string): string | null => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const file = resolve(join(root, decoded));
    if (!file.startsWith(root + sep)) return null;
    return existsSync(file) && statSync(file).isFile() ? file : null;
  };

  return {
    handle(req, res, pathname, isApiRoute) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const index = join(root, 'index.html');
      if (!existsSync(index)) return false;
      if (pathname === RUNTIME_CONFIG_PATH) {
        // Serialized per request: a test may complete it once it knows the server's port (the callback URL).
        const config = Buffer.from(JSON.stringify(opts.runtimeConfig ?? ({ auth: 'dev' } satisfies RuntimeConfig)));
        res.writeHead(200, { ...baseHeaders, 'content-type': 'application/json', 'content-length': String(config.length), 'cache-control': 'no-cache' });
        return (res.end(req.method === 'HEAD' ? undefined : config), true);
      }
      if (!isApiRoute && pathname !== '/' && pathname !== '/index.html') {
        const file = fileFor(pathname);
        if (file) return (send(req, res, file, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'), true);
      }
      // `/` is always the app; other paths only on a page load (an API client asking for a wrong path gets the API's 404).
      if (RAW_API_PATHS.has(pathname) || (pathname !== '/' && !isPageLoad(req))) return false;
      send(req, res, index, 'no-cache');
      return true;
    },
  };
}
