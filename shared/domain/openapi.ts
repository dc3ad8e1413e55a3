import * as z from 'zod';
import { ROLES, roleSchema } from './access';
import { emailSchema, languageSchema } from './common';
import { devTokenRequestSchema } from './dev-token';
import { organizationInputSchema, organizationPatchSchema, orgIdSchema } from './organization';
import { membershipInputSchema, partnerRoleSchema, projectIdSchema, projectInputSchema, projectPatchSchema } from './project';
import { JSON_SCHEMA_DIALECT, toJsonSchema, type JsonSchema } from './forms/json-schema';
import { formIds } from './forms/registry';
import { declarationDraftSchema } from './declaration';
import { documentIdSchema, uploadRequestSchema } from './documents';
import { STAFF_ROLES, staffInputSchema } from './staff';
import { FLAG_STATUSES, flagActionBodySchema, manualFlagBodySchema } from './risk/lifecycle';
import { controlEventInputSchema } from './control-event';
import { decisionRequestSchema, workflowConfigInputSchema } from './workflow';
import { SEVERITIES } from './risk/types';
import { instantSchema, sha256Schema, versionSchema } from './response-schema';
import { documentRecordSchema } from './documents-schema';
import { declarationHeadSchema, declarationSubmissionSchema, declarationVersionMetaSchema } from './declaration-record-schema';
import { pendingStepSchema, taskSchema, workflowStateSchema } from './workflow-schema';
import { flagIdSchema, storedFlagSchema } from './flag-schema';
import { controlEventSchema } from './control-event-schema';
import { staffMemberSchema } from './staff-schema';

/**
 * The OpenAPI 3.1 document of the HTTP API, built from the route table (functions/routes.ts, passed in so
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

// ---------------------------------------------------------------------------------------------------
// Response schemas (what the handlers return; documentation only, the server does not validate them).

const datetime = instantSchema;
const version = versionSchema;

export const organizationSchema = z.object({
  ...organizationInputSchema.shape,
  id: orgIdSchema,
  version,
  createdAt: datetime,
  updatedAt: datetime,
});

export const PROJECT_STATUSES = ['draft', 'declarations', 'review', 'approved', 'signed', 'rejected'] as const;
const { partners: _partners, ...projectFieldShape } = projectInputSchema.shape;
export const projectSchema = z.object({
  ...projectFieldShape,
  id: projectIdSchema,
  status: z.enum(PROJECT_STATUSES),
  coordinatorOrgId: orgIdSchema.nullable(),
  version,
  createdAt: datetime,
  updatedAt: datetime,
});

export const projectViewSchema = projectSchema.extend({
  partners: z.array(z.object({ organizationId: orgIdSchema, role: partnerRoleSchema, addedAt: datetime })),
  lawyers: z.array(z.object({ email: emailSchema, assignedAt: datetime })).optional().describe('Only returned to legal and committee'),
});

export const membershipSchema = z.object({ projectId: projectIdSchema, organizationId: orgIdSchema, role: partnerRoleSchema, version, addedAt: datetime });
export const lawyerAssignmentSchema = z.object({ projectId: projectIdSchema, email: emailSchema });

const sha256 = sha256Schema;
export const auditEventSchema = z.object({
  chain: z.string(),
  seq: z.number().int().min(1),
  at: datetime,
  actor: z.object({ sub: z.string(), role: z.string(), org: z.string().nullable().optional(), email: z.string().nullable().optional() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  prevHash: sha256,
  hash: sha256,
});
export const chainVerificationSchema = z.union([
  z.object({ chain: z.string(), valid: z.literal(true), length: z.number().int().min(0), headHash: sha256 }),
  z.object({
    chain: z.string(),
    valid: z.literal(false),
    length: z.number().int().min(0),
    brokenSeq: z.number().int().min(1),
    reason: z.enum(['hash-mismatch', 'prev-hash-mismatch', 'gap']),
  }),
]);

export const healthSchema = z.object({ status: z.literal('ok'), service: z.string(), time: datetime });
export const devTokenResponseSchema = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().min(1),
  user: z.object({ sub: z.string(), role: roleSchema, organizationId: orgIdSchema.optional(), email: z.string(), name: z.string() }),
});
export const formDocumentSchema = z.object({
  formId: z.string(),
  lang: languageSchema,
  schemaDialect: z.literal(JSON_SCHEMA_DIALECT),
  mode: z.enum(['complete', 'draft']).describe('`draft`: `schema` is what a save accepts and `submitSchema` what a submission requires'),
  schema: z.record(z.string(), z.unknown()).describe('JSON Schema 2020-12 of the form (the body the server accepts)'),
  submitSchema: z.record(z.string(), z.unknown()).optional().describe('For draft forms: the complete schema a submission must satisfy'),
  uiSchema: z.record(z.string(), z.unknown()).describe('Layout, labels, help texts and widgets, in `lang`'),
});
export const openApiDocumentSchema = z.looseObject({ openapi: z.string() });

/** Item schema of every list body, paginated or not: its component is referenced instead of inlined. */
const listItems = new WeakMap<z.ZodType, z.ZodType>();
const paginated = new WeakSet<z.ZodType>();
/** `{ items, nextCursor }` of the paginated list routes (`?limit=&cursor=`). */
export function pageOf<T extends z.ZodType>(item: T) {
  const page = z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page') });
  listItems.set(page, item);
  paginated.add(page);
  return page;
}
/** `{ items, nextCursor: null }` of the list routes that answer with the whole list at once (no `limit`/`cursor`). */
export function listOf<T extends z.ZodType>(item: T) {
  const list = z.object({ items: z.array(item), nextCursor: z.null().describe('Always null: the whole list comes in one response') });
  listItems.set(list, item);
  return list;
}
export const organizationPageSchema = pageOf(organizationSchema);
export const projectPageSchema = pageOf(projectSchema);
export const auditEventPageSchema = pageOf(auditEventSchema);

