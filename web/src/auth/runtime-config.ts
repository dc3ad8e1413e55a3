/**
 * `/config.json`, served next to index.html: how this copy of the app signs in and where its API is. Locally
 * infra/local/web-static.ts serves `{ "auth": "dev" }` (the demo picker and POST /dev/token); in AWS the CDK app
 * writes the Cognito hosted UI's settings to the web bucket (infra/aws/web-hosting.ts). Public values only: the
 * app client has no secret. Pure (shared with infra/ for the type, and with the unit tests).
 */

export interface CognitoConfig {
  /** Base URL of the hosted UI (managed login): `https://<prefix>.auth.<region>.amazoncognito.com`. */
  domain: string;
  /** The web app client (public: no secret, authorization code + PKCE). */
  clientId: string;
  /** `https://<web origin>/auth/callback`, registered on the app client. */
  redirectUri: string;
  /** Where Cognito's /logout sends the browser back; registered on the app client. */
  logoutUri: string;
  scopes: string[];
  /** `iss` of the user pool's ID tokens: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  issuer: string;
}

export type RuntimeConfig =
  /** `apiBaseUrl`: the API's base, absolute or relative to the page (`/api` behind CloudFront); default: the page's origin. */
  { auth: 'dev'; apiBaseUrl?: string } | { auth: 'cognito'; apiBaseUrl?: string; cognito: CognitoConfig };

const isLoopback = (u: URL) => u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';

/** An https URL (http only on loopback, for local tests), as a string. */
function url(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new Error(`config.json: ${name} must be a URL`);
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new Error(`config.json: ${name} must be a URL (got ${JSON.stringify(v)})`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u))) throw new Error(`config.json: ${name} must use https`);
  return v;
}

function text(v: unknown, name: string): string {
  if (typeof v !== 'string' || !v.trim()) throw new Error(`config.json: ${name} must be a non-empty string`);
  return v;
}

/** Validates the document; throws an Error naming the bad field. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  if (!raw || typeof raw !== 'object') throw new Error('config.json must be an object');
  const o = raw as Record<string, unknown>;
  const apiBaseUrl = o.apiBaseUrl === undefined ? undefined : text(o.apiBaseUrl, 'apiBaseUrl');
  if (apiBaseUrl !== undefined && !apiBaseUrl.startsWith('/')) url(apiBaseUrl, 'apiBaseUrl');
  const base = apiBaseUrl === undefined ? {} : { apiBaseUrl };
  if (o.auth === 'dev') return { auth: 'dev', ...base };
  if (o.auth !== 'cognito') throw new Error(`config.json: auth must be "dev" or "cognito" (got ${JSON.stringify(o.auth)})`);
  const c = (o.cognito ?? {}) as Record<string, unknown>;
  const scopes = c.scopes;
  if (!Array.isArray(scopes) || !scopes.includes('openid') || scopes.some((s) => typeof s !== 'string' || !/^[\w:/.-]+$/.test(s))) {
    throw new Error('config.json: cognito.scopes must be a list of scopes including "openid"');
  }
  return {
    auth: 'cognito',
    ...base,
    cognito: {
      domain: url(c.domain, 'cognito.domain').replace(/\/+$/, ''),
      clientId: text(c.clientId, 'cognito.clientId'),
      redirectUri: url(c.redirectUri, 'cognito.redirectUri'),
      logoutUri: url(c.logoutUri, 'cognito.logoutUri'),
      scopes: scopes as string[],
      issuer: url(c.issuer, 'cognito.issuer'),
    },
  };
}
