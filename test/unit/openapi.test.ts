import { compileErrors, validate } from '@readme/openapi-parser';
import { routes, routeKey } from '../../shared/api/routes';
import { openapi } from '../../functions/openapi';
import type { HttpRequest } from '../../functions/http/http-handler';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { z } from 'zod';
import { buildOpenApiDocument, isListRoute, operationIdOf, type OpenApiDocument, type OpenApiOperation } from '../../shared/api/openapi';
import type {
  controlChainSchema,
  controlEventRecordedSchema,
  declarationSavedSchema,
  declarationStatusSchema,
  declarationVersionSchema,
  declarationViewSchema,
  redlineSchema,
  uploadStartedSchema,
  workflowViewSchema,
} from '../../shared/api/responses';
import type { storedFlagSchema } from '../../shared/domain/flag-schema';
import type { taskSchema } from '../../shared/domain/workflow-schema';
import { applyAction, createManualFlag, flagFilterSchema, reconcile, type Flag } from '../../shared/domain/risk/lifecycle';
import { flagView } from '../../shared/domain/risk/source';
import type { Finding } from '../../shared/domain/risk/types';
import { controlChainOf, type ControlChainView } from '../../shared/domain/risk/control-chain';
import { parseControlEventInput, type ControlEvent } from '../../shared/domain/control-event';
import { staffInputSchema, type StaffMember } from '../../shared/domain/staff';
import { documentObjectKey, documentUploadKey, sanitizeFileName, type DocumentRecord } from '../../shared/domain/documents';
import { parseDeclarationDraft } from '../../shared/domain/declaration';
import { diffDeclarations } from '../../shared/domain/redline';
import { sha256Hex } from '../../shared/domain/audit';
import {
  createWorkflow,
  decide,
  missingApprovals,
  NO_GATES,
  pendingDeclarations,
  pendingSteps,
  recordSubmission,
  type PendingStep,
  type WorkflowState,
} from '../../shared/domain/workflow';
import type { DeclarationHead, DeclarationSubmission, DeclarationVersionMeta } from '../../shared/store/declarations';
import type { TaskIndexItem } from '../../shared/store/workflow';
import type { StoredFlag } from '../../shared/store/flags';
import type { Principal } from '../../shared/domain/access';
import { completeDeclaration } from '../fixtures/declaration';

const doc = buildOpenApiDocument(routes);

/**
 * Mutual assignability: the response schema's output type and the type it mirrors hold the same values. The
 * entities themselves (declaration records, flags, workflow state and steps, documents, control events, staff
 * members) are no longer here: their types are the schemas' `z.output`. What remains checks views built from them.
 */
type Mirror<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;
const mirrors: true[] = [
  true satisfies Mirror<Out<typeof storedFlagSchema>, StoredFlag>,
  true satisfies Mirror<
    Out<typeof workflowViewSchema>,
    WorkflowState & {
      pending: (PendingStep & { people: { name: string; email: string; language: 'fr' | 'en' }[] })[];
      pendingDeclarations: string[];
      missingApprovals: string[];
    }
  >,
  true satisfies Mirror<
    Out<typeof taskSchema>,
    Pick<TaskIndexItem, 'projectId' | 'projectAcronym' | 'projectTitle' | 'stepId' | 'kind' | 'dueDate' | 'openedAt'> & {
      publicationId: string | null;
      controlReviewId: string | null;
      controlReview: { partnerNames: string[]; operationOnName: string | null } | null;
    }
  >,
  true satisfies Mirror<Out<typeof controlChainSchema>, ControlChainView>,
];
// Bodies assembled by the handlers from those types (spot checks of the wrappers).
void ((v: Out<typeof declarationViewSchema>) => v satisfies DeclarationVersionMeta & { submissions: DeclarationSubmission[] });
void ((v: Out<typeof declarationVersionSchema>) => v satisfies DeclarationVersionMeta & { submitted: boolean; submittedAt: string | null });
void ((v: Out<typeof declarationSavedSchema>) => v satisfies DeclarationHead);
void ((v: Out<typeof declarationStatusSchema>) => v.status satisfies 'none' | 'draft' | 'submitted');
void ((v: Out<typeof redlineSchema>) => v satisfies ReturnType<typeof diffDeclarations>);
void ((v: Out<typeof uploadStartedSchema>) => v.document satisfies DocumentRecord);
void ((v: Out<typeof controlEventRecordedSchema>) => v.event satisfies ControlEvent);