/** JSON Schema keyword naming a nested component (see {@link asComponent}); never left in the document. */
const COMPONENT_KEYWORD = 'x-vigie-component';
const nestedComponents = new Map<string, z.ZodType>();
/**
 * `schema`, documented once as component `name` (rendered as output) and referenced, with `description`,
 * wherever it appears inside a response schema: for large schemas that several responses embed.
 */
function asComponent<T extends z.ZodType>(name: string, schema: T, description: string): T {
  nestedComponents.set(name, schema);
  return schema.meta({ [COMPONENT_KEYWORD]: name, description }) as T;
}

/** Entity schemas defined next to the domain (`*-schema.ts`), under the names the route table uses. */
export { documentRecordSchema as documentSchema, declarationHeadSchema, storedFlagSchema as flagSchema, controlEventSchema, workflowStateSchema, staffMemberSchema };

// Documents --------------------------------------------------------------------------------------------

export const documentPageSchema = pageOf(documentRecordSchema);
export const uploadStartedSchema = z.object({
  document: documentRecordSchema.describe('The pending document'),
  upload: z
    .object({
      method: z.literal('POST'),
      url: z.string().describe('Where to POST the file (multipart/form-data)'),
      fields: z.record(z.string(), z.string()).describe('Form fields to send as given, before the `file` field'),
      expiresAt: datetime,
      maxBytes: z.number().int().min(1).describe('The upload policy refuses larger files'),
    })
    .describe('A presigned POST; then confirm with `POST /projects/{projectId}/documents/{docId}/confirm`'),
});
export const documentDownloadSchema = z.object({
  document: documentRecordSchema,
  download: z
    .object({ url: z.string().describe('Short-lived presigned GET of the file'), expiresAt: datetime })
    .nullable()
    .describe('Null unless the document is available'),
});

// Declarations -----------------------------------------------------------------------------------------

