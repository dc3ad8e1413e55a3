import type { Context } from 'aws-lambda';
import { httpHandler, type HttpEvent } from '../../functions/http/http-handler';
import { principalFromEvent } from '../../functions/http/auth';
import * as z from 'zod';
import { findRoute } from '../../shared/api/routes';
import { defineRoute } from '../../shared/api/route';
import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import { toProblem } from '../../functions/http/problem';

const ctx = { awsRequestId: 'r', functionName: 'f', getRemainingTimeInMillis: () => 10000 } as unknown as Context;
const event = (over: Partial<HttpEvent> & { claims?: Record<string, unknown> } = {}): HttpEvent => {
  const { claims, ...rest } = over;
  return {
    version: '2.0',
    routeKey: 'GET /projects/{projectId}',
    rawPath: '/projects/x',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      http: { method: (rest.routeKey ?? 'GET').split(' ')[0], path: '/projects/x' },
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
    ...rest,
  } as unknown as HttpEvent;
};

describe('claims → principal', () => {
  test('API Gateway flattened groups and organization', () => {
    const p = principalFromEvent(event({ claims: { sub: 'u1', 'cognito:groups': '[partner]', 'custom:organizationId': 'org_1', email: 'A@B.fr' } }));
    expect(p).toEqual({ sub: 'u1', role: 'partner', organizationId: 'org_1', email: 'a@b.fr' });
  });
  test('no claims, no role, or unknown role → 401', () => {
    expect(() => principalFromEvent(event())).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => principalFromEvent(event({ claims: { sub: 'u' } }))).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => principalFromEvent(event({ claims: { sub: 'u', 'cognito:groups': '[admin]' } }))).toThrow(expect.objectContaining({ status: 401 }));
  });
});

describe('middy stack', () => {
  test('route-level roles: a partner may not PATCH a project (403 problem+json)', async () => {
    const h = httpHandler(findRoute('PATCH /projects/{projectId}')!, async () => ({ status: 200, body: {} }));
    const res = await h(
      event({ routeKey: 'PATCH /projects/{projectId}', claims: { sub: 'u', 'cognito:groups': '[partner]', 'custom:organizationId': 'org_1' } }),
      ctx,
    );
    expect(res.statusCode).toBe(403);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
  });
  test('a typed domain error keeps its status; an unexpected one is an opaque 500', async () => {
    const legal = { sub: 'u', 'cognito:groups': '[legal]' };
    const nf = httpHandler(findRoute('GET /projects/{projectId}')!, async () => {
      throw new NotFoundError('No such project.');
    });
    const r1 = await nf(event({ claims: legal }), ctx);
    expect(r1.statusCode).toBe(404);
    expect(JSON.parse(r1.body!)).toMatchObject({ status: 404, detail: 'Projet introuvable.', title: 'Introuvable', lang: 'fr', requestId: 'req-1' });
    expect(r1.headers?.['content-language']).toBe('fr');
    const r1en = await nf(event({ claims: legal, headers: { 'accept-language': 'en-GB,en;q=0.9' } }), ctx);
    expect(JSON.parse(r1en.body!)).toMatchObject({ status: 404, title: 'Not found', detail: 'No such project.', lang: 'en' });
    expect(r1en.headers?.['content-language']).toBe('en');
    const boom = httpHandler(findRoute('GET /projects/{projectId}')!, async () => {
      throw new Error('ConnectionRefused at 10.0.0.1:8000 secret=abc');
    });
    const r2 = await boom(event({ claims: legal }), ctx);
    expect(r2.statusCode).toBe(500);
    expect(r2.body).not.toContain('10.0.0.1');
    expect(r2.body).not.toContain('secret');
  });
  test('ETag is sent from the version', async () => {
    const h = httpHandler(findRoute('GET /projects/{projectId}')!, async () => ({ status: 200, body: { a: 1 }, version: 7 }));
    const res = await h(event({ claims: { sub: 'u', 'cognito:groups': '[committee]' } }), ctx);
    expect(res.headers?.etag).toBe('"7"');
  });
});

test('a malformed percent-escape in a path parameter is a 404, not a 500', async () => {
  const { NotFoundError: NF } = await import('../../shared/domain/errors');
  const h = httpHandler(findRoute('GET /projects/{projectId}')!, async (req) => {
    throw new NF(`No such project ${req.params.projectId}.`);
  });
  const res = await h(event({ claims: { sub: 'u', 'cognito:groups': '[legal]' }, pathParameters: { projectId: '%E0%A4%A' } }), ctx);
  expect(res.statusCode).toBe(404);
});

