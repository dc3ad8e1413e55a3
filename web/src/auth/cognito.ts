/**
 * Sign-in with Cognito's hosted UI (authorization code + PKCE), in the browser: the redirect out, the callback's
 * token request, and sign-out through Cognito's /logout. The PKCE verifier, `state` and `nonce` stay in
 * sessionStorage for the round trip only (removed at the callback, used or not); the session itself is
 * ./session.ts's (memory + sessionStorage). The pure parts are in ./oauth.ts and ./pkce.ts.
 */
import {
  authorizeUrl,
  checkCallback,
  logoutUrl,
  safeNext,
  sessionFromTokenResponse,
  SignInError,
  tokenEndpoint,
  tokenRequestBody,
  type PendingSignIn,
  type Session,
} from './oauth';
import { getLang } from '../i18n';
import { pkceChallenge, randomToken } from './pkce';
import type { CognitoConfig } from './runtime-config';
import { signIn } from './session';

const PENDING_KEY = 'vigie.oauth.pending';

/** Leaves for the hosted UI; back at /auth/callback, then on `next`. */
export async function startSignIn(c: CognitoConfig, next: string): Promise<void> {
  const pending: PendingSignIn = { state: randomToken(32), nonce: randomToken(32), verifier: randomToken(32), next: safeNext(next), createdAt: Date.now() };
  const challenge = await pkceChallenge(pending.verifier);
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(authorizeUrl(c, { state: pending.state, nonce: pending.nonce, challenge, lang: getLang() }));
}

/** The stored round trip, removed at once: a callback URL can be used once. */
function takePending(): PendingSignIn | null {
  const raw = window.sessionStorage.getItem(PENDING_KEY);
  window.sessionStorage.removeItem(PENDING_KEY);
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as PendingSignIn;
    return typeof p.state === 'string' && typeof p.verifier === 'string' && typeof p.nonce === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** The `next` path of the round trip in progress, without consuming it (to retry after an error). */
export function pendingNext(): string | undefined {
  try {
    const raw = window.sessionStorage.getItem(PENDING_KEY);
    return raw ? (JSON.parse(raw) as PendingSignIn).next : undefined;
  } catch {
    return undefined;
  }
}

/**
 * At /auth/callback: checks `state`, exchanges the code (with the PKCE verifier) at the token endpoint, and
 * signs the tab in. Returns the path to open. Throws a SignInError.
 */
export async function completeSignIn(c: CognitoConfig, search: string): Promise<{ session: Session; next: string }> {
  const { code, pending } = checkCallback(new URLSearchParams(search), takePending(), Date.now());
  let res: Response;
  try {
    res = await fetch(tokenEndpoint(c), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: tokenRequestBody(c, code, pending.verifier),
      credentials: 'omit',
    });
  } catch (e) {
    throw new SignInError('network', (e as Error).message);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body ?? {}) as { error?: string; error_description?: string };
    throw new SignInError('token', [String(res.status), err.error, err.error_description].filter(Boolean).join(' '));
  }
  const session = sessionFromTokenResponse(body, c, pending, Date.now());
  signIn(session);
  return { session, next: safeNext(pending.next) };
}

/** Ends the hosted UI's session too (otherwise "sign in" would come straight back without a password). */
export function signOutOfCognito(c: CognitoConfig): void {
  window.location.assign(logoutUrl(c));
}
