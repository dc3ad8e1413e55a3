/**
 * The pure parts of the Cognito sign-in (OAuth 2.0 authorization code + PKCE, OpenID Connect): the URLs, the
 * callback's checks, and the ID token's claims → the signed-in user, read exactly as the API reads them
 * (functions/http/auth.ts). No I/O here: ./cognito.ts does the redirects, the storage and the token request.
 */
import type { components } from '../api/schema';
import type { CognitoConfig } from './runtime-config';

/** The signed-in user and token, as ./session.ts keeps them (its `Session`; declared here so that this module stays DOM-free). */
export interface Session {
  token: string;
  user: components['schemas']['DevToken']['user'];
  expiresAt: number;
}

export const CALLBACK_PATH = '/auth/callback';
/** A sign-in started longer ago than this is refused at the callback (the hosted UI, MFA included, takes minutes). */
export const PENDING_TTL_MS = 15 * 60_000;

/** What the tab keeps (sessionStorage) between the redirect to the hosted UI and the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** The app path to open after sign-in. */
  next: string;
  createdAt: number;
}

/** Why a sign-in failed; each has a message in the i18n catalogs (`cognito.error.<reason>`, a unit test checks). */
export const SIGN_IN_FAILURES = ['idp', 'state', 'expired', 'code', 'token', 'claims', 'role', 'organization', 'network'] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'SignInError';
  }
}

/** The roles the API knows (shared/domain/access.ts ROLES, same order; a unit test compares them). */
export const ROLES = ['legal', 'committee', 'lawyer', 'partner'] as const satisfies readonly Session['user']['role'][];
type Role = (typeof ROLES)[number];

/** An app path only (`/projects/…`), never another origin (`//evil.example`, `https://…`). */
export const safeNext = (next: string | null | undefined): string =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';

/** The hosted UI's authorize endpoint for this round trip; `lang` localizes Cognito's managed login pages. */
export function authorizeUrl(c: CognitoConfig, p: { state: string; nonce: string; challenge: string; lang?: 'fr' | 'en' }): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: c.redirectUri,
    scope: c.scopes.join(' '),
    state: p.state,
    nonce: p.nonce,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  });
  if (p.lang) q.set('lang', p.lang);
  return `${c.domain}/oauth2/authorize?${q.toString()}`;
}

export const tokenEndpoint = (c: CognitoConfig): string => `${c.domain}/oauth2/token`;

/** The token request's form body (a public client: no secret, the PKCE verifier instead). */
export function tokenRequestBody(c: CognitoConfig, code: string, verifier: string): URLSearchParams {
  return new URLSearchParams({ grant_type: 'authorization_code', client_id: c.clientId, code, redirect_uri: c.redirectUri, code_verifier: verifier });
}

/** Cognito's /logout: ends the hosted UI's session, then back to `logoutUri` (registered on the client). */
export function logoutUrl(c: CognitoConfig): string {
  return `${c.domain}/logout?${new URLSearchParams({ client_id: c.clientId, logout_uri: c.logoutUri }).toString()}`;
}

/**
 * The callback's query against what the tab stored before leaving: an error from the hosted UI, a missing or
 * foreign `state` (CSRF, or a callback opened in another tab), a round trip older than PENDING_TTL_MS, no code.
 */
export function checkCallback(params: URLSearchParams, pending: PendingSignIn | null, now: number): { code: string; pending: PendingSignIn } {
  const error = params.get('error');
  if (error) throw new SignInError('idp', [error, params.get('error_description')].filter(Boolean).join(': '));
  const state = params.get('state');
  if (!pending || !state || state !== pending.state) throw new SignInError('state');
  if (!(now - pending.createdAt >= 0 && now - pending.createdAt <= PENDING_TTL_MS)) throw new SignInError('expired');
  const code = params.get('code');
  if (!code) throw new SignInError('code');
  return { code, pending };
}

/** The payload of a JWT, not verified: the ID token comes straight from the token endpoint over TLS (OIDC Core §3.1.3.7). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new SignInError('token', 'not a JWT');
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('not an object');
    return payload as Record<string, unknown>;
  } catch (e) {
    throw new SignInError('token', `unreadable JWT payload (${(e as Error).message})`);
  }
}

/** `cognito:groups`: an array in the token; API Gateway flattens it to "[legal]" (both read, as the API does). */
function groups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  return raw
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * The user of an ID token, as functions/http/auth.ts builds the principal: the role is the first group that is a
 * role; a partner must carry `custom:organizationId`; email lower-cased. Throws `role` / `organization` /
 * `claims` when the API would refuse the token (401), so the user hears why at sign-in, not on the first call.
 */
export function userFromClaims(claims: Record<string, unknown>): Session['user'] {
  const sub = claims.sub;
  if (typeof sub !== 'string' || !sub) throw new SignInError('claims', 'no sub');
  const role = groups(claims['cognito:groups']).find((g): g is Role => (ROLES as readonly string[]).includes(g));
  if (!role) throw new SignInError('role');
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
  const name = typeof claims.name === 'string' && claims.name ? claims.name : email || sub;
  const user: Session['user'] = { sub, role, email, name };
  if (role === 'partner') {
    const org = claims['custom:organizationId'];
    if (typeof org !== 'string' || !org) throw new SignInError('organization');
    user.organizationId = org;
  }
  return user;
}

/**
 * The session from the token endpoint's answer: the ID token (the API's JWT authorizer takes it: only it carries
 * the email, name and custom attributes), checked for audience, issuer, `token_use`, the round trip's nonce and
 * expiry. The access and refresh tokens are not kept: the session ends with the ID token (1 h), then the hosted
 * UI signs the user in again.
 */
export function sessionFromTokenResponse(body: unknown, c: CognitoConfig, pending: PendingSignIn, now: number): Session {
  const r = (body ?? {}) as Record<string, unknown>;
  const idToken = r.id_token;
  if (typeof idToken !== 'string') throw new SignInError('token', 'no id_token in the answer');
  const claims = decodeJwtPayload(idToken);
  const aud = claims.aud;
  if (!(aud === c.clientId || (Array.isArray(aud) && aud.includes(c.clientId)))) throw new SignInError('token', 'audience');
  if (claims.iss !== c.issuer) throw new SignInError('token', 'issuer');
  if (claims.token_use !== 'id') throw new SignInError('token', 'token_use');
  if (claims.nonce !== pending.nonce) throw new SignInError('token', 'nonce');
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
  if (exp <= now) throw new SignInError('token', 'expired');
  const expiresIn = typeof r.expires_in === 'number' && r.expires_in > 0 ? now + r.expires_in * 1000 : exp;
  return { token: idToken, user: userFromClaims(claims), expiresAt: Math.min(exp, expiresIn) };
}
