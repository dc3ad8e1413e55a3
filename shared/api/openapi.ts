import { objectionInputSchema, publicationIdSchema, publicationInputSchema } from '../domain/publication';
import { controlReviewDecisionInputSchema, controlReviewIdSchema } from '../domain/control-review';
import type * as z from 'zod';
import { exportJobSchema } from './responses/exports';
import { DEFINED_EXPORT_KINDS } from '../domain/exports/columns';
import { exportRecordSchemaSchema } from './responses/exports';
import { ROLES } from '../domain/access';
import { emailSchema } from '../domain/common';
import { auditVerificationIdSchema } from '../domain/audit-verification';
import { devTokenRequestSchema } from '../domain/dev-token';
import { organizationInputSchema, organizationPatchSchema, orgIdSchema } from '../domain/organization';
import { membershipInputSchema, projectIdSchema, projectInputSchema, projectPatchSchema } from '../domain/project';
import { toJsonSchema, type JsonSchema } from '../domain/forms/json-schema';
import { formIds } from '../domain/forms/registry';
import { declarationDraftSchema } from '../domain/declaration';
import { documentIdSchema, uploadRequestSchema } from '../domain/documents';
import { staffInputSchema } from '../domain/staff';
import { flagActionBodySchema, manualFlagBodySchema } from '../domain/risk/lifecycle';
import { controlEventInputSchema } from '../domain/control-event';
import { decisionRequestSchema, workflowConfigInputSchema } from '../domain/workflow';
import { documentRecordSchema } from '../domain/documents-schema';
import { taskSchema } from '../domain/workflow-schema';
import { flagIdSchema, flagViewSchema } from '../domain/flag-schema';
import { controlEventIdSchema } from '../domain/control-event';
import { agreementRequestSchema, signatureRecordSchema, signatureRequestSchema } from '../domain/agreement-records';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IF_MATCH_MAX_LENGTH, INT32_MAX, MAX_BODY_BYTES, STEP_ID_MAX_LENGTH, VERSION_MAX } from '../domain/limits';
import { exportJobIdSchema } from '../domain/exports/request';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS, LOCAL_WEB_ORIGIN } from '../domain/cors';

/**
 * The OpenAPI 3.1 document of the HTTP API, built from the route table (shared/api/routes.ts, passed in so
 * that this module stays pure and free of functions/ imports) and the zod schemas:
 *
 * - one operation per route, path kept verbatim (`/projects/{projectId}`: API Gateway and OpenAPI share the
 *   template syntax); `operationId` is the camelCase basename of the handler (`projects/get-project` →
 *   `getProject`); `x-handler` names the file, `x-roles` the roles of the route (as in routes.ts: an array,
 *   or `'public'`), `x-lambda-group` its Lambda;
 * - local-only routes (POST /dev/token) are listed and marked `x-local-only: true`, so the document and the
 *   route table list the same operations; they answer 404 when deployed;
 * - request bodies are the zod input schemas rendered by ./forms/json-schema.ts (io `input`: as the client
 *   sends them, defaults optional; same rendering as `GET /forms/{formId}`);
 * - responses use the `response` schema of the route (io `output`), `ETag` on versioned resources,
 *   `Location` on creations that send it, and RFC 9457 `application/problem+json` errors with a shared
 *   `Problem` schema; a nested schema marked with {@link asComponent} (the declaration content) becomes one
 *   component referenced where it appears, instead of being inlined in every response;
 * - query parameters are the route's `query` schema (io `input`), or `limit`/`cursor` on paginated lists;
 * - `security`: bearer JWT on every operation except `roles: 'public'` ones (explicit `security: []`).
 */

