import { principalFromEvent } from '../../functions/http/auth';
import { ROLES as API_ROLES } from '../../shared/domain/access';
import {
  authorizeUrl,
  checkCallback,
  decodeJwtPayload,
  logoutUrl,
  PENDING_TTL_MS,
  ROLES,
  safeNext,
  sessionFromTokenResponse,
  SIGN_IN_FAILURES,
  SignInError,
  tokenRequestBody,
  userFromClaims,
  type PendingSignIn,
} from '../../web/src/auth/oauth';
import { base64url, isCodeVerifier, pkceChallenge, randomToken } from '../../web/src/auth/pkce';
import { parseRuntimeConfig, type CognitoConfig } from '../../web/src/auth/runtime-config';
import { en } from '../../web/src/i18n/en';
import { fr } from '../../web/src/i18n/fr';

/** The pure parts of the Cognito sign-in of the web app (web/src/auth): PKCE, the callback's checks, claims → user. */

const cognito: CognitoConfig = {
  domain: 'https://vigie-123456789012.auth.eu-west-3.amazoncognito.com',
  clientId: '4abc5defclient',
  redirectUri: 'https://d111.cloudfront.net/auth/callback',
  logoutUri: 'https://d111.cloudfront.net/sign-in',
  scopes: ['openid', 'email', 'profile'],
  issuer: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_AbCdEf',
};
const NOW = Date.UTC(2026, 5, 1, 9, 0, 0);
const pending: PendingSignIn = {
  state: 'st-' + 'a'.repeat(40),
  nonce: 'no-' + 'b'.repeat(40),
  verifier: 'c'.repeat(43),
  next: '/projects/P1/workflow',
  createdAt: NOW - 60_000,
};

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'RS256', kid: 'k' })}.${b64(claims)}.c2lnbmF0dXJl`;
const reason = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SignInError) return e.reason;
    throw e;
  }
  return 'no error';
};

describe('PKCE (RFC 7636)', () => {
  it('computes the S256 challenge of the RFC 7636 appendix B test vector', async () => {
    await expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('base64url-encodes without padding, with - and _', () => {
    // RFC 7636 appendix B: the 32 octets of the example verifier.
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    expect(base64url(Uint8Array.from(octets))).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(base64url(Uint8Array.from([0xfb, 0xff]))).toBe('-_8');
  });

  it('makes fresh 43-character verifiers, and refuses a verifier outside the RFC alphabet or length', async () => {
    const a = randomToken();
    const b = randomToken();
    expect(a).toHaveLength(43);
    expect(isCodeVerifier(a)).toBe(true);
    expect(a).not.toBe(b);
    await expect(pkceChallenge('too-short')).rejects.toThrow(/43-128/);
    await expect(pkceChallenge('x'.repeat(42) + '+')).rejects.toThrow(/43-128/);
    expect(isCodeVerifier('x'.repeat(129))).toBe(false);
  });
});

describe('OAuth URLs', () => {
  it('asks the hosted UI for a code with PKCE S256, state and nonce, to the registered callback', () => {
    const u = new URL(authorizeUrl(cognito, { state: 'S', nonce: 'N', challenge: 'C' }));
    expect(`${u.origin}${u.pathname}`).toBe(`${cognito.domain}/oauth2/authorize`);
    expect(Object.fromEntries(u.searchParams)).toEqual({
      response_type: 'code',
      client_id: cognito.clientId,
      redirect_uri: cognito.redirectUri,
      scope: 'openid email profile',
      state: 'S',
      nonce: 'N',
      code_challenge: 'C',
      code_challenge_method: 'S256',
    });
    // Cognito's managed login pages in the UI language.
    expect(new URL(authorizeUrl(cognito, { state: 'S', nonce: 'N', challenge: 'C', lang: 'fr' })).searchParams.get('lang')).toBe('fr');
  });

  it('exchanges the code with the verifier and no secret; signs out through /logout back to the logout URI', () => {
    expect(Object.fromEntries(tokenRequestBody(cognito, 'CODE', 'VERIFIER'))).toEqual({
      grant_type: 'authorization_code',
      client_id: cognito.clientId,
      code: 'CODE',
      redirect_uri: cognito.redirectUri,
      code_verifier: 'VERIFIER',
    });
    const out = new URL(logoutUrl(cognito));
    expect(out.pathname).toBe('/logout');
    expect(Object.fromEntries(out.searchParams)).toEqual({ client_id: cognito.clientId, logout_uri: cognito.logoutUri });
  });

  it('opens only app paths after sign-in', () => {
    expect(safeNext('/projects/P1/flags/F1?x=1#y')).toBe('/projects/P1/flags/F1?x=1#y');
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', null, undefined])
      expect(safeNext(bad)).toBe('/');
  });
});

describe('the callback', () => {
  const params = (q: Record<string, string>) => new URLSearchParams(q);

  it('accepts the code when state matches the round trip of this tab', () => {
    expect(checkCallback(params({ code: 'abc', state: pending.state }), pending, NOW)).toEqual({ code: 'abc', pending });
  });

  it('refuses a foreign or missing state, a callback without a round trip, an expired round trip, a missing code, an IdP error', () => {
    expect(reason(() => checkCallback(params({ code: 'abc', state: 'other' }), pending, NOW))).toBe('state');
    expect(reason(() => checkCallback(params({ code: 'abc' }), pending, NOW))).toBe('state');
    expect(reason(() => checkCallback(params({ code: 'abc', state: pending.state }), null, NOW))).toBe('state');
    expect(reason(() => checkCallback(params({ code: 'abc', state: pending.state }), { ...pending, createdAt: NOW - PENDING_TTL_MS - 1 }, NOW))).toBe(
      'expired',
    );
    expect(reason(() => checkCallback(params({ code: 'abc', state: pending.state }), { ...pending, createdAt: NOW + 5_000 }, NOW))).toBe('expired');
    expect(reason(() => checkCallback(params({ state: pending.state }), pending, NOW))).toBe('code');
    const idp = () => checkCallback(params({ error: 'access_denied', error_description: 'User is disabled', state: pending.state }), pending, NOW);
    expect(reason(idp)).toBe('idp');
    expect(idp).toThrow(/access_denied: User is disabled/);
  });
});

describe('ID token → user, as the API reads the claims', () => {
  const claims = (c: Record<string, unknown>) => ({ sub: 'u-1', email: 'Alice.Martin@Pole.Example', name: 'Alice Martin', ...c });
  /** The API's principal for the same claims, or the reason it refuses them (401). */
  const apiPrincipal = (c: Record<string, unknown>) => {
    try {
      return principalFromEvent({ requestContext: { authorizer: { jwt: { claims: c, scopes: [] } } } as any });
    } catch {
      return 'refused';
    }
  };
  const webUser = (c: Record<string, unknown>) => {
    try {
      return userFromClaims(c);
    } catch (e) {
      if (e instanceof SignInError) return 'refused';
      throw e;
    }
  };

  it('knows the roles of the API, in its order', () => {
    expect([...ROLES]).toEqual([...API_ROLES]);
  });

  it.each([
    ['groups as an array (the raw token)', claims({ 'cognito:groups': ['legal'] })],
    ['groups flattened by API Gateway', claims({ 'cognito:groups': '[committee]' })],
    ['several groups: the first that is a role', claims({ 'cognito:groups': ['admins', 'lawyer', 'legal'] })],
    ['a partner with its organization', claims({ 'cognito:groups': ['partner'], 'custom:organizationId': 'ORG-1' })],
    ['organizationId ignored for staff', claims({ 'cognito:groups': ['legal'], 'custom:organizationId': 'ORG-1' })],
    ['no name: the email', { sub: 'u-2', email: 'b@x.example', 'cognito:groups': ['legal'] }],
    ['a partner without organization', claims({ 'cognito:groups': ['partner'] })],
    ['no role group', claims({ 'cognito:groups': ['admins'] })],
    ['no groups at all', claims({})],
    ['no sub', { email: 'x@y.example', 'cognito:groups': ['legal'] }],
  ])('%s: the same user as the API principal', (_label, c) => {
    const api = apiPrincipal(c);
    const web = webUser(c);
    if (api === 'refused') return expect(web).toBe('refused');
    expect(web).not.toBe('refused');
    const u = web as Exclude<typeof web, string>;
    expect({ sub: u.sub, role: u.role, organizationId: u.organizationId }).toEqual({ sub: api.sub, role: api.role, organizationId: api.organizationId });
    expect(u.email).toBe(api.email ?? '');
    if (api.name) expect(u.name).toBe(api.name);
  });

  it('says why a token the API would refuse is refused', () => {
    expect(reason(() => userFromClaims(claims({ 'cognito:groups': ['partner'] })))).toBe('organization');
    expect(reason(() => userFromClaims(claims({ 'cognito:groups': [] })))).toBe('role');
    expect(userFromClaims(claims({ 'cognito:groups': ['legal'] }))).toEqual({
      sub: 'u-1',
      role: 'legal',
      email: 'alice.martin@pole.example',
      name: 'Alice Martin',
    });
  });

  it('has a message for every reason of failure, in French and English', () => {
    for (const r of SIGN_IN_FAILURES) {
      const key = `cognito.error.${r}` as keyof typeof fr;
      expect({ r, fr: typeof fr[key], en: typeof en[key] }).toEqual({ r, fr: 'string', en: 'string' });
    }
  });

  it('decodes a base64url UTF-8 payload', () => {
    expect(decodeJwtPayload(jwt({ name: 'Hélène Dœuf', n: 1 }))).toEqual({ name: 'Hélène Dœuf', n: 1 });
    expect(reason(() => decodeJwtPayload('nodots'))).toBe('token');
    expect(reason(() => decodeJwtPayload('a.!!!.c'))).toBe('token');
  });
});

describe('the token answer → the session', () => {
  const exp = Math.floor(NOW / 1000) + 3600;
  const idClaims = {
    sub: 'u-1',
    aud: cognito.clientId,
    iss: cognito.issuer,
    token_use: 'id',
    nonce: pending.nonce,
    exp,
    email: 'p@partner.example',
    name: 'Paul',
    'cognito:groups': ['partner'],
    'custom:organizationId': 'ORG-9',
  };
  const answer = (c: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    id_token: jwt({ ...idClaims, ...c }),
    access_token: 'ACCESS',
    refresh_token: 'REFRESH',
    expires_in: 3600,
    token_type: 'Bearer',
    ...extra,
  });

  it('keeps the ID token (what the API authorizer takes) with the user of its claims and its expiry', () => {
    const body = answer();
    const s = sessionFromTokenResponse(body, cognito, pending, NOW);
    expect(s).toEqual({
      token: body.id_token,
      user: { sub: 'u-1', role: 'partner', email: 'p@partner.example', name: 'Paul', organizationId: 'ORG-9' },
      expiresAt: exp * 1000,
    });
    expect(JSON.stringify(s)).not.toMatch(/REFRESH|ACCESS/);
    // expires_in shorter than exp: the earlier wins.
    expect(sessionFromTokenResponse(answer({}, { expires_in: 60 }), cognito, pending, NOW).expiresAt).toBe(NOW + 60_000);
  });

  it('refuses a token for another client or issuer, an access token, a replayed nonce, an expired token, no token', () => {
    expect(reason(() => sessionFromTokenResponse(answer({ aud: 'other-client' }), cognito, pending, NOW))).toBe('token');
    expect(reason(() => sessionFromTokenResponse(answer({ iss: 'https://cognito-idp.eu-west-3.amazonaws.com/other' }), cognito, pending, NOW))).toBe('token');
    expect(reason(() => sessionFromTokenResponse(answer({ token_use: 'access' }), cognito, pending, NOW))).toBe('token');
    expect(reason(() => sessionFromTokenResponse(answer({ nonce: 'another' }), cognito, pending, NOW))).toBe('token');
    expect(reason(() => sessionFromTokenResponse(answer({ exp: Math.floor(NOW / 1000) - 1 }), cognito, pending, NOW))).toBe('token');
    expect(reason(() => sessionFromTokenResponse({ access_token: 'x' }, cognito, pending, NOW))).toBe('token');
    expect(reason(() => sessionFromTokenResponse(answer({ 'custom:organizationId': undefined }), cognito, pending, NOW))).toBe('organization');
    expect(sessionFromTokenResponse(answer({ aud: ['x', cognito.clientId] }), cognito, pending, NOW).user.role).toBe('partner');
  });
});

describe('config.json', () => {
  it('reads the local and the Cognito configurations', () => {
    expect(parseRuntimeConfig({ auth: 'dev' })).toEqual({ auth: 'dev' });
    expect(parseRuntimeConfig({ auth: 'cognito', apiBaseUrl: '/api', cognito: { ...cognito, domain: cognito.domain + '/' } })).toEqual({
      auth: 'cognito',
      apiBaseUrl: '/api',
      cognito,
    });
    // Local tests may point at a fake IdP on loopback over http.
    expect(parseRuntimeConfig({ auth: 'cognito', cognito: { ...cognito, domain: 'http://127.0.0.1:4567' } })).toMatchObject({
      cognito: { domain: 'http://127.0.0.1:4567' },
    });
  });

  it('refuses an unknown mode, a plain-http IdP, a scope list without openid, a missing client id', () => {
    expect(() => parseRuntimeConfig({ auth: 'saml' })).toThrow(/auth must be/);
    expect(() => parseRuntimeConfig({ auth: 'cognito', cognito: { ...cognito, domain: 'http://idp.example' } })).toThrow(/cognito.domain must use https/);
    expect(() => parseRuntimeConfig({ auth: 'cognito', cognito: { ...cognito, scopes: ['email'] } })).toThrow(/openid/);
    expect(() => parseRuntimeConfig({ auth: 'cognito', cognito: { ...cognito, clientId: '' } })).toThrow(/clientId/);
    expect(() => parseRuntimeConfig({ auth: 'dev', apiBaseUrl: 'ftp://x' })).toThrow(/apiBaseUrl/);
    expect(() => parseRuntimeConfig(null)).toThrow(/object/);
  });
});
