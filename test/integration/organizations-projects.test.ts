import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';

let api: Api;
let legal: string;
beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
});
afterAll(() => api.close());

async function createOrg(body: Record<string, unknown>) {
  const r = await api.call('POST', '/organizations', { token: legal, body });
  expect(r.status).toBe(201);
  return r.body;
}

describe('organizations', () => {
  test('a bad SIREN gets 400 problem+json with the field path', async () => {
    const r = await api.call('POST', '/organizations', { token: legal, body: { legalName: 'X', siren: '123456789', country: 'FR', category: 'sme' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.errors[0].path).toBe('siren');
    expect(r.body.errors[0].pointer).toBe('/siren');
  });

  test('problems are in French by default and in English on request (Accept-Language)', async () => {
    const body = { legalName: 'X', siren: '123456789', country: 'FR', category: 'sme' };
    const fr = await api.call('POST', '/organizations', { token: legal, body });
    expect(fr.status).toBe(400);
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(fr.body).toMatchObject({ title: 'Requête invalide', lang: 'fr', detail: 'Requête invalide (corps de la requête) : 1 erreur.' });
    expect(fr.body.errors).toEqual([{ path: 'siren', pointer: '/siren', message: 'Doit être un SIREN valide : 9 chiffres avec une clé de contrôle valide' }]);

    const frFR = await api.call('POST', '/organizations', { token: legal, body, headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' } });
    expect(frFR.body.errors[0].message).toMatch(/^Doit être un SIREN valide/);

    const en = await api.call('POST', '/organizations', { token: legal, body, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.status).toBe(400);
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body).toMatchObject({ title: 'Invalid request', lang: 'en', detail: 'The request body is invalid: 1 error.' });
    expect(en.body.errors).toEqual([{ path: 'siren', pointer: '/siren', message: 'Must be a valid SIREN: 9 digits with a valid check digit' }]);
  });

  test("the local server's own problems (401, 404) follow Accept-Language too", async () => {
    const noToken = await api.call('GET', '/organizations');
    expect(noToken.status).toBe(401);
    expect(noToken.body).toMatchObject({ title: 'Authentification requise', lang: 'fr' });
    expect(noToken.body.detail).toMatch(/^Envoyez Authorization/);
    const noRouteEn = await api.call('GET', '/nowhere', { headers: { 'accept-language': 'en' } });
    expect(noRouteEn.status).toBe(404);
    expect(noRouteEn.body).toMatchObject({ title: 'Not found', detail: 'No route for GET /nowhere.', lang: 'en' });
    const noRouteFr = await api.call('GET', '/nowhere');
    expect(noRouteFr.body).toMatchObject({ title: 'Introuvable', detail: 'Aucune route pour GET /nowhere.' });
    expect(noRouteFr.headers.get('content-language')).toBe('fr');
  });

  test('unknown fields are refused (mass assignment)', async () => {
    const r = await api.call('POST', '/organizations', { token: legal, body: { ...frenchOrg('A'), id: 'org_x', version: 99 } });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['id', 'version']);
  });

  test('voting rights over 100 % and a foreign organization without registration id are refused', async () => {
    const r = await api.call('POST', '/organizations', {
      token: legal,
      body: {
        legalName: 'Foreign',
        country: 'US',
        category: 'other',
        shareholders: [
          { name: 'a', country: 'US', votingRightsPct: 60 },
          { name: 'b', country: 'DE', votingRightsPct: 40.01 },
        ],
      },
    });
    expect(r.status).toBe(400);
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('registrationId');
    expect(paths).toContain('shareholders');
  });

  test('33.33 + 33.33 + 33.34 voting rights is exactly 100 and accepted', async () => {
    const org = await createOrg(
      frenchOrg('Thirds', { shareholders: [33.33, 33.33, 33.34].map((p, i) => ({ name: `s${i}`, country: 'FR', votingRightsPct: p })) }),
    );
    expect(org.shareholders).toHaveLength(3);
  });

  test('malformed JSON → 400, wrong content type → 415, body over 1 MB → 413', async () => {
    const bad = await api.call('POST', '/organizations', { token: legal, rawBody: '{"legalName":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBe('Requête invalide');
    const type = await api.call('POST', '/organizations', {
      token: legal,
      rawBody: 'legalName=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(type.status).toBe(415);
    const big = await api.call('POST', '/organizations', { token: legal, body: { ...frenchOrg('Big'), activityDescription: 'x'.repeat(1_100_000) } });
    expect(big.status).toBe(413);
    // Over API Gateway's 10 MB: the local server answers 413 too (it drains the upload instead of resetting the
    // connection, so a client still writing reads the answer), and the next request is served.
    const huge = await api.call('POST', '/organizations', {
      token: legal,
      rawBody: `"${'x'.repeat(12 * 1024 * 1024)}"`,
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await api.call('GET', '/organizations?limit=1', { token: legal })).status).toBe(200);
  });

  test('GET returns an ETag; PATCH needs If-Match (428), a stale one gets 412, a fresh one wins', async () => {
    const org = await createOrg(frenchOrg('Etag SAS'));
    const got = await api.call('GET', `/organizations/${org.id}`, { token: legal });
    expect(got.headers.get('etag')).toBe('"1"');
    const none = await api.call('PATCH', `/organizations/${org.id}`, { token: legal, body: { city: 'Grenoble' } });
    expect(none.status).toBe(428);
    const ok = await api.call('PATCH', `/organizations/${org.id}`, { token: legal, body: { city: 'Grenoble' }, headers: { 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.body.city).toBe('Grenoble');
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await api.call('PATCH', `/organizations/${org.id}`, { token: legal, body: { city: 'Lyon' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ type: 'https://vigie.dev/problems/precondition-failed', currentEtag: '"2"' });
    const after = await api.call('GET', `/organizations/${org.id}`, { token: legal });
    expect(after.body.city).toBe('Grenoble');
  });

  test('two concurrent PATCHes with the same If-Match: exactly one wins', async () => {
    const org = await createOrg(frenchOrg('Race SAS'));
    const [a, b] = await Promise.all(
      ['Lyon', 'Paris'].map((city) => api.call('PATCH', `/organizations/${org.id}`, { token: legal, body: { city }, headers: { 'if-match': '"1"' } })),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 412]);
    // The loser is told the winner's ETag, whether it lost at the read or at the conditional write.
    expect((a!.status === 412 ? a! : b!).body.currentEtag).toBe('"2"');
    const verify = await api.call('GET', `/organizations/${org.id}/audit/verify`, { token: legal });
    expect(verify.body).toMatchObject({ valid: true, length: 2 });
  });

  test('shareholder links must exist and must not form a cycle', async () => {
    const a = await createOrg(frenchOrg('Holding A'));
    const missing = await api.call('POST', '/organizations', {
      token: legal,
      body: frenchOrg('B', { shareholders: [{ name: 'ghost', country: 'FR', votingRightsPct: 10, organizationId: 'org_' + '0'.repeat(32) }] }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('shareholders/0/organizationId');
    const b = await createOrg(frenchOrg('Filiale B', { shareholders: [{ name: 'Holding A', country: 'FR', votingRightsPct: 60, organizationId: a.id }] }));
    const cycle = await api.call('PATCH', `/organizations/${a.id}`, {
      token: legal,
      body: { shareholders: [{ name: 'Filiale B', country: 'FR', votingRightsPct: 10, organizationId: b.id }] },
      headers: { 'if-match': '"1"' },
    });
    expect(cycle.status).toBe(409);
    expect(cycle.body.cycle).toEqual([a.id, b.id, a.id]);
  });

  test('Idempotency-Key: same key and body → same response, one organization; other body → 422', async () => {
    const body = frenchOrg('Idem SAS');
    const key = `idem-${Date.now()}`;
    const first = await api.call('POST', '/organizations', { token: legal, body, headers: { 'idempotency-key': key } });
    const second = await api.call('POST', '/organizations', { token: legal, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const other = await api.call('POST', '/organizations', { token: legal, body: { ...body, legalName: 'Autre' }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    // Another user with the same key is not served the first user's response.
    const otherUser = await api.call('POST', '/organizations', { token: await tokenFor('legal'), body, headers: { 'idempotency-key': key } });
    expect(otherUser.status).toBe(201);
    expect(otherUser.body.id).not.toBe(first.body.id);
  });

  test('listing paginates with an opaque cursor; a malformed cursor gets 400', async () => {
    for (let i = 0; i < 3; i++) await createOrg(frenchOrg(`Page ${i}`));
    const p1 = await api.call('GET', '/organizations?limit=2', { token: legal });
    expect(p1.status).toBe(200);
    expect(p1.body.items).toHaveLength(2);
    expect(typeof p1.body.nextCursor).toBe('string');
    const p2 = await api.call('GET', `/organizations?limit=2&cursor=${p1.body.nextCursor}`, { token: legal });
    expect(p2.status).toBe(200);
    expect(p2.body.items[0].id).not.toBe(p1.body.items[0].id);
    const bad = await api.call('GET', '/organizations?cursor=not-a-cursor!', { token: legal });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('cursor');
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'PROJECTS', gsi1sk: 'x', pk: 'a', sk: 'b' })).toString('base64url');
    expect((await api.call('GET', `/organizations?cursor=${forged}`, { token: legal })).status).toBe(400);
    expect((await api.call('GET', '/organizations?limit=201', { token: legal })).status).toBe(400);
  });
});

describe('projects and memberships', () => {
  test('create with partners, exactly one coordinator; ETag and audit chain', async () => {
    const a = await createOrg(frenchOrg('Coord SA', { category: 'large' }));
    const b = await createOrg(frenchOrg('Partner SAS'));
    const two = await api.call('POST', '/projects', {
      token: legal,
      body: projectBody({
        partners: [
          { organizationId: a.id, role: 'coordinator' },
          { organizationId: b.id, role: 'coordinator' },
        ],
      }),
    });
    expect(two.status).toBe(400);
    expect(two.body.errors[0].path).toBe('partners');
    const badDates = await api.call('POST', '/projects', { token: legal, body: projectBody({ startDate: '2028-01-01', endDate: '2027-01-01' }) });
    expect(badDates.body.errors[0].path).toBe('endDate');
    const badDomain = await api.call('POST', '/projects', { token: legal, body: projectBody({ technologyDomains: ['astrology'] }) });
    expect(badDomain.body.errors[0].path).toBe('technologyDomains/0');

    const r = await api.call('POST', '/projects', {
      token: legal,
      body: projectBody({
        partners: [
          { organizationId: a.id, role: 'coordinator' },
          { organizationId: b.id, role: 'partner' },
        ],
      }),
    });
    expect(r.status).toBe(201);
    expect(r.body.coordinatorOrgId).toBe(a.id);
    const got = await api.call('GET', `/projects/${r.body.id}`, { token: legal });
    expect(got.body.partners.map((p: { organizationId: string }) => p.organizationId).sort()).toEqual([a.id, b.id].sort());
    expect(got.headers.get('etag')).toBe('"1"');
  });

  test('a second coordinator is refused with 409; demote first, then promote', async () => {
    const a = await createOrg(frenchOrg('C1'));
    const b = await createOrg(frenchOrg('C2'));
    const p = (await api.call('POST', '/projects', { token: legal, body: projectBody({ partners: [{ organizationId: a.id, role: 'coordinator' }] }) })).body;
    const conflict = await api.call('PUT', `/projects/${p.id}/partners/${b.id}`, { token: legal, body: { role: 'coordinator' } });
    expect(conflict.status).toBe(409);
    expect((await api.call('PUT', `/projects/${p.id}/partners/${b.id}`, { token: legal, body: { role: 'partner' } })).status).toBe(201);
    expect((await api.call('PUT', `/projects/${p.id}/partners/${b.id}`, { token: legal, body: { role: 'partner' } })).status).toBe(200);
    expect((await api.call('PUT', `/projects/${p.id}/partners/${a.id}`, { token: legal, body: { role: 'partner' } })).status).toBe(200);
    expect((await api.call('PUT', `/projects/${p.id}/partners/${b.id}`, { token: legal, body: { role: 'coordinator' } })).status).toBe(200);
    const got = await api.call('GET', `/projects/${p.id}`, { token: legal });
    expect(got.body.coordinatorOrgId).toBe(b.id);
    expect((await api.call('DELETE', `/projects/${p.id}/partners/${a.id}`, { token: legal })).status).toBe(204);
    const verify = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
    expect(verify.body).toMatchObject({ valid: true, length: 5 }); // the no-op PUT is not an event
  });

  test('PATCH project: stale If-Match → 412; end before start → 400 at endDate', async () => {
    const p = (await api.call('POST', '/projects', { token: legal, body: projectBody() })).body;
    const ok = await api.call('PATCH', `/projects/${p.id}`, { token: legal, body: { title: 'Nouveau titre' }, headers: { 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    const stale = await api.call('PATCH', `/projects/${p.id}`, { token: legal, body: { title: 'Autre' }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.currentEtag).toBe('"2"');
    const dates = await api.call('PATCH', `/projects/${p.id}`, { token: legal, body: { endDate: '2026-01-01' }, headers: { 'if-match': '"2"' } });
    expect(dates.status).toBe(400);
    expect(dates.body.errors[0].path).toBe('endDate');
  });
});