const declarationContentSchema = asComponent(
  'DeclarationDraft',
  declarationDraftSchema,
  'The declaration as saved: the body of the PUT that created the version, as the server parsed it (a draft: parts may be missing)',
);
export const declarationStatusSchema = z.object({
  organizationId: orgIdSchema,
  role: partnerRoleSchema,
  status: z.enum(['none', 'draft', 'submitted']).describe("Other partners' drafts are not shown: they read `none` until a first submission"),
  currentVersion: z.number().int().min(1).optional().describe('Only to those who see the drafts'),
  updatedAt: datetime.optional().describe('Only to those who see the drafts'),
  lastSubmittedVersion: z.number().int().min(1).nullable(),
  lastSubmittedAt: datetime.nullable(),
});
export const declarationStatusListSchema = listOf(declarationStatusSchema);
export const declarationViewSchema = declarationVersionMetaSchema.extend({
  content: declarationContentSchema,
  status: z.enum(['draft', 'submitted']).describe('Whether this version was submitted'),
  latestVersion: z.number().int().min(1).describe('The version returned: the latest saved one for those who see drafts, else the latest submitted one'),
  submissions: z.array(declarationSubmissionSchema).describe('Submissions up to that version, oldest first'),
});
const versionSubmission = {
  submitted: z.boolean(),
  submittedAt: datetime.nullable(),
};
export const declarationVersionSchema = declarationVersionMetaSchema.extend({ content: declarationContentSchema, ...versionSubmission });
export const declarationVersionSummarySchema = declarationVersionMetaSchema.extend(versionSubmission);
export const ipFileSchema = z.object({
  projectId: projectIdSchema,
  complete: z.boolean().describe('Every partner has submitted a declaration'),
  ipFileHash: sha256.nullable().describe('SHA-256 over the partners\' submitted versions (null while incomplete): the hash approvals bind to'),
  workflowIpFileHash: sha256.nullable().describe("The workflow's current IP-file hash (null before the workflow or while incomplete)"),
  declarations: z.array(
    z.union([
      z.object({ organizationId: orgIdSchema, role: partnerRoleSchema, submitted: z.literal(false) }),
      z.object({
        organizationId: orgIdSchema,
        role: partnerRoleSchema,
        submitted: z.literal(true),
        version: z.number().int().min(1),
        contentHash: sha256,
        submittedAt: datetime,
        content: declarationContentSchema.nullable(),
      }),
    ]),
  ),
});
export const declarationVersionListSchema = listOf(declarationVersionSummarySchema);
export const declarationSavedSchema = z.union([
  declarationHeadSchema.extend({ savedVersion: declarationVersionMetaSchema.describe('The version just created') }),
  declarationHeadSchema
    .extend({ unchanged: z.literal(true) })
    .describe('The content equals the current version: nothing was created (answered with status 200)'),
]);
const redlineEnd = z.object({ version: z.number().int().min(1), contentHash: sha256, savedAt: datetime });
const redlinePath = z.string().describe('`/`-separated path; keyed list items as `name[field=value]`, e.g. `/results[key=r-1]/ownership[organizationId=org_…]/pct`');
export const redlineSchema = z.object({
  from: redlineEnd,
  to: redlineEnd,
  added: z.array(z.object({ path: redlinePath, value: z.unknown() })).describe('Present in `to` only'),
  removed: z.array(z.object({ path: redlinePath, value: z.unknown() })).describe('Present in `from` only'),
  changed: z.array(z.object({ path: redlinePath, from: z.unknown(), to: z.unknown() })).describe('Present in both, with different values'),
});

// Risk -------------------------------------------------------------------------------------------------

export const flagListSchema = listOf(storedFlagSchema);
export const openFlagPageSchema = pageOf(storedFlagSchema);
export const controlEventListSchema = listOf(controlEventSchema);
const flagRef = z.object({ id: flagIdSchema, ruleId: z.string(), severity: z.enum(SEVERITIES) });
export const controlEventRecordedSchema = z.object({
  event: controlEventSchema,
  reevaluated: z
    .array(
      z.object({
        projectId: projectIdSchema,
        raised: z.array(flagRef),
        reopened: z.array(flagRef),
        closed: z.array(flagRef.omit({ severity: true })),
      }),
    )
    .describe('Every project of the organization, re-evaluated: the flags raised, reopened and closed'),
});

// Workflow and staff -----------------------------------------------------------------------------------

const pendingWithPeopleSchema = pendingStepSchema.extend({
  people: z
    .array(z.object({ name: z.string(), email: z.string(), language: z.enum(['fr', 'en']) }))
    .describe("Who the step waits for: the partner's legal representatives, the named lawyer, or the members of the staff role"),
});

