import { compileErrors, validate } from '@readme/openapi-parser';
import { routes, routeKey } from '../../functions/routes';
import { openapi } from '../../functions/openapi';
import type { HttpRequest } from '../../functions/http/http-handler';
import { buildOpenApiDocument, isListRoute, operationIdOf, type OpenApiDocument, type OpenApiOperation } from '../../shared/domain/openapi';

const doc = buildOpenApiDocument(routes);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operations(d: OpenApiDocument): { key: string; op: OpenApiOperation }[] {
  return Object.entries(d.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, op })),
  );
}
const opOf = (key: string) => operations(doc).find((o) => o.key === key)!.op;

const fakeRequest = (): HttpRequest => ({
  route: routes.find((r) => r.handler === 'openapi')!,
  get principal(): never {
    throw new Error('public route');
  },
  params: {},
  query: {},
  headers: {},
  body: undefined,
  requestId: 'test',
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    const result = await validate(structuredClone(doc) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('the validator does catch a broken document (sanity check of the check)', async () => {
    const broken = structuredClone(doc);
    delete broken.paths['/projects/{projectId}']!.get!.parameters; // path parameter no longer declared
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('has exactly the operations of the route table, local-only ones marked x-local-only', () => {
    const inDoc = operations(doc).map((o) => o.key).sort();
    expect(inDoc).toEqual(routes.map(routeKey).sort());
    for (const r of routes) expect(opOf(routeKey(r))['x-local-only']).toBe(r.localOnly ? true : undefined);
  });

  it('can leave local-only routes out', () => {
    const deployed = buildOpenApiDocument(routes, { includeLocalOnly: false });
    expect(operations(deployed).map((o) => o.key).sort()).toEqual(routes.filter((r) => !r.localOnly).map(routeKey).sort());
  });

  it('secures every non-public operation with the bearer JWT and lists its roles', () => {
    for (const r of routes) {
      const op = opOf(routeKey(r));
      if (r.roles === 'public') {
        expect(op.security).toEqual([]);
        expect(op['x-roles']).toBe('public');
      } else {
        expect(op.security).toEqual([{ bearerAuth: [] }]);
        expect(op['x-roles']).toEqual([...r.roles]);
        expect(op.responses['401']).toBeDefined();
      }
    }
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }) });
  });

  it('documents a request body for every route with a body schema, and none otherwise', () => {
    for (const r of routes) {
      const op = opOf(routeKey(r));
      if (r.body) {
        expect(op.requestBody).toMatchObject({ required: true, content: { 'application/json': { schema: { $ref: expect.stringMatching(/^#\/components\/schemas\//) } } } });
        expect(op.responses['413']).toBeDefined();
        expect(op.responses['415']).toBeDefined();
      } else {
        expect(op.requestBody).toBeUndefined();
      }
    }
  });

  it('derives operationIds from the handler path, unique', () => {
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(opOf('GET /projects/{projectId}').operationId).toBe('getProject');
    expect(operationIdOf('organizations/create-organization')).toBe('createOrganization');
    for (const r of routes) expect(opOf(routeKey(r))['x-handler']).toBe(`functions/${r.handler}.ts`);
  });

  it('declares every path parameter of the template', () => {
    for (const r of routes) {
      const names = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (opOf(routeKey(r)).parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared).toEqual(names);
    }
  });

  it('uses the success status of the route', () => {
    for (const r of routes) expect(Object.keys(opOf(routeKey(r)).responses)).toContain(String(r.status ?? 200));
    expect(opOf('DELETE /projects/{projectId}/partners/{orgId}').responses['204']).toEqual({ description: expect.any(String) });
  });

  it('has If-Match (required) on If-Match routes, Idempotency-Key (optional) on idempotent ones', () => {
    const IF_MATCH = { $ref: '#/components/parameters/IfMatch' };
    const IDEM = { $ref: '#/components/parameters/IdempotencyKey' };
    for (const r of routes) {
      const op = opOf(routeKey(r));
      const params = op.parameters ?? [];
      expect(params.some((p) => p.$ref === IF_MATCH.$ref)).toBe(!!r.requiresIfMatch);
      expect(params.some((p) => p.$ref === IDEM.$ref)).toBe(!!r.idempotent);
      if (r.requiresIfMatch) {
        expect(op.responses['412']).toBeDefined();
        expect(op.responses['428']).toBeDefined();
      }
      if (r.idempotent) expect(op.responses['422']).toBeDefined();
    }
    expect(doc.components.parameters!.IfMatch).toMatchObject({ name: 'If-Match', in: 'header', required: true });
    expect(doc.components.parameters!.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
  });

  it('sends ETag on versioned resources and Location on creation', () => {
    for (const key of ['GET /organizations/{orgId}', 'PATCH /organizations/{orgId}', 'GET /projects/{projectId}', 'PATCH /projects/{projectId}']) {
      expect(opOf(key).responses['200']).toMatchObject({ headers: { ETag: { $ref: '#/components/headers/ETag' } } });
    }
    for (const key of ['POST /organizations', 'POST /projects']) {
      expect(opOf(key).responses['201']).toMatchObject({ headers: { ETag: expect.anything(), Location: expect.anything() } });
    }
    expect(opOf('GET /organizations').responses['200']).not.toHaveProperty('headers');
  });

  it('gives list routes limit (1..100, default 25) and cursor', () => {
    const known = ['GET /organizations', 'GET /projects', 'GET /organizations/{orgId}/audit', 'GET /projects/{projectId}/audit'];
    for (const key of known) expect(isListRoute(routes.find((r) => routeKey(r) === key)!)).toBe(true);
    for (const r of routes) {
      const params = (opOf(routeKey(r)).parameters ?? []).filter((p) => p.in === 'query');
      if (isListRoute(r)) {
        expect(r.method).toBe('GET');
        expect(r.path.endsWith('}')).toBe(false);
        expect(params).toEqual([
          expect.objectContaining({ name: 'limit', required: false, schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100, default: 25 }) }),
          expect.objectContaining({ name: 'cursor', required: false, schema: expect.objectContaining({ type: 'string' }) }),
        ]);
      } else if (routeKey(r) === 'GET /forms/{formId}') {
        expect(params).toEqual([expect.objectContaining({ name: 'lang', required: false, schema: expect.objectContaining({ enum: ['fr', 'en'], default: 'fr' }) })]);
      } else {
        expect(params).toEqual([]);
      }
    }
  });

  it('answers errors as problem+json with the shared Problem schema', () => {
    const responses = doc.components.responses as Record<string, { content: Record<string, { schema: unknown }> }>;
    expect(Object.keys(responses).length).toBeGreaterThan(5);
    for (const res of Object.values(responses)) {
      expect(res.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
    }
    expect(doc.components.schemas!.Problem).toMatchObject({
      required: ['type', 'title', 'status'],
      properties: { errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } } },
    });
    expect(doc.components.schemas!.FieldError).toMatchObject({ properties: { path: {}, pointer: {}, message: {} } });
    for (const { op } of operations(doc)) {
      for (const [code, res] of Object.entries(op.responses)) {
        if (Number(code) >= 400) expect(res).toEqual({ $ref: expect.stringMatching(/^#\/components\/responses\//) });
      }
    }
  });

  it('documents bodies as the client sends them (zod input: defaulted fields optional)', () => {
    const schemas = doc.components.schemas as Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
    expect(schemas.OrganizationInput!.required).toEqual(['legalName', 'country', 'category']);
    expect(schemas.Organization!.required).toEqual(expect.arrayContaining(['id', 'version', 'createdAt', 'updatedAt', 'listed', 'shareholders']));
    expect(schemas.OrganizationPage!.properties!.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Organization' } });
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });

  it('is served by GET /openapi.json, built once', async () => {
    const a = await openapi(fakeRequest());
    const b = await openapi(fakeRequest());
    expect(a.status).toBe(200);
    expect(a.body).toBe(b.body);
    expect(a.body).toEqual(doc);
  });
});
