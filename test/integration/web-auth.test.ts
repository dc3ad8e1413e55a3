/**
 * The web app's Cognito sign-in (authorization code + PKCE) in Chromium, against a fake hosted UI
 * (helpers/fake-cognito.ts) that checks the PKCE verifier against the challenge, the client, the redirect URI
 * and the one-time code. The app is the same build as in AWS; only its /config.json differs (auth: cognito, the
 * fake IdP's URLs). Its ID tokens are signed like the local dev tokens, so the local API accepts them.
 */
import type { Page } from 'playwright-core';
import { startFakeCognito, type FakeCognito } from './helpers/fake-cognito';
import { startWebApp, type WebApp } from './helpers/web';

let web: WebApp;
let idp: FakeCognito;
let base: string;
let partnerOrg: { id: string; legalName: string };

const storage = async (page: Page) =>
  (await page.evaluate(
    `({ session: sessionStorage.getItem('vigie.session'), pending: sessionStorage.getItem('vigie.oauth.pending'), local: Object.keys(localStorage) })`,
  )) as { session: string | null; pending: string | null; local: string[] };

beforeAll(async () => {
  idp = await startFakeCognito(process.env.DEV_TOKEN_SECRET!);
  web = await startWebApp({ web: { runtimeConfig: { auth: 'cognito', cognito: idp.config }, connectSrc: [idp.origin] } });
  base = web.base;
  idp.register(base);
  partnerOrg = web.demo.organizations.find((o) => /Alpinia/.test(o.legalName))!;
}, 120_000);

afterAll(async () => {
  await web?.close();
  await idp?.close();
});

describe('sign-in with the Cognito hosted UI (code + PKCE)', () => {
  let page: Page;
  let callbackUrl: string;

  it('an email link opened signed out → the sign-in page → the hosted UI → back on the linked page, signed in', async () => {
    page = await web.newPage();
    idp.nextUser = {
      sub: 'cognito-sub-p1',
      email: 'Paul.Partner@Alpinia.example',
      name: 'Paul Partenaire',
      groups: ['partner'],
      organizationId: partnerOrg.id,
    };
    const link = `/projects/${web.demo.projectId}/workflow`;
    await page.goto(`${base}${link}`);
    await page.waitForURL(/\/sign-in\?next=/);
    const button = page.getByRole('button', { name: 'Se connecter avec le compte du pôle' });
    await button.waitFor();
    // No demo picker in this mode.
    expect(await page.getByRole('button', { name: /Juriste du pôle/ }).count()).toBe(0);
    await web.checkPage(page, 'auth-1-sign-in-cognito');

    // Remember the callback URL the IdP sends the browser to (to replay it below).
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.url().startsWith(`${base}/auth/callback?`)) callbackUrl = r.url();
    });
    await button.click();
    await page.waitForURL(`${base}${link}`);
    await page.getByRole('heading', { name: 'Circuit de validation' }).waitFor();
    await page.locator('.user-name', { hasText: 'Paul Partenaire' }).waitFor();
    await page.locator('.user-role', { hasText: 'Partenaire' }).waitFor();

    // The authorize request: code flow, S256 challenge, state and nonce, the registered callback.
    expect(idp.authorizeRequests).toHaveLength(1);
    const authz = idp.authorizeRequests[0]!;
    expect(Object.fromEntries(authz)).toMatchObject({
      response_type: 'code',
      client_id: idp.config.clientId,
      redirect_uri: `${base}/auth/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      lang: 'fr',
    });
    expect(authz.get('state')).toMatch(/^[\w-]{43}$/);
    expect(authz.get('nonce')).toMatch(/^[\w-]{43}$/);
    // One token request, with the verifier of that challenge (the fake IdP checks SHA-256) and no secret.
    expect(idp.refusals).toEqual([]);
    expect(idp.tokenRequests).toHaveLength(1);
    const form = idp.tokenRequests[0]!;
    expect(form.get('code_verifier')).toMatch(/^[\w-]{43}$/);
    expect(form.has('client_secret')).toBe(false);
    expect(callbackUrl).toContain(`state=${authz.get('state')}`);

    // The ID token is the session (sessionStorage, never localStorage); the round trip's secrets are gone.
    const s = await storage(page);
    expect(s.local).toEqual([]);
    expect(s.pending).toBeNull();
    const session = JSON.parse(s.session!) as { token: string; user: Record<string, string>; expiresAt: number };
    expect(session.user).toEqual({
      sub: 'cognito-sub-p1',
      role: 'partner',
      email: 'paul.partner@alpinia.example',
      name: 'Paul Partenaire',
      organizationId: partnerOrg.id,
    });
    expect(session.expiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(s.session).not.toMatch(/refresh-|access-/);
    await web.checkPage(page, 'auth-2-signed-in');
  });

  it('signing out ends the Cognito session through /logout and comes back to the sign-in page', async () => {
    // Signed in, the callback URL (back button) just opens the dashboard.
    await page.goto(callbackUrl);
    await page.waitForURL(`${base}/`);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${base}/sign-in`);
    await page.getByRole('button', { name: 'Se connecter avec le compte du pôle' }).waitFor();
    expect(idp.logoutRequests).toHaveLength(1);
    expect(Object.fromEntries(idp.logoutRequests[0]!)).toEqual({ client_id: idp.config.clientId, logout_uri: `${base}/sign-in` });
    expect((await storage(page)).session).toBeNull();
  });

  it('a callback URL cannot be used twice: the state of this tab is gone, no second token request', async () => {
    await page.goto(callbackUrl);
    await page.getByRole('heading', { name: 'La connexion n’a pas abouti' }).waitFor();
    await page.getByText(/ne correspond à aucune demande de cet onglet/).waitFor();
    expect(idp.tokenRequests).toHaveLength(1);
    expect((await storage(page)).session).toBeNull();
    await page.getByRole('button', { name: 'Recommencer la connexion' }).waitFor();
    await web.checkPage(page, 'auth-3-callback-replayed');
  });

  it('a partner account bound to no organization, or a sign-in refused by the IdP, is explained', async () => {
    idp.nextUser = { sub: 'cognito-sub-p2', email: 'new@partner.example', name: 'Nouveau Partenaire', groups: ['partner'] };
    await page.getByRole('button', { name: 'Recommencer la connexion' }).click();
    await page.getByText(/n’est rattaché à aucune organisation/).waitFor();
    expect((await storage(page)).session).toBeNull();
    await web.checkPage(page, 'auth-4-no-organization');

    idp.nextError = 'access_denied';
    await page.getByRole('button', { name: 'Recommencer la connexion' }).click();
    await page.getByText('La page de connexion du pôle a refusé la demande.').waitFor();
    await page.getByText(/access_denied: fake IdP/).waitFor();

    // Legal staff, in English: the dashboard.
    idp.nextUser = { sub: 'cognito-sub-l1', email: 'juriste@pole.example', name: 'Claire Juriste', groups: ['legal'] };
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Start sign-in again' }).click();
    await page.waitForURL(`${base}/`);
    await page.locator('.user-name', { hasText: 'Claire Juriste' }).waitFor();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(idp.refusals).toEqual([]);
    await page.close();
  });

  it('no CSP violation (the token endpoint is in connect-src) and no page error', () => {
    web.expectClean();
  });
});