export const workflowViewSchema = workflowStateSchema.extend({
  pending: z.array(pendingWithPeopleSchema).describe('The open steps, soonest due first (empty unless the workflow is active), with whom they wait for'),
  pendingDeclarations: z.array(orgIdSchema).describe('Partners whose declaration is awaited'),
  missingApprovals: z.array(z.string()).describe('Required steps without an approval on the current IP file'),
});
export const taskListSchema = listOf(taskSchema);
export const staffListSchema = listOf(staffMemberSchema);

// Query strings ----------------------------------------------------------------------------------------

/** `?limit=&cursor=` of paginated lists (functions/http/params.ts). */
const pageQueryShape = {
  limit: z.number().int().min(1).max(100).default(25).describe('Page size'),
  cursor: z.string().max(4096).optional().describe('The `nextCursor` of the previous page'),
};
const pageQuerySchema = z.object(pageQueryShape);
/** A comma-separated list of `values` (as shared/domain/risk/lifecycle.ts `flagFilterSchema` reads it). */
const csvQuery = (values: readonly string[], what: string) => {
  const one = `(?:${values.join('|')})`;
  return z
    .string()
    .regex(new RegExp(`^${one}(?:,${one})*$`))
    .optional()
    .describe(`${what}: one or more of ${values.join(', ')}, comma-separated`);
};
export const flagQuerySchema = z.object({
  status: csvQuery(FLAG_STATUSES, 'Only flags with these statuses'),
  severity: csvQuery(SEVERITIES, 'Only flags of these severities'),
});
export const openFlagQuerySchema = z.object({
  status: csvQuery(['open', 'acknowledged'], 'Only flags with these statuses (mitigated, waived and closed flags are listed per project)'),
  severity: csvQuery(SEVERITIES, 'Only flags of these severities'),
  ...pageQueryShape,
});
export const diffQuerySchema = z.object({
  from: z.number().int().min(1).max(999999).describe('Version number of the left side'),
  to: z.number().int().min(1).max(999999).describe('Version number of the right side'),
});
export const staffQuerySchema = z.object({
  role: z.enum(STAFF_ROLES).optional().describe('Only the members of this role (any other value lists everyone)'),
});

/** Responses the handler sends with an `ETag` (HttpResult.version). */
const versionedSchemas = new Set<z.ZodType>([
  organizationSchema,
  projectSchema,
  projectViewSchema,
  declarationViewSchema,
  declarationSavedSchema,
  declarationHeadSchema,
  storedFlagSchema,
  workflowStateSchema,
  workflowViewSchema,
  staffMemberSchema,
]);
/** Responses that, with status 201, come with a `Location` header (HttpResult.headers.location). */
const locatedSchemas = new Set<z.ZodType>([
  organizationSchema,
  projectViewSchema,
  uploadStartedSchema,
  declarationSavedSchema,
  storedFlagSchema,
  controlEventRecordedSchema,
  workflowStateSchema,
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
  [healthSchema, 'Health'],
  [devTokenResponseSchema, 'DevToken'],
  [formDocumentSchema, 'FormDocument'],
  [openApiDocumentSchema, 'OpenApiDocument'],
  [documentRecordSchema, 'Document'],
  [documentPageSchema, 'DocumentPage'],
  [uploadStartedSchema, 'UploadStarted'],
  [documentDownloadSchema, 'DocumentWithDownload'],
  [declarationStatusSchema, 'DeclarationStatus'],
  [declarationStatusListSchema, 'DeclarationStatusList'],
  [declarationViewSchema, 'DeclarationView'],
  [declarationVersionSchema, 'DeclarationVersion'],
  [declarationVersionSummarySchema, 'DeclarationVersionSummary'],
  [ipFileSchema, 'IpFile'],
  [declarationVersionListSchema, 'DeclarationVersionList'],
  [declarationSavedSchema, 'DeclarationSaved'],
  [declarationHeadSchema, 'DeclarationHead'],
  [redlineSchema, 'Redline'],
  [storedFlagSchema, 'Flag'],
  [flagListSchema, 'FlagList'],
  [openFlagPageSchema, 'FlagPage'],
  [controlEventSchema, 'ControlEvent'],
  [controlEventListSchema, 'ControlEventList'],
  [controlEventRecordedSchema, 'ControlEventRecorded'],
  [workflowStateSchema, 'WorkflowState'],
  [workflowViewSchema, 'WorkflowView'],
  [taskSchema, 'Task'],
  [taskListSchema, 'TaskList'],
  [staffMemberSchema, 'StaffMember'],
  [staffListSchema, 'StaffList'],
]);

