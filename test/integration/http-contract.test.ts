import { frenchOrg, startApi, tokenFor, type Api } from './helpers/api';
import { openApiDocument } from '../../functions/openapi';
import { MAX_BODY_BYTES } from '../../shared/domain/limits';

/**
 * The HTTP contract that the OpenAPI document states on every operation (docs/architecture.md "The
 * contract"): oversized bodies 413, non-JSON bodies 415, unknown properties 400 with their path, and 429 with
 * Retry-After when the caller is throttled — each as application/problem+json, over the wire.
 */
let api: Api;
let throttled: Api;
let legal: string;
/** The web UI's origin: CORS headers answer a cross-origin request. */
const ORIGIN = 'http://127.0.0.1:3000';

beforeAll(async () => {
  api = await startApi();
  // Its own server with a tiny bucket: 1 request per second, 3 at once.
  throttled = await startApi({ rateLimit: { rate: 1, burst: 3 } });
  legal = await tokenFor('legal');
});
afterAll(async () => {
  await api.close();
  await throttled.close();
});

const expectProblem = (res: { status: number; headers: Headers; body: any }, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String) });
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
};
const documented = (path: string, method: string, status: number) =>
  expect(Object.keys(openApiDocument().paths[path]![method]!.responses)).toContain(String(status));

describe('HTTP contract', () => {
  it('answers 413 to a body over the limit', async () => {
    const res = await api.call('POST', '/organizations', {
      token: legal,
      rawBody: JSON.stringify(frenchOrg('Big', { activityDescription: 'x'.repeat(MAX_BODY_BYTES) })),
      headers: { 'content-type': 'application/json', origin: ORIGIN },
    });
    expectProblem(res, 413);
    documented('/organizations', 'post', 413);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await api.call('POST', '/organizations', {
      token: legal,
      rawBody: 'legalName=Acme',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    });
    expectProblem(res, 415);
    const plain = await api.call('POST', '/organizations', {
      token: legal,
      rawBody: JSON.stringify(frenchOrg('Acme')),
      headers: { 'content-type': 'text/plain', origin: ORIGIN },
    });
    expectProblem(plain, 415);
    documented('/organizations', 'post', 415);
  });

  it('answers 400 naming the path of an unknown property, at the top and nested', async () => {
    const res = await api.call('POST', '/organizations', {
      token: legal,
      headers: { origin: ORIGIN },
      body: frenchOrg('Unknown fields', { nickname: 'x', registeredAddress: { street: '1 rue A', postalCode: '75001', city: 'Paris', floor: 3 } }),
    });
    expectProblem(res, 400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['nickname', 'registeredAddress/floor']));
  });

  it('refuses a string over its maxLength with 400 and the field path', async () => {
    const res = await api.call('POST', '/organizations', {
      token: legal,
      headers: { origin: ORIGIN },
      body: frenchOrg(`${' '.repeat(150)}Acme${' '.repeat(300)}`),
    });
    expectProblem(res, 400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['legalName']);
  });

  it('answers 429 with Retry-After once the caller has used its burst; another caller is not affected', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await throttled.call('GET', '/staff', { token: legal });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[4]).toBe(429);
    expectProblem(last!, 429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(last!.body.type).toBe('https://vigie.dev/problems/too-many-requests');
    expect((await throttled.call('GET', '/staff', { token: await tokenFor('legal') })).status).toBe(200);
    documented('/staff', 'get', 429);
    // The default server of the tests is not throttled (VIGIE_RATE_LIMIT=off in test/setup/integration-env.ts).
    for (let i = 0; i < 5; i++) expect((await api.call('GET', '/staff', { token: legal })).status).toBe(200);
  });
});
