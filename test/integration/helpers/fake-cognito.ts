/**
 * A fake Cognito hosted UI for the browser test of the sign-in (test/integration/web-auth.test.ts): the three
 * endpoints the web app uses, speaking the OAuth 2.0 / OIDC protocol strictly enough to fail a wrong client.
 *
 * - `GET /oauth2/authorize`: checks the client, the registered redirect URI, `response_type=code`, the openid scope
 *   and a PKCE S256 challenge, then (no login form: the test chose the user in `nextUser`) redirects back with a
 *   one-time code and the `state` unchanged, or with `nextError`.
 * - `POST /oauth2/token`: a form body; checks the code (once), client, redirect URI and that SHA-256(code_verifier)
 *   is the challenge; answers an ID token shaped like Cognito's (`cognito:groups`, `custom:organizationId`,
 *   `token_use: id`, the nonce), signed like the local dev tokens so that the local API accepts it.
 * - `GET /logout`: checks the client and the registered logout URI, and redirects there.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../shared/services/dev-jwt';
import type { Role } from '../../../shared/domain/access';
import type { CognitoConfig } from '../../../web/src/auth/runtime-config';

export interface FakeUser {
  sub: string;
  email: string;
  name: string;
  groups: Role[] | string[];
  organizationId?: string;
}

export interface FakeCognito {
  origin: string;
  /** The app's settings for this IdP (redirect and logout URIs filled by `register`). */
  config: CognitoConfig;
  /** Registers the app's callback and logout URLs once its origin is known (as the CDK app does on the client). */
  register(appOrigin: string): void;
  /** Who signs in at the next authorize request. */
  nextUser: FakeUser | null;
  /** An OAuth error for the next authorize request instead of a code (e.g. access_denied). */
  nextError: string | null;
  authorizeRequests: URLSearchParams[];
  tokenRequests: URLSearchParams[];
  /** Token requests refused, with the reason (wrong verifier, reused code…). */
  refusals: string[];
  logoutRequests: URLSearchParams[];
  close(): Promise<void>;
}

const CLIENT_ID = DEV_AUDIENCE;

export async function startFakeCognito(secret: string): Promise<FakeCognito> {
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string | null; user: FakeUser }>();
  let appOrigin = '';
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };
  const redirect = (res: ServerResponse, to: string) => {
    res.writeHead(302, { location: to, 'cache-control': 'no-store' });
    res.end();
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const idp: FakeCognito = {
    origin: '',
    config: { domain: '', clientId: CLIENT_ID, redirectUri: '', logoutUri: '', scopes: ['openid', 'email', 'profile'], issuer: DEV_ISSUER },
    register(origin) {
      appOrigin = origin;
      idp.config.redirectUri = `${origin}/auth/callback`;
      idp.config.logoutUri = `${origin}/sign-in`;
    },
    nextUser: null,
    nextError: null,
    authorizeRequests: [],
    tokenRequests: [],
    refusals: [],
    logoutRequests: [],
    close: () => new Promise<void>((r) => server.close(() => r())),
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', idp.origin);
      // The token endpoint is called by the page's fetch: CORS for the app's origin only.
      const cors = { 'access-control-allow-origin': appOrigin, vary: 'Origin' };
      if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
        const q = url.searchParams;
        idp.authorizeRequests.push(q);
        const redirectUri = q.get('redirect_uri');
        if (q.get('client_id') !== CLIENT_ID || redirectUri !== idp.config.redirectUri) return send(res, 400, { error: 'redirect_mismatch' });
        const back = new URL(redirectUri);
        if (q.get('state')) back.searchParams.set('state', q.get('state')!);
        const invalid =
          q.get('response_type') !== 'code'
            ? 'unsupported_response_type'
            : !(q.get('scope') ?? '').split(' ').includes('openid') || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')
              ? 'invalid_request'
              : (idp.nextError ?? (idp.nextUser ? null : 'access_denied'));
        if (invalid) {
          idp.nextError = null;
          back.searchParams.set('error', invalid);
          back.searchParams.set('error_description', `fake IdP: ${invalid}`);
          return redirect(res, back.href);
        }
        const code = randomBytes(16).toString('hex');
        codes.set(code, { challenge: q.get('code_challenge')!, redirectUri, nonce: q.get('nonce'), user: idp.nextUser! });
        back.searchParams.set('code', code);
        return redirect(res, back.href);
      }
      if (req.method === 'OPTIONS' && url.pathname === '/oauth2/token') {
        res.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' });
        return res.end();
      }
      if (req.method === 'POST' && url.pathname === '/oauth2/token') {
        if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return send(res, 400, { error: 'invalid_request' }, cors);
        const form = new URLSearchParams(await readBody(req));
        idp.tokenRequests.push(form);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? ''); // one use, even when refused
        const verifier = form.get('code_verifier') ?? '';
        const refusal =
          form.get('grant_type') !== 'authorization_code'
            ? 'unsupported_grant_type'
            : form.get('client_id') !== CLIENT_ID || form.has('client_secret')
              ? 'invalid_client'
              : !grant
                ? 'invalid_grant: unknown or used code'
                : form.get('redirect_uri') !== grant.redirectUri
                  ? 'invalid_grant: redirect_uri'
                  : createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
                    ? 'invalid_grant: PKCE verifier'
                    : null;
        if (refusal || !grant) {
          idp.refusals.push(refusal ?? 'invalid_grant');
          return send(res, 400, { error: (refusal ?? 'invalid_grant').split(':')[0] }, cors);
        }
        const { user } = grant;
        const claims: Record<string, unknown> = {
          email: user.email,
          name: user.name,
          'cognito:groups': user.groups,
          token_use: 'id',
          auth_time: Math.floor(Date.now() / 1000),
        };
        if (grant.nonce) claims.nonce = grant.nonce;
        if (user.organizationId) claims['custom:organizationId'] = user.organizationId;
        const idToken = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setSubject(user.sub)
          .setIssuer(DEV_ISSUER)
          .setAudience(CLIENT_ID)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(secret));
        return send(
          res,
          200,
          {
            id_token: idToken,
            access_token: `access-${randomBytes(8).toString('hex')}`,
            refresh_token: `refresh-${randomBytes(8).toString('hex')}`,
            expires_in: 3600,
            token_type: 'Bearer',
          },
          cors,
        );
      }
      if (req.method === 'GET' && url.pathname === '/logout') {
        idp.logoutRequests.push(url.searchParams);
        if (url.searchParams.get('client_id') !== CLIENT_ID || url.searchParams.get('logout_uri') !== idp.config.logoutUri)
          return send(res, 400, { error: 'invalid logout_uri' });
        return redirect(res, idp.config.logoutUri);
      }
      send(res, 404, { error: 'not found' });
    })().catch((e: unknown) => send(res, 500, { error: String(e) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  idp.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  idp.config.domain = idp.origin;
  return idp;
}