import { COMPONENT_KEYWORD, listItems, nestedComponents, paginated, pageQuerySchema } from './responses/common';
import {
  agreementDetailSchema,
  agreementPageSchema,
  agreementViewSchema,
  auditEventPageSchema,
  auditEventSchema,
  auditVerificationSchema,
  chainVerificationSchema,
  controlEventPageSchema,
  controlEventRecordedSchema,
  controlEventSchema,
  controlChainSchema,
  declarationHeadSchema,
  declarationSavedSchema,
  declarationStatusPageSchema,
  declarationStatusSchema,
  declarationVersionPageSchema,
  declarationVersionSchema,
  declarationVersionSummarySchema,
  declarationViewSchema,
  devTokenResponseSchema,
  documentDownloadSchema,
  documentPageSchema,
  flagPageSchema,
  formDocumentSchema,
  healthSchema,
  ipFileSchema,
  lawyerAssignmentSchema,
  membershipSchema,
  openApiDocumentSchema,
  openFlagPageSchema,
  organizationPageSchema,
  poleControlEventPageSchema,
  poleControlEventSchema,
  organizationSchema,
  projectPageSchema,
  projectSchema,
  projectViewSchema,
  redlineSchema,
  signatureRecordedSchema,
  staffPageSchema,
  staffMemberSchema,
  taskPageSchema,
  publicationSchema,
  controlEventDetailSchema,
  controlEventChangedSchema,
  controlEventSimulationSchema,
  publicationSummarySchema,
  publicationPageSchema,
  controlReviewSchema,
  controlReviewPageSchema,
  uploadStartedSchema,
  workflowStateSchema,
  workflowViewSchema,
} from './responses';

/** Responses the handler sends with an `ETag` (HttpResult.version). */
const versionedSchemas = new Set<z.ZodType>([
  organizationSchema,
  projectSchema,
  projectViewSchema,
  declarationViewSchema,
  declarationSavedSchema,
  declarationHeadSchema,
  flagViewSchema,
  workflowStateSchema,
  workflowViewSchema,
  staffMemberSchema,
  publicationSchema,
  controlEventRecordedSchema,
  controlEventDetailSchema,
  controlEventChangedSchema,
  controlReviewSchema,
]);
/** Responses that, with status 201 (created) or 202 (accepted job), come with a `Location` header (HttpResult.headers.location). */
const locatedSchemas = new Set<z.ZodType>([
  organizationSchema,
  projectViewSchema,
  uploadStartedSchema,
  declarationSavedSchema,
  flagViewSchema,
  controlEventRecordedSchema,
  workflowStateSchema,
  agreementViewSchema,
  exportJobSchema,
  auditVerificationSchema,
  publicationSchema,
]);

