/**
 * A route of the HTTP API as one typed object: method, path, roles, Lambda group, and the zod schemas of its
 * body, query and response (in the spirit of swarmion's contracts). The route files under ./routes/ define
 * them, one file per Lambda group; a handler file passes its route object to `httpHandler`, so the key is
 * written once, the body is validated once (by the HTTP stack, with the route's schema) and the handler's
 * answer is type-checked against the response schema. ./routes.ts gathers them for infra/aws, infra/local,
 * the OpenAPI builder and the web client.
 */
import type * as z from 'zod';
import type { Role } from '../domain/access';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type MutatingMethod = Exclude<Method, 'GET'>;

/** Lambda grouping in AWS: routes of a group share one function (and one bundle). */
export type RouteGroup =
  | 'health'
  | 'openapi'
  | 'forms'
  | 'organizations'
  | 'projects'
  | 'declarations'
  | 'documents'
  | 'risk'
  | 'workflow'
  | 'agreements'
  | 'staff'
  | 'audit'
  | 'exports'
  | 'dev';

/**
 * What follows a successful change, run by shared/services/after-change.ts. Every mutating route declares it
 * (an empty list says "nothing follows"), so a new route cannot forget the re-evaluation of the risk flags:
 * - `reevaluate-project`: the project's flags are re-evaluated (new serious flags are emailed to legal staff);
 * - `reevaluate-organization`: every project of the organization, and of those it controls, is re-evaluated;
 * - `notify-workflow`: emails that the workflow transition calls for (changes requested, approvals reopened);
 * - `notify-flags`: new serious flags created by the route itself are emailed to legal staff.
 */
export type FollowUp = 'reevaluate-project' | 'reevaluate-organization' | 'notify-workflow' | 'notify-flags';

interface RouteCommon<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, R extends z.ZodType | undefined> {
  /** API Gateway path template, e.g. `/projects/{projectId}`. */
  path: string;
  /** Module under functions/ that exports `handler` for this route. */
  handler: string;
  group: RouteGroup;
  /** Roles allowed to call it; 'public' means no token. Object-level checks are in shared/domain/access.ts. */
  roles: readonly Role[] | 'public';
  summary: string;
  tags: string[];
  /** Only served by the local server, never deployed. */
  localOnly?: boolean;
  /** A creating POST that honours `Idempotency-Key` (its handler file passes the idempotency runner). */
  idempotent?: boolean;
  /** PATCH/PUT that require `If-Match`. */
  requiresIfMatch?: boolean;
  /** Request body schema: the HTTP stack validates the body with it (400 with every field path) before the handler. */
  body?: B;
  /** A parser used instead of `body.parse` when the body needs more (size limits, custom messages); same output type. */
  parseBody?: (raw: unknown) => B extends z.ZodType ? z.output<B> : never;
  /** A missing body is read as `{}` (for bodies whose every field is optional). */
  bodyOptional?: boolean;
  /** Success status code (documentation; the handler sets the status it returns). */
  status?: number;
  /** Success body schema: the handler's return type is checked against it; OpenAPI documents it. */
  response?: R;
  /** Media type of the success body when it is JSON but not plain `application/json` (e.g. `application/schema+json`). */
  contentType?: string;
  /** Query-string schema (documentation: OpenAPI; the handler parses `req.query`). */
  query?: Q;
}

export type RouteDef<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | undefined = z.ZodType | undefined,
> = RouteCommon<B, Q, R> & ({ method: 'GET'; after?: never } | { method: MutatingMethod; after: readonly FollowUp[] });

/** Identity with inference: keeps the literal schema types for the handler's typing. */
export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(route: RouteDef<B, Q, R>): RouteDef<B, Q, R> {
  return route;
}

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** The body type a handler receives (validated by the stack). */
export type BodyOf<D> = D extends RouteDef<infer B, infer _Q, infer _R> ? (B extends z.ZodType ? z.output<B> : undefined) : never;
/** The body type a handler must answer with. */
export type ResponseOf<D> = D extends RouteDef<infer _B, infer _Q, infer R> ? (R extends z.ZodType ? z.input<R> : undefined) : never;

export const ALL: readonly Role[] = ['legal', 'committee', 'lawyer', 'partner'];
export const STAFF_READ: readonly Role[] = ['legal', 'committee'];
export const LEGAL: readonly Role[] = ['legal'];