describe("an error's own extra fields never overwrite the problem's members", () => {
  const hostile = () =>
    new ConflictError('Cannot acknowledge flag flg_1: it is acknowledged.', {
      errors: [{ path: 'action', message: 'Unknown decision' }],
      extra: {
        status: 'acknowledged',
        type: 'https://evil.example/problems/x',
        title: 'Pwned',
        detail: 'forged detail',
        errors: 'forged',
        lang: 'xx',
        requestId: 'forged-id',
        instance: '/forged',
        flagId: 'flg_1',
      },
    });
  test('toProblem: reserved keys win; the other extra fields are kept', () => {
    for (const lang of ['fr', 'en'] as const) {
      const p = toProblem(hostile(), 'req-9', lang);
      expect(p.status).toBe(409);
      expect(p.type).toBe('https://vigie.dev/problems/conflict');
      expect(p.title).toBe(lang === 'fr' ? 'Conflit' : 'Conflict');
      expect(p.detail).toMatch(/flg_1/);
      expect(p.detail).not.toBe('forged detail');
      expect(p.errors).toEqual([expect.objectContaining({ path: 'action' })]);
      expect(p.lang).toBe(lang);
      expect(p.requestId).toBe('req-9');
      expect(p.instance).toBeUndefined();
      expect(p.flagId).toBe('flg_1');
    }
    // Without a request id, a forged one is not sent either.
    expect(toProblem(hostile())).not.toHaveProperty('requestId');
  });
  test('through the middy stack: the response status is the error status', async () => {
    const h = httpHandler(findRoute('GET /projects/{projectId}')!, async () => {
      throw hostile();
    });
    const res = await h(event({ claims: { sub: 'u', 'cognito:groups': '[legal]' } }), ctx);
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body!)).toMatchObject({ status: 409, type: 'https://vigie.dev/problems/conflict', requestId: 'req-1', flagId: 'flg_1' });
  });
});

describe('JSON bodies must be UTF-8', () => {
  const legal = { sub: 'u', 'cognito:groups': '[legal]' };
  const route = defineRoute({
    method: 'POST',
    path: '/organizations',
    handler: 'organizations/create-organization',
    group: 'organizations',
    roles: ['legal'],
    summary: 'echo',
    tags: [],
    body: z.object({ legalName: z.string() }),
    response: z.object({ got: z.unknown() }),
    after: [],
  });
  const echo = httpHandler(route, async (req) => ({ status: 200, body: { got: req.body } }));
  const post = (contentType: string, body = '{"legalName":"Société Générale des Capteurs"}') =>
    echo(event({ routeKey: 'POST /organizations', claims: legal, headers: { 'content-type': contentType }, body }), ctx);
  test.each([
    'application/json; charset=iso-8859-1',
    'application/json; charset=windows-1252',
    'application/json;charset=UTF-16',
    'application/json; charset="latin1"',
    'application/merge-patch+json; charset=us-ascii',
  ])('%s → 415 problem', async (ct) => {
    const res = await post(ct);
    expect(res.statusCode).toBe(415);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    const p = JSON.parse(res.body!);
    expect(p).toMatchObject({ status: 415, type: 'https://vigie.dev/problems/unsupported-media-type' });
    expect(p.detail).toMatch(/UTF-8/);
  });
  test.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=UTF-8',
    'application/json;charset="utf-8"',
    'Application/JSON; Charset=Utf-8',
    'application/merge-patch+json; charset=utf-8',
  ])('%s → accepted', async (ct) => {
    const res = await post(ct);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ got: { legalName: 'Société Générale des Capteurs' } });
  });
});

describe('success media type', () => {
  const legal = { sub: 'u', 'cognito:groups': '[legal]' };
  const route = (contentType?: string) =>
    defineRoute({
      method: 'GET',
      path: '/media',
      handler: 'media',
      group: 'health',
      roles: ['legal'],
      summary: 'media',
      tags: [],
      response: z.object({ a: z.number() }),
      ...(contentType ? { contentType } : {}),
    });
  test('a route that names a JSON media type answers with it; others with application/json', async () => {
    const schemaJson = await httpHandler(route('application/schema+json'), async () => ({ status: 200, body: { a: 1 } }))(
      event({ routeKey: 'GET /media', claims: legal }),
      ctx,
    );
    expect(schemaJson.headers?.['content-type']).toBe('application/schema+json; charset=utf-8');
    expect(JSON.parse(schemaJson.body!)).toEqual({ a: 1 });
    const plain = await httpHandler(route(), async () => ({ status: 200, body: { a: 1 } }))(event({ routeKey: 'GET /media', claims: legal }), ctx);
    expect(plain.headers?.['content-type']).toBe('application/json; charset=utf-8');
  });
});