const componentNames = new Map<z.ZodType, string>([
  [organizationInputSchema, 'OrganizationInput'],
  [organizationPatchSchema, 'OrganizationPatch'],
  [projectInputSchema, 'ProjectInput'],
  [projectPatchSchema, 'ProjectPatch'],
  [membershipInputSchema, 'MembershipInput'],
  [devTokenRequestSchema, 'DevTokenRequest'],
  [uploadRequestSchema, 'UploadRequest'],
  [declarationDraftSchema, 'DeclarationDraftInput'],
  [manualFlagBodySchema, 'ManualFlagInput'],
  [flagActionBodySchema, 'FlagActionInput'],
  [controlEventInputSchema, 'ControlEventInput'],
  [workflowConfigInputSchema, 'WorkflowConfigInput'],
  [decisionRequestSchema, 'DecisionRequest'],
  [staffInputSchema, 'StaffInput'],
  [organizationSchema, 'Organization'],
  [organizationPageSchema, 'OrganizationPage'],
  [projectSchema, 'Project'],
  [projectViewSchema, 'ProjectView'],
  [projectPageSchema, 'ProjectPage'],
  [membershipSchema, 'Membership'],
  [lawyerAssignmentSchema, 'LawyerAssignment'],
  [auditEventSchema, 'AuditEvent'],
  [auditEventPageSchema, 'AuditEventPage'],
  [chainVerificationSchema, 'ChainVerification'],
  [auditVerificationSchema, 'AuditVerification'],
  [healthSchema, 'Health'],
  [devTokenResponseSchema, 'DevToken'],
  [formDocumentSchema, 'FormDocument'],
  [openApiDocumentSchema, 'OpenApiDocument'],
  [documentRecordSchema, 'Document'],
  [documentPageSchema, 'DocumentPage'],
  [uploadStartedSchema, 'UploadStarted'],
  [documentDownloadSchema, 'DocumentWithDownload'],
  [declarationStatusSchema, 'DeclarationStatus'],
  [declarationStatusPageSchema, 'DeclarationStatusPage'],
  [declarationViewSchema, 'DeclarationView'],
  [declarationVersionSchema, 'DeclarationVersion'],
  [declarationVersionSummarySchema, 'DeclarationVersionSummary'],
  [ipFileSchema, 'IpFile'],
  [declarationVersionPageSchema, 'DeclarationVersionPage'],
  [declarationSavedSchema, 'DeclarationSaved'],
  [declarationHeadSchema, 'DeclarationHead'],
  [redlineSchema, 'Redline'],
  [flagViewSchema, 'Flag'],
  [flagPageSchema, 'ProjectFlagPage'],
  [openFlagPageSchema, 'FlagPage'],
  [controlEventSchema, 'ControlEvent'],
  [controlEventPageSchema, 'ControlEventPage'],
  [controlEventRecordedSchema, 'ControlEventRecorded'],
  [poleControlEventSchema, 'PoleControlEvent'],
  [poleControlEventPageSchema, 'PoleControlEventPage'],
  [controlChainSchema, 'ControlChain'],
  [workflowStateSchema, 'WorkflowState'],
  [workflowViewSchema, 'WorkflowView'],
  [taskSchema, 'Task'],
  [taskPageSchema, 'TaskPage'],
  [publicationInputSchema, 'PublicationNoticeInput'],
  [objectionInputSchema, 'PublicationObjectionInput'],
  [publicationSchema, 'PublicationNotice'],
  [publicationSummarySchema, 'PublicationNoticeSummary'],
  [publicationPageSchema, 'PublicationNoticePage'],
  [controlReviewSchema, 'ControlReview'],
  [controlEventSimulationSchema, 'ControlEventSimulation'],
  [controlEventDetailSchema, 'ControlEventDetail'],
  [controlReviewPageSchema, 'ControlReviewPage'],
  [controlReviewDecisionInputSchema, 'ControlReviewDecisionInput'],
  [staffMemberSchema, 'StaffMember'],
  [staffPageSchema, 'StaffPage'],
  [agreementRequestSchema, 'AgreementRequest'],
  [signatureRequestSchema, 'SignatureRequest'],
  [agreementViewSchema, 'AgreementVersion'],
  [agreementPageSchema, 'AgreementPage'],
  [agreementDetailSchema, 'AgreementDetail'],
  [signatureRecordSchema, 'AgreementSignature'],
  [signatureRecordedSchema, 'SignatureRecorded'],
  [exportRecordSchemaSchema, 'ExportRecordSchema'],
]);

// ---------------------------------------------------------------------------------------------------
// The document.

/** What the builder reads from a route (shared/api/routes.ts `RouteDef` is one). */
export interface OpenApiRoute {
  method: string;
  path: string;
  handler: string;
  group?: string;
  roles: readonly string[] | 'public';
  summary: string;
  tags: readonly string[];
  localOnly?: boolean;
  idempotent?: boolean;
  requiresIfMatch?: boolean;
  body?: z.ZodType;
  status?: number;
  response?: z.ZodType;
  contentType?: string;
  query?: z.ZodType;
}

export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;

export type OpenApiOperation = {
  operationId: string;
  summary: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: Record<string, unknown>[];
  requestBody?: Record<string, unknown>;
  responses: Record<string, unknown>;
} & Record<string, unknown>;

export interface BuildOptions {
  /** Include local-only routes (marked `x-local-only`). Default true. */
  includeLocalOnly?: boolean;
  version?: string;
  /** The origins CORS allows (config.webOrigin where served); stated in `x-cors` and on `Access-Control-Allow-Origin`. */
  corsOrigins?: readonly string[];
}