/**
 * A validator of values against the document's component schemas: Ajv 2020 (strict, with ajv-formats), the
 * `#/components/schemas/…` references rewritten to `$defs` of one schema.
 */
function componentValidator(d: OpenApiDocument): (component: string, value: unknown) => boolean {
  const defs = JSON.parse(JSON.stringify(d.components.schemas).replaceAll('"#/components/schemas/', '"urn:vigie:openapi#/$defs/'));
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'urn:vigie:openapi', $defs: defs });
  return (component, value) => {
    const v = ajv.getSchema(`urn:vigie:openapi#/$defs/${component}`);
    if (!v) throw new Error(`No component ${component}`);
    const ok = v(value) as boolean;
    if (!ok && process.env.DEBUG_OPENAPI) console.error(component, ajv.errorsText(v.errors));
    return ok;
  };
}
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operations(d: OpenApiDocument): { key: string; op: OpenApiOperation }[] {
  return Object.entries(d.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, op })),
  );
}
const opOf = (key: string) => operations(doc).find((o) => o.key === key)!.op;

const fakeRequest = (): HttpRequest<undefined> => ({
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
    const inDoc = operations(doc)
      .map((o) => o.key)
      .sort();
    expect(inDoc).toEqual(routes.map(routeKey).sort());
    for (const r of routes) expect(opOf(routeKey(r))['x-local-only']).toBe(r.localOnly ? true : undefined);
  });

  it('can leave local-only routes out', () => {
    const deployed = buildOpenApiDocument(routes, { includeLocalOnly: false });
    expect(
      operations(deployed)
        .map((o) => o.key)
        .sort(),
    ).toEqual(
      routes
        .filter((r) => !r.localOnly)
        .map(routeKey)
        .sort(),
    );
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
        expect(op.requestBody).toMatchObject({
          required: true,
          content: { 'application/json': { schema: { $ref: expect.stringMatching(/^#\/components\/schemas\//) } } },
        });
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
    expect(opOf('DELETE /projects/{projectId}/partners/{orgId}').responses['204']).toEqual({
      description: expect.any(String),
      headers: { 'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' } },
    });
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
    expect(opOf('GET /organizations').responses['200']).not.toHaveProperty('headers.ETag');
    const ETAG = { $ref: '#/components/headers/ETag' };
    const LOCATION = { $ref: '#/components/headers/Location' };
    // Every response states its CORS header; the others are what this test is about.
    const headersOf = (key: string, code: string) => {
      const { 'Access-Control-Allow-Origin': cors, ...rest } = (opOf(key).responses[code] as { headers?: Record<string, unknown> }).headers ?? {};
      expect(cors).toEqual({ $ref: '#/components/headers/Access-Control-Allow-Origin' });
      return rest;
    };
    for (const [key, code] of [
      ['GET /projects/{projectId}/declarations/{orgId}', '200'],
      ['POST /projects/{projectId}/declarations/{orgId}/submit', '200'],
      ['GET /projects/{projectId}/workflow', '200'],
      ['PATCH /projects/{projectId}/workflow', '200'],
      ['POST /projects/{projectId}/workflow/steps/{stepId}/decision', '200'],
      ['POST /projects/{projectId}/flags/{flagId}/actions', '200'],
      ['PUT /staff/{email}', '200'],
    ] as const) {
      expect(headersOf(key, code)).toEqual({ ETag: ETAG });
    }
    for (const key of [
      'PUT /projects/{projectId}/declarations/{orgId}',
      'POST /projects/{projectId}/flags',
      'POST /projects/{projectId}/workflow',
      'POST /organizations/{orgId}/control-events',
    ]) {
      expect(headersOf(key, '201')).toEqual({ ETag: ETAG, Location: LOCATION });
    }
    for (const key of ['POST /projects/{projectId}/documents', 'POST /projects/{projectId}/agreements']) {
      expect(headersOf(key, '201')).toEqual({ Location: LOCATION });
    }
    // A staff member created by PUT has no Location (it is the request URL); documents and versions send no ETag.
    expect(headersOf('PUT /staff/{email}', '201')).toEqual({ ETag: ETAG });
    // Agreement versions and signatures are immutable: no ETag; a signature has no URL of its own.
    expect(headersOf('POST /projects/{projectId}/agreements/{n}/signatures', '201')).toEqual({});
    for (const key of [
      'GET /projects/{projectId}/agreements/{n}',
      'GET /documents/{docId}',
      'POST /projects/{projectId}/documents/{docId}/confirm',
      'GET /projects/{projectId}/declarations/{orgId}/versions/{n}',
    ]) {
      expect(headersOf(key, '200')).toEqual({});
    }
    // An identical declaration creates no version: 200 besides 201.
    expect(Object.keys(opOf('PUT /projects/{projectId}/declarations/{orgId}').responses)).toEqual(expect.arrayContaining(['200', '201']));
  });

  it('gives every list route limit (1..200, default 50) and cursor, and other routes the parameters of their query schema', () => {
    // Every route answering `{ items, nextCursor }` pages: there is no whole-list route left.
    const paginated = [
      'GET /projects/{projectId}/declarations',
      'GET /projects/{projectId}/declarations/{orgId}/versions',
      'GET /projects/{projectId}/flags',
      'GET /staff',
      'GET /organizations/{orgId}/control-events',
      'GET /organizations/{orgId}/projects',
      'GET /control-events',
      'GET /exports',
      'GET /organizations',
      'GET /projects',
      'GET /organizations/{orgId}/audit',
      'GET /projects/{projectId}/audit',
      'GET /projects/{projectId}/documents',
      'GET /projects/{projectId}/agreements',
      'GET /flags',
      'GET /me/tasks',
      'GET /projects/{projectId}/publications',
      'GET /projects/{projectId}/control-reviews',
    ];
    for (const key of paginated) expect(isListRoute(routes.find((r) => routeKey(r) === key)!)).toBe(true);
    const lists = routes.filter((r) => {
      const ok = (opOf(routeKey(r)).responses['200'] as { content?: Record<string, { schema: { $ref?: string } }> } | undefined)?.content?.['application/json']
        ?.schema.$ref;
      const props = ok ? (doc.components.schemas as Record<string, { properties?: Record<string, unknown> }>)[ok.split('/').pop()!]?.properties : undefined;
      return !!props?.items && !!props.nextCursor;
    });
    expect(lists.map(routeKey).sort()).toEqual([...paginated].sort());
    for (const r of lists) expect(isListRoute(r)).toBe(true);
    const limitOf = () =>
      expect.objectContaining({
        name: 'limit',
        required: false,
        schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 200, default: 50 }),
      });
    const CURSOR = expect.objectContaining({ name: 'cursor', required: false, schema: expect.objectContaining({ type: 'string' }) });
    for (const r of routes) {
      const params = (opOf(routeKey(r)).parameters ?? []).filter((p) => p.in === 'query');
      if (isListRoute(r)) {
        expect(r.method).toBe('GET');
        expect(r.path.endsWith('}')).toBe(false);
        expect(params).toEqual(expect.arrayContaining([limitOf(), CURSOR]));
      }
      if (r.query) {
        expect(params.map((p) => p.name)).toEqual(Object.keys((r.query as unknown as { shape: object }).shape));
      } else if (!isListRoute(r)) {
        expect(params).toEqual([]);
      }
    }
    expect(opOf('GET /forms/{formId}').parameters!.filter((p) => p.in === 'query')).toEqual([
      expect.objectContaining({ name: 'lang', required: false, schema: expect.objectContaining({ enum: ['fr', 'en'], default: 'fr' }) }),
    ]);
    const query = (key: string) =>
      Object.fromEntries(
        opOf(key)
          .parameters!.filter((p) => p.in === 'query')
          .map((p) => [p.name, p]),
      );
    expect(query('GET /projects/{projectId}/declarations/{orgId}/diff')).toEqual({
      from: expect.objectContaining({ required: true, schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 999999 } }),
      to: expect.objectContaining({ required: true, schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 999999 } }),
    });
    expect(query('GET /staff')).toEqual({
      role: expect.objectContaining({ required: false, schema: { type: 'string', enum: ['legal', 'committee', 'lawyer'] } }),
      limit: limitOf(),
      cursor: CURSOR,
    });
    expect(Object.keys(query('GET /flags'))).toEqual(['status', 'severity', 'limit', 'cursor']);
    // Comma-separated filters: the documented pattern accepts what the handler's flagFilterSchema accepts.
    const severity = new RegExp((query('GET /projects/{projectId}/flags').severity as { schema: { pattern: string } }).schema.pattern);
    for (const ok of ['high', 'high,critical', 'info,low,medium,high,critical']) {
      expect(severity.test(ok)).toBe(true);
      expect(flagFilterSchema.safeParse({ severity: ok }).success).toBe(true);
    }
    for (const bad of ['', 'urgent', 'high,,', 'high;critical']) expect(severity.test(bad)).toBe(false);
    const openStatus = new RegExp((query('GET /flags').status as { schema: { pattern: string } }).schema.pattern);
    expect(openStatus.test('open,acknowledged')).toBe(true);
    expect(openStatus.test('waived')).toBe(false);
  });

  it('documents a JSON success body for every route except 204 ones', () => {
    const schemas = doc.components.schemas as Record<string, unknown>;
    for (const r of routes) {
      const status = r.status ?? 200;
      const success = opOf(routeKey(r)).responses[String(status)] as { content?: Record<string, { schema: { $ref?: string } }> };
      if (status === 204) {
        expect(r.response).toBeUndefined();
        expect(success.content).toBeUndefined();
        continue;
      }
      if (!r.response) throw new Error(`${routeKey(r)} answers ${status} with a JSON body but has no response schema`);
      const ref = success.content![r.contentType ?? 'application/json']!.schema.$ref!;
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas[ref.split('/').pop()!]).toBeDefined();
    }
  });

  it('names the response components and refers to list items and the declaration content instead of inlining them', () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    const successRef = (key: string, code = '200') =>
      (opOf(key).responses[code] as { content: Record<string, { schema: { $ref: string } }> }).content['application/json']!.schema.$ref;
    expect(successRef('GET /projects/{projectId}/workflow')).toBe('#/components/schemas/WorkflowView');
    expect(successRef('POST /projects/{projectId}/workflow', '201')).toBe('#/components/schemas/WorkflowState');
    expect(successRef('GET /projects/{projectId}/flags')).toBe('#/components/schemas/ProjectFlagPage');
    expect(successRef('GET /me/tasks')).toBe('#/components/schemas/TaskPage');
    expect(successRef('GET /staff')).toBe('#/components/schemas/StaffPage');
    expect(successRef('GET /documents/{docId}')).toBe('#/components/schemas/DocumentWithDownload');
    expect(schemas.FlagPage!.properties!.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/FlagPageItem' } });
    expect(schemas.ProjectFlagPage!.properties!.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Flag' } });
    expect(schemas.ProjectFlagPage!.properties!.nextCursor).toMatchObject({ type: ['string', 'null'] });
    expect(schemas.DocumentPage!.properties!.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Document' } });
    for (const name of ['DeclarationView', 'DeclarationVersion']) {
      expect(schemas[name]!.properties!.content).toEqual({ $ref: '#/components/schemas/DeclarationDraft', description: expect.any(String) });
    }
    expect(schemas.DeclarationDraft!.properties!.background).toBeDefined();
    expect(schemas.WorkflowState!.required).toEqual(expect.arrayContaining(['status', 'stage', 'steps', 'history', 'config', 'ipFileHash']));
    expect(schemas.Flag!.required).toEqual(expect.arrayContaining(['id', 'ruleId', 'severity', 'status', 'evidence', 'projectId', 'version']));
    expect(JSON.stringify(doc)).not.toContain('x-vigie-component');
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

  it('response schemas mirror the domain and store types (compile time: tsc fails when they drift apart)', () => {
    expect(mirrors.every((m) => m === true)).toBe(true);
  });

  describe('bodies built by the domain functions the handlers call validate against the documented schemas (Ajv 2020 + ajv-formats)', () => {
    const validate = componentValidator(doc);
    const now = new Date('2026-03-02T09:30:00.000Z');
    const [orgA, orgB] = ['org_' + 'a'.repeat(32), 'org_' + 'b'.repeat(32)];
    const projectId = 'prj_' + 'c'.repeat(32);
    const legal: Principal = { sub: 'legal-1', role: 'legal', email: 'claire@pole.example' };
    const partnerA: Principal = { sub: 'rep-a', role: 'partner', organizationId: orgA, email: 'rep@a.example' };
    const actor = { sub: 'rep-a', role: 'partner', org: orgA, email: 'rep@a.example' };
    const hash = (s: string) => sha256Hex(s);

    it('workflow: created, partner approvals, changes requested (WorkflowState, WorkflowView)', () => {
      let { state } = createWorkflow([orgA, orgB], { lawyerOpinion: { enabled: true, lawyerEmail: 'avocat@cabinet.example' } }, now);
      expect(validate('WorkflowState', state)).toBe(true);
      ({ state } = recordSubmission(state, orgA, hash('a1'), now));
      ({ state } = recordSubmission(state, orgB, hash('b1'), now));
      ({ state } = decide(state, { stepId: 'partner-approval', decision: 'approve', comment: '', actor: partnerA, now, gates: NO_GATES }));
      const view = (st: WorkflowState) => ({
        ...st,
        pending: pendingSteps(st).map((p) => ({ ...p, people: [{ name: 'Léa Dubois', email: 'lea@alpinia.example', language: 'fr' }] })),
        pendingDeclarations: pendingDeclarations(st),
        missingApprovals: missingApprovals(st),
      });
      const open = pendingSteps(state)[0]!;
      expect(open.stepId).toBe(`partner-approval:${orgB}`);
      expect(validate('WorkflowView', view(state))).toBe(true);
      // Staff and lawyers also get the gates (functions/workflow/get-workflow.ts).
      const gates = { blockingFlags: [{ id: 'flg_1', ruleId: 'IEF-FOREIGN-CONTROL', severity: 'high' }], iefHolds: [{ flagId: 'flg_1', orgId: orgA }] };
      expect(validate('WorkflowView', { ...view(state), gates })).toBe(true);
      expect(validate('WorkflowView', { ...view(state), gates: { ...gates, blockingFlags: [{ id: 'flg_1', ruleId: 'X', severity: 'grave' }] } })).toBe(false);
      // A task of GET /me/tasks (functions/workflow/my-tasks.ts keeps these fields of the step index).
      expect(
        validate('Task', {
          projectId,
          projectAcronym: 'ACME',
          projectTitle: 'Projet',
          stepId: open.stepId,
          kind: open.kind,
          publicationId: null,
          controlReviewId: null,
          controlReview: null,
          dueDate: open.dueDate,
          openedAt: open.openedAt,
        }),
      ).toBe(true);
      ({ state } = decide(state, {
        stepId: `partner-approval:${orgB}`,
        decision: 'request-changes',
        comment: 'Préciser',
        changesRequestedFrom: [orgA],
        actor: { sub: 'rep-b', role: 'partner', organizationId: orgB },
        now,
        gates: NO_GATES,
      }));
      expect(validate('WorkflowState', state)).toBe(true);
      expect(validate('WorkflowView', view(state))).toBe(true);
      // Sanity: the schema does refuse a broken state.
      expect(validate('WorkflowState', { ...state, stage: 'done' })).toBe(false);
    });

    it('flags: manual, waived, raised by the engine (Flag, ProjectFlagPage, FlagPage)', () => {
      const manual = createManualFlag(
        { ruleId: 'MANUAL', title: 'Vérifier', severity: 'high', explanation: 'À vérifier', subject: { organizationId: orgA } },
        { actor: legal, now },
      );
      // What the handlers send: the stored flag with its rule's legal citation (null for a manual flag).
      const stored = (f: Flag, version = 1) => flagView({ ...f, projectId, version });
      expect(validate('Flag', stored(manual))).toBe(true);
      const waived = applyAction(manual, { action: 'waive', justification: 'Risque accepté par le comité de pilotage.', actor: legal, now });
      expect(validate('Flag', stored(waived, 2))).toBe(true);
      const evidence = { organizationId: orgA, chain: [{ name: 'Holding', country: 'US', pct: 60 }] };
      const finding: Finding = {
        ruleId: 'IEF-FOREIGN-CONTROL',
        ruleVersion: 1,
        title: { fr: 'Contrôle étranger', en: 'Foreign control' },
        severity: 'critical',
        subject: { organizationId: orgA },
        fingerprint: hash('fp'),
        explanation: { fr: 'CMF R151-1', en: 'CMF R151-1' },
        evidence,
        evidenceHash: hash(JSON.stringify(evidence)),
        holds: { kind: 'ief', organizationId: orgA },
      };
      const [raised] = reconcile([], [finding], now, { scope: projectId }).created;
      expect(validate('Flag', stored(raised!))).toBe(true);
      expect(validate('ProjectFlagPage', { items: [stored(raised!), stored(waived, 2)], nextCursor: 'eyJpIjoxfQ' })).toBe(true);
      expect(validate('FlagPage', { items: [{ ...stored(raised!), projectAcronym: 'ALPHA' }], nextCursor: 'eyJpIjoxfQ' })).toBe(true);
      expect(validate('FlagPage', { items: [stored(raised!)], nextCursor: null })).toBe(false);
      expect(stored(raised!).source?.fr).toMatch(/CMF art\. L151-3/);
      expect(stored(manual).source).toBeNull();
      expect(validate('Flag', { ...stored(manual), severity: 'urgent' })).toBe(false);
      expect(validate('Flag', { ...stored(manual), source: 'CMF' })).toBe(false);
    });

    it('control events, staff members, documents', () => {
      const input = parseControlEventInput(
        { kind: 'acquisition', status: 'planned', investor: { name: 'Globex', country: 'US' }, votingRightsAfterPct: 30, effectiveDate: '2026-06-01' },
        orgA,
      );
      const event: ControlEvent = { ...input, id: 'cev_' + 'd'.repeat(32), organizationId: orgA, recordedAt: now.toISOString(), recordedBy: 'legal-1' };
      expect(validate('ControlEvent', event)).toBe(true);
      expect(
        validate('ControlEventRecorded', {
          event,
          reevaluated: [
            {
              projectId,
              acronym: 'QUANTAI',
              title: 'Quantique et IA',
              raised: [
                { id: 'flg_' + 'e'.repeat(32), ruleId: 'IEF-ACQUISITION', severity: 'critical', title: { fr: 'Prise de participation', en: 'Acquisition' } },
              ],
              reopened: [],
              updated: [],
              closed: [],
            },
          ],
        }),
      ).toBe(true);
      // The consequences name the project and each flag's title.
      expect(
        validate('ControlEventRecorded', {
          event,
          reevaluated: [{ projectId, raised: [{ id: 'flg_' + 'e'.repeat(32), ruleId: 'IEF-ACQUISITION', severity: 'critical' }], reopened: [], closed: [] }],
        }),
      ).toBe(false);
      expect(validate('PoleControlEvent', { ...event, organization: { legalName: 'Alpinia AI SAS', country: 'FR' } })).toBe(true);
      expect(validate('PoleControlEventPage', { items: [{ ...event, organization: null }], nextCursor: null })).toBe(true);
      expect(validate('PoleControlEvent', event)).toBe(false);
      const fund = 'org_' + '7'.repeat(32);
      const chain = controlChainOf(
        orgA,
        new Map([
          [
            orgA,
            {
              id: orgA,
              legalName: 'Alpinia AI SAS',
              country: 'FR',
              shareholders: [{ name: 'Redwood', country: 'US', votingRightsPct: 60, organizationId: fund }],
            },
          ],
          [fund, { id: fund, legalName: 'Redwood', country: 'US', shareholders: [{ name: 'LP', country: 'KY', votingRightsPct: 100, naturalPerson: true }] }],
        ]),
      )!;
      expect(chain.nodes).toHaveLength(2);
      expect(validate('ControlChain', chain)).toBe(true);
      expect(validate('ControlChain', { ...chain, nodes: [{ ...chain.nodes[0], depth: 0 }] })).toBe(false);
      const member: StaffMember = {
        ...staffInputSchema.parse({ name: '  Claire ', role: 'legal' }),
        email: 'claire@pole.example',
        version: 1,
        updatedAt: now.toISOString(),
      };
      expect(validate('StaffPage', { items: [member], nextCursor: null })).toBe(true);
      const docId = 'doc_' + 'f'.repeat(32);
      const pending: DocumentRecord = {
        id: docId,
        projectId,
        organizationId: orgA,
        fileName: sanitizeFileName('../Brevet: EP 1234567.pdf'),
        contentType: 'application/pdf',
        status: 'pending',
        uploadKey: documentUploadKey(projectId, docId),
        declaredSize: 1234,
        uploadedBy: { sub: 'rep-a', role: 'partner', email: null },
        createdAt: now.toISOString(),
        version: 1,
      };
      const available: DocumentRecord = {
        ...pending,
        status: 'available',
        objectKey: documentObjectKey(projectId, docId, 'a'.repeat(32)),
        size: 1234,
        sha256: hash('pdf'),
        confirmedAt: now.toISOString(),
        version: 2,
      };
      expect(
        validate('UploadStarted', {
          document: pending,
          upload: {
            method: 'POST',
            url: 'http://127.0.0.1:4569/bucket',
            fields: { key: pending.uploadKey!, 'Content-Type': 'application/pdf' },
            expiresAt: now.toISOString(),
            maxBytes: 1234,
          },
        }),
      ).toBe(true);
      expect(validate('DocumentWithDownload', { document: pending, download: null })).toBe(true);
      expect(validate('DocumentWithDownload', { document: available, download: { url: 'http://127.0.0.1/x', expiresAt: now.toISOString() } })).toBe(true);
      expect(validate('DocumentPage', { items: [available], nextCursor: null })).toBe(true);
    });

    it('declarations: head, versions, view, redline (DeclarationDraft is the content as the server parsed it)', () => {
      const v1 = parseDeclarationDraft(completeDeclaration(orgA, orgB, 'org_' + '0'.repeat(32)));
      const v2 = parseDeclarationDraft({ ...v1, confidentiality: { termYears: 7, survivesProject: true }, results: [] });
      const meta = (version: number): DeclarationVersionMeta => ({
        projectId,
        organizationId: orgA,
        version,
        contentHash: hash(`v${version}`),
        sizeBytes: 2048,
        storage: 'inline',
        savedAt: now.toISOString(),
        savedBy: actor,
      });
      const submission: DeclarationSubmission = { version: 1, contentHash: hash('v1'), at: now.toISOString(), by: actor };
      const head: DeclarationHead = {
        projectId,
        organizationId: orgA,
        currentVersion: 2,
        currentHash: hash('v2'),
        status: 'draft',
        submissions: [submission],
        updatedAt: now.toISOString(),
      };
      expect(validate('DeclarationSaved', { ...head, savedVersion: meta(2) })).toBe(true);
      expect(validate('DeclarationSaved', { ...head, unchanged: true })).toBe(true);
      expect(validate('DeclarationHead', { ...head, status: 'submitted' })).toBe(true);
      expect(validate('DeclarationView', { ...meta(2), content: v2, status: 'draft', latestVersion: 2, submissions: [submission] })).toBe(true);
      expect(validate('DeclarationVersion', { ...meta(1), content: v1, submitted: true, submittedAt: now.toISOString() })).toBe(true);
      expect(validate('DeclarationVersion', { ...meta(1), content: parseDeclarationDraft({}), submitted: false, submittedAt: null })).toBe(true);
      expect(
        validate('DeclarationVersionPage', {
          items: [
            { ...meta(1), submitted: true, submittedAt: now.toISOString() },
            { ...meta(2), submitted: false, submittedAt: null },
          ],
          nextCursor: null,
        }),
      ).toBe(true);
      expect(
        validate('DeclarationStatusPage', {
          items: [
            {
              organizationId: orgA,
              role: 'coordinator',
              status: 'draft',
              currentVersion: 2,
              updatedAt: now.toISOString(),
              lastSubmittedVersion: 1,
              lastSubmittedAt: now.toISOString(),
            },
            { organizationId: orgB, role: 'partner', status: 'none', lastSubmittedVersion: null, lastSubmittedAt: null },
          ],
          nextCursor: null,
        }),
      ).toBe(true);
      const redline = diffDeclarations(v1, v2);
      expect(redline.changed.length + redline.removed.length).toBeGreaterThan(0);
      expect(
        validate('Redline', {
          from: { version: 1, contentHash: hash('v1'), savedAt: now.toISOString() },
          to: { version: 2, contentHash: hash('v2'), savedAt: now.toISOString() },
          ...redline,
        }),
      ).toBe(true);
      expect(
        validate('DeclarationView', { ...meta(2), content: { confidentiality: { termYears: 'five' } }, status: 'draft', latestVersion: 2, submissions: [] }),
      ).toBe(false);
    });
  });
});