// ---------------------------------------------------------------------------------------------------
// The document.

/** What the builder reads from a route (functions/routes.ts `RouteDef` is one). */
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
}

const PROBLEM_TYPE = 'application/problem+json';
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: malformed JSON, or a field, path or query parameter failing validation (`errors` lists each field)',
  401: 'Missing, expired or invalid bearer token',
  403: "The caller's role may not use this route",
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state (or the same Idempotency-Key is still being processed)',
  412: 'If-Match does not match the current version: reload and retry',
  413: 'Body larger than 1 MiB',
  415: 'Body not sent as application/json',
  422: 'Idempotency-Key already used with a different body',
  428: 'If-Match is required',
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
};

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
  staff: "The pôle's staff directory (legal, committee, lawyers)",
};

const PATH_PARAMS: Record<string, () => JsonSchema> = {
  orgId: () => output(orgIdSchema),
  projectId: () => output(projectIdSchema),
  email: () => ({ ...output(emailSchema), description: 'URL-encoded email address' }),
  formId: () => ({ type: 'string', enum: formIds() }),
  docId: () => output(documentIdSchema),
  flagId: () => output(flagIdSchema),
  stepId: () => ({ type: 'string', description: 'URL-encoded step id: `partner-approval:<orgId>`, `legal-review`, `lawyer-opinion` or `committee`' }),
  n: () => ({ type: 'integer', minimum: 1, maximum: 999999, description: 'Version number' }),
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
        path: { type: 'string', description: 'Slash-joined field path without a leading slash (`shareholders/0/votingRightsPct`); empty for the whole body', examples: ['siren'] },
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
    if (r.body) [413, 415].forEach((c) => errors.add(c));
    if (r.idempotent) errors.add(422);

    const status = r.status ?? 200;
    const responses: Record<string, unknown> = {};
    const success = (code: number, description: string) => {
      if (code === 204) return { description };
      const headers: Record<string, unknown> = {};
      if (r.response && versionedSchemas.has(r.response)) headers.ETag = { $ref: '#/components/headers/ETag' };
      if (code === 201 && r.response && locatedSchemas.has(r.response)) headers.Location = { $ref: '#/components/headers/Location' };
      return {
        description,
        ...(Object.keys(headers).length ? { headers } : {}),
        content: { 'application/json': { schema: r.response ? ref(r.response, 'output', `${pascal(operationId)}Response`) : {} } },
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

  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigie API',
      version: opts.version ?? '0.1.0',
      summary: 'IP-protection workflow for the collaborative innovation projects of French competitiveness clusters',
      description:
        'Bodies are JSON. Errors are RFC 9457 `application/problem+json`. Mutable resources return an `ETag` and take `If-Match`. ' +
        'Request schemas are the server-side zod schemas rendered as JSON Schema 2020-12 (`GET /forms/{formId}` serves the same with a uiSchema); ' +
        'rules JSON Schema cannot express (SIREN check digit, at most 4 decimals, voting rights ≤ 100 %, date order) are checked by the server only.',
    },
    tags,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito access token in AWS; `POST /dev/token` locally' },
      },
      schemas,
      parameters: {
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: true,
          description: 'The ETag of the version you read, e.g. `"3"`',
          schema: { type: 'string', pattern: '^(W/)?"?[0-9]{1,9}"?$' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Client-chosen key; a retry with the same key and body returns the first response, with another body 422',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_\\-:.]{8,128}$' },
        },
      },
      headers: {
        ETag: { description: 'Strong ETag of the resource version, e.g. `"3"`; send it back in If-Match', schema: { type: 'string' } },
        Location: { description: 'URL path of the created resource', schema: { type: 'string' } },
      },
      responses: Object.fromEntries(
        [...usedErrors].sort((a, b) => a - b).map((code) => [
          ERROR_NAMES[code],
          { description: ERROR_DESCRIPTIONS[code], content: { [PROBLEM_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } },
        ]),
      ),
    },
  };
}