const PROBLEM_TYPE = 'application/problem+json';
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: malformed JSON, or a field, path or query parameter failing validation (`errors` lists each field)',
  401: 'Missing, expired or invalid bearer token',
  403: "The caller's role may not use this route",
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state (or the same Idempotency-Key is still being processed)',
  412: 'The version is stale: If-Match does not match the current version, or the item changed between the read and the write of this request. Reload and retry (`currentEtag` is the current ETag)',
  413: `Body larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`,
  415: 'Body not sent as application/json',
  422: 'Idempotency-Key already used with a different body',
  428: 'If-Match is required',
  429: 'Too many requests: the caller is throttled (local server: a token bucket per token subject; AWS: the API Gateway stage). Wait `Retry-After` seconds when it is sent (API Gateway sends none: back off on your own)',
  500: 'Unexpected server error (a bug); the `requestId` identifies it in the logs',
  503: 'A dependency (DynamoDB, S3, SES) was throttled or unavailable after the retries; nothing was half-written. Retry after `Retry-After` seconds',
};
const ERROR_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Unprocessable',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};
/** Error responses that tell when to come back. */
const RETRY_AFTER_ERRORS = new Set([429, 503]);
/** Routes that touch no AWS service (the document and the form schemas are built in memory): no 503. */
const IN_MEMORY_GROUPS = new Set(['openapi', 'forms']);
const CORS_HEADER = 'Access-Control-Allow-Origin';

const TAG_DESCRIPTIONS: Record<string, string> = {
  meta: 'Liveness and API description',
  dev: 'Local development only',
  forms: 'Form schemas and uiSchemas for the web UI',
  organizations: 'Organizations and their control chain',
  projects: 'Projects, partners and lawyers',
  audit: 'Hash-chained audit log',
  declarations: "Partners' IP declarations: immutable versions, submissions and redlines",
  documents: 'Supporting documents: presigned upload, confirmation (SHA-256, size, type) and download',
  risk: 'Risk flags raised by the rule engine or by hand, and the control events that feed it',
  workflow: 'The approval workflow of a project and the steps awaiting the caller',
  agreements: 'The consortium agreement: generated versions (PDF and content model, write-once), download links and signatures',
  staff: "The pôle's staff directory (legal, committee, lawyers)",
  exports:
    'Compliance exports (legal staff): registers, flags, approvals, control events and the audit log as CSV, XLSX or JSON Lines, a per-project PDF summary; asynchronous jobs with a download link, and the JSON Schema of each kind',
};

const PATH_PARAMS: Record<string, () => JsonSchema> = {
  orgId: () => output(orgIdSchema),
  projectId: () => output(projectIdSchema),
  email: () => ({ ...output(emailSchema), description: 'URL-encoded email address' }),
  formId: () => ({ type: 'string', enum: formIds() }),
  docId: () => output(documentIdSchema),
  verificationId: () => output(auditVerificationIdSchema),
  flagId: () => output(flagIdSchema),
  eventId: () => output(controlEventIdSchema),
  publicationId: () => output(publicationIdSchema),
  reviewId: () => output(controlReviewIdSchema),
  organizationId: () => output(orgIdSchema),
  stepId: () => ({
    type: 'string',
    maxLength: STEP_ID_MAX_LENGTH,
    description: 'URL-encoded step id: `partner-approval:<orgId>`, `legal-review`, `lawyer-opinion` or `committee`',
  }),
  n: () => ({ type: 'integer', format: 'int32', minimum: 1, maximum: VERSION_MAX, description: 'Version number' }),
  id: () => output(exportJobIdSchema),
  kind: () => ({ type: 'string', enum: [...DEFINED_EXPORT_KINDS], description: 'Export kind whose columns are defined' }),
};

const camel = (s: string) => s.replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `projects/get-project` → `getProject`. */
export const operationIdOf = (handler: string) => camel(handler.split('/').pop()!);

const pathParamsOf = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

function stripDialect(s: JsonSchema): JsonSchema {
  const { $schema: _d, ...rest } = s;
  if ('$defs' in rest) throw new Error('Schemas with $defs are not supported in the OpenAPI document; inline them');
  return rest;
}

/** Responses are documented open: `additionalProperties: false` of zod output is dropped (new fields may appear). */
function openObjects(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(openObjects);
  if (!s || typeof s !== 'object') return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'additionalProperties' && v === false) continue;
    out[k] = openObjects(v);
  }
  return out;
}

const input = (s: z.ZodType) => stripDialect(toJsonSchema(s, { io: 'input' }));
const output = (s: z.ZodType) => openObjects(stripDialect(toJsonSchema(s, { io: 'output' }))) as JsonSchema;

/** A paginated GET: its `response` is a `pageOf(...)` schema or, without one, its handler is `list-*` on a collection path. */
export const isListRoute = (r: OpenApiRoute) =>
  r.method === 'GET' && (r.response ? paginated.has(r.response) : /(^|\/)list-/.test(r.handler) && !r.path.endsWith('}'));

/** The OpenAPI 3.1 document of `routes`. Pure: same routes, same document. */
export function buildOpenApiDocument(routes: readonly OpenApiRoute[], opts: BuildOptions = {}): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {
    FieldError: {
      type: 'object',
      required: ['path', 'message'],
      properties: {
        path: {
          type: 'string',
          description: 'Slash-joined field path without a leading slash (`shareholders/0/votingRightsPct`); empty for the whole body',
          examples: ['siren'],
        },
        pointer: { type: 'string', description: 'RFC 6901 JSON Pointer to the field (`/shareholders/0/votingRightsPct`)', examples: ['/siren'] },
        message: { type: 'string' },
      },
    },
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details',
      required: ['type', 'title', 'status'],
      properties: {
        type: { type: 'string', format: 'uri', examples: ['https://vigie.dev/problems/validation'] },
        title: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: { type: 'string' },
        instance: { type: 'string' },
        requestId: { type: 'string' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
        currentEtag: {
          type: 'string',
          description: 'On 412 (and on a 409 for an item that already exists): the ETag of the current version, to send as If-Match after reloading',
          examples: ['"7"'],
        },
        lang: { type: 'string', enum: ['fr', 'en'], description: 'Language of title, detail and messages (Accept-Language; French by default)' },
      },
    },
  };
  const refs = new Map<z.ZodType, string>();
  const hoisted = new Set<string>();
  /** Replaces the nodes marked by {@link asComponent} with a `$ref` to their component, registered once. */
  const hoist = (s: JsonSchema): JsonSchema => {
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (!v || typeof v !== 'object') return v;
      const node = v as Record<string, unknown>;
      const name = node[COMPONENT_KEYWORD];
      if (typeof name !== 'string') return Object.fromEntries(Object.entries(node).map(([k, x]) => [k, walk(x)]));
      if (!hoisted.has(name)) {
        if (schemas[name]) throw new Error(`Component name ${name} is already taken`);
        hoisted.add(name);
        schemas[name] = hoist(output(nestedComponents.get(name)!));
      }
      return { $ref: `#/components/schemas/${name}`, ...(typeof node.description === 'string' ? { description: node.description } : {}) };
    };
    return walk(s) as JsonSchema;
  };
  /** A `$ref` to the component of `schema` (named, or named after the operation), registering it once. */
  const ref = (schema: z.ZodType, io: 'input' | 'output', fallbackName: string): JsonSchema => {
    let name = refs.get(schema);
    if (!name) {
      name = componentNames.get(schema) ?? fallbackName;
      while (schemas[name]) name = `${name}_`;
      const item = io === 'output' ? listItems.get(schema) : undefined;
      schemas[name] = item
        ? // A list refers to its item's component instead of inlining it.
          { ...output(schema), properties: { ...(output(schema).properties as object), items: { type: 'array', items: ref(item, 'output', `${name}Item`) } } }
        : io === 'input'
          ? input(schema)
          : hoist(output(schema));
      refs.set(schema, name);
    }
    return { $ref: `#/components/schemas/${name}` };
  };

  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  const operationIds = new Set<string>();
  const usedErrors = new Set<number>();
  for (const r of routes) {
    if (r.localOnly && opts.includeLocalOnly === false) continue;
    if (r.path.includes('+}')) throw new Error(`Greedy path parameters are not supported: ${r.path}`);
    let operationId = operationIdOf(r.handler);
    if (operationIds.has(operationId)) operationId = camel(r.handler.replace(/\//g, '-'));
    operationIds.add(operationId);
    const isPublic = r.roles === 'public';
    const pathParams = pathParamsOf(r.path);
    const list = isListRoute(r);

    const parameters: Record<string, unknown>[] = pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: PATH_PARAMS[name]?.() ?? { type: 'string' },
    }));
    const query = r.query ?? (list ? pageQuerySchema : undefined);
    if (query) {
      const q = input(query);
      const required = (q.required as string[] | undefined) ?? [];
      for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, JsonSchema>)) {
        const { description, ...rest } = schema;
        parameters.push({ name, in: 'query', required: required.includes(name), ...(description ? { description } : {}), schema: rest });
      }
    }
    if (r.requiresIfMatch) parameters.push({ $ref: '#/components/parameters/IfMatch' });
    if (r.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

    const errors = new Set<number>();
    if (r.body || pathParams.length || query || r.requiresIfMatch || r.idempotent) errors.add(400);
    if (!isPublic) {
      errors.add(401);
      if (r.roles.length < ROLES.length) errors.add(403);
    }
    if (pathParams.length || r.localOnly) errors.add(404);
    if (r.idempotent || (!isPublic && r.method !== 'GET')) errors.add(409);
    if (r.requiresIfMatch) [412, 428].forEach((c) => errors.add(c));
    // Every write is under optimistic locking (shared/store/locking.ts): a concurrent change is a stale version.
    if (!isPublic && r.method !== 'GET') errors.add(412);
    if (r.body) [413, 415].forEach((c) => errors.add(c));
    if (r.idempotent) errors.add(422);
    // Any operation may be throttled or fail unexpectedly.
    [429, 500].forEach((c) => errors.add(c));
    if (!IN_MEMORY_GROUPS.has(r.group ?? '')) errors.add(503);

    const status = r.status ?? 200;
    const responses: Record<string, unknown> = {};
    const success = (code: number, description: string) => {
      const headers: Record<string, unknown> = { [CORS_HEADER]: { $ref: `#/components/headers/${CORS_HEADER}` } };
      if (code === 204) return { description, headers };
      if (r.response && versionedSchemas.has(r.response)) headers.ETag = { $ref: '#/components/headers/ETag' };
      if ((code === 201 || code === 202) && r.response && locatedSchemas.has(r.response)) headers.Location = { $ref: '#/components/headers/Location' };
      return {
        description,
        headers,
        content: { [r.contentType ?? 'application/json']: { schema: r.response ? ref(r.response, 'output', `${pascal(operationId)}Response`) : {} } },
      };
    };
    responses[String(status)] = success(status, status === 201 ? 'Created' : status === 204 ? 'Done; no content' : 'OK');
    // PUT answers 201 when it creates and 200 when it changes or confirms (a declaration identical to the
    // current version creates nothing: 200), whichever of the two the route names.
    if (r.method === 'PUT' && status === 200) responses['201'] = success(201, 'Created');
    if (r.method === 'PUT' && status === 201) responses['200'] = success(200, 'OK: nothing new was created');
    for (const code of [...errors].sort((a, b) => a - b)) {
      responses[String(code)] = { $ref: `#/components/responses/${ERROR_NAMES[code]}` };
      usedErrors.add(code);
    }

    const description = [
      isPublic ? 'No token needed.' : `Roles: ${(r.roles as readonly string[]).join(', ')}.`,
      r.localOnly ? 'Served by the local server only (`npm start`); not deployed, 404 elsewhere.' : '',
      r.requiresIfMatch ? 'Send `If-Match` with the ETag you read; 412 when it is stale, 428 when missing.' : '',
      r.idempotent ? 'An `Idempotency-Key` makes a retry return the first response instead of creating twice (24 h).' : '',
      list ? 'Paginated: pass `nextCursor` back as `cursor`.' : '',
    ]
      .filter(Boolean)
      .join(' ');

    const op: OpenApiOperation = {
      operationId,
      summary: r.summary,
      description,
      tags: [...r.tags],
      security: isPublic ? [] : [{ bearerAuth: [] }],
      'x-roles': isPublic ? 'public' : [...r.roles],
      'x-handler': `functions/${r.handler}.ts`,
      ...(r.group ? { 'x-lambda-group': r.group } : {}),
      ...(r.localOnly ? { 'x-local-only': true } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: ref(r.body, 'input', `${pascal(operationId)}Body`) },
                ...(r.method === 'PATCH' ? { 'application/merge-patch+json': { schema: ref(r.body, 'input', `${pascal(operationId)}Body`) } } : {}),
              },
            },
          }
        : {}),
      responses,
    };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }

  const tags = [...new Set(routes.filter((r) => !(r.localOnly && opts.includeLocalOnly === false)).flatMap((r) => r.tags))].map((name) => ({
    name,
    ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}),
  }));

  const corsOrigins = opts.corsOrigins ?? [LOCAL_WEB_ORIGIN];
  return withIntegerFormats({
    openapi: '3.1.0',
    info: {
      title: 'Vigie API',
      version: opts.version ?? '0.1.0',
      summary: 'IP-protection workflow for the collaborative innovation projects of French competitiveness clusters',
      description:
        'Bodies are JSON. Errors are RFC 9457 `application/problem+json`. Mutable resources return an `ETag` and take `If-Match`. ' +
        'Request schemas are the server-side zod schemas rendered as JSON Schema 2020-12 (`GET /forms/{formId}` serves the same with a uiSchema); ' +
        'rules JSON Schema cannot express (SIREN check digit, at most 4 decimals, voting rights ≤ 100 %, date order) are checked by the server only. ' +
        'Every operation may answer 429 when the caller is throttled, and 500 on an unexpected error.',
      contact: { name: 'Vigie maintainers', url: 'https://vigie.dev' },
    },
    servers: [
      {
        url: '/',
        description: 'This deployment, on the origin that serves this document (production in AWS, local with `npm start`)',
        'x-internal': false,
      },
    ],
    'x-cors': {
      description: 'Cross-origin calls are allowed from the web UI only (WEB_ORIGIN), by the handlers and the local server alike',
      allowedOrigins: [...corsOrigins],
      allowedHeaders: [...CORS_ALLOW_HEADERS],
      allowedMethods: [...CORS_ALLOW_METHODS],
      exposedHeaders: [...CORS_EXPOSE_HEADERS],
      maxAge: CORS_MAX_AGE_SECONDS,
    },
    tags,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Cognito access token in AWS; `POST /dev/token` locally. Verified as RFC8725 (JWT Best Current Practices) asks: ' +
            'the algorithm is fixed by the verifier (RS256 by the API Gateway JWT authorizer, HS256 by the local server), never read from the token; ' +
            'issuer, audience and expiry are checked.',
        },
      },
      schemas,
      parameters: {
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: true,
          description: 'The ETag of the version you read, e.g. `"3"`',
          schema: { type: 'string', maxLength: IF_MATCH_MAX_LENGTH, pattern: '^(W/)?"?[0-9]{1,9}"?$' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Client-chosen key; a retry with the same key and body returns the first response, with another body 422',
          schema: { type: 'string', maxLength: IDEMPOTENCY_KEY_MAX_LENGTH, pattern: '^[A-Za-z0-9_\\-:.]{8,128}$' },
        },
      },
      headers: {
        ETag: { description: 'Strong ETag of the resource version, e.g. `"3"`; send it back in If-Match', schema: { type: 'string' } },
        Location: { description: 'URL path of the created resource', schema: { type: 'string' } },
        [CORS_HEADER]: {
          description: 'The web UI origin, when the request comes from it (CORS; see `x-cors`)',
          schema: { type: 'string', enum: [...corsOrigins] },
        },
        'Retry-After': {
          description: 'Seconds to wait before retrying',
          schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 3600 },
        },
      },
      responses: Object.fromEntries(
        [...usedErrors]
          .sort((a, b) => a - b)
          .map((code) => [
            ERROR_NAMES[code],
            {
              description: ERROR_DESCRIPTIONS[code],
              headers: {
                [CORS_HEADER]: { $ref: `#/components/headers/${CORS_HEADER}` },
                ...(RETRY_AFTER_ERRORS.has(code) ? { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } : {}),
              },
              content: { [PROBLEM_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
            },
          ]),
      ),
    },
  });
}

/**
 * Every integer states its size: `int32` when its bounds fit 32 bits, `int64` otherwise (zod's `.int()` is
 * bounded by ±2^53-1). The bounds themselves come from the zod schemas.
 */
function withIntegerFormats<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withIntegerFormats) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = withIntegerFormats(v);
  const isInteger = out.type === 'integer' || (Array.isArray(out.type) && out.type.includes('integer'));
  if (isInteger && out.format === undefined) {
    const lo = typeof out.minimum === 'number' ? out.minimum : -Infinity;
    const hi = typeof out.maximum === 'number' ? out.maximum : Infinity;
    out.format = lo >= -INT32_MAX - 1 && hi <= INT32_MAX ? 'int32' : 'int64';
  }
  return out as T;
}
