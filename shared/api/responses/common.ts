import * as z from 'zod';
import { QUERY_TEXT_MAX_LENGTH } from '../../domain/limits';
import { instantSchema, sha256Schema, versionSchema } from '../../domain/response-schema';

/**
 * Building blocks of the response schemas (what handlers return: the route's `response` type-checks each
 * handler's answer, and ../openapi.ts documents it). Lists and nested components are registered here so that
 * the OpenAPI builder can reference their item schemas instead of inlining them.
 */
export const datetime = instantSchema;
export const version = versionSchema;
export const sha256 = sha256Schema;

/** Item schema of every list body, paginated or not: its component is referenced instead of inlined. */
export const listItems = new WeakMap<z.ZodType, z.ZodType>();
export const paginated = new WeakSet<z.ZodType>();
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

/** JSON Schema keyword naming a nested component (see {@link asComponent}); never left in the document. */
export const COMPONENT_KEYWORD = 'x-vigie-component';
export const nestedComponents = new Map<string, z.ZodType>();
/**
 * `schema`, documented once as component `name` (rendered as output) and referenced, with `description`,
 * wherever it appears inside a response schema: for large schemas that several responses embed.
 */
export function asComponent<T extends z.ZodType>(name: string, schema: T, description: string): T {
  nestedComponents.set(name, schema);
  return schema.meta({ [COMPONENT_KEYWORD]: name, description }) as T;
}

/** `?limit=&cursor=` of paginated lists (functions/http/params.ts). */
export const pageQueryShape = {
  limit: z.number().int().min(1).max(100).default(25).describe('Page size'),
  cursor: z.string().max(4096).optional().describe('The `nextCursor` of the previous page'),
};
export const pageQuerySchema = z.object(pageQueryShape);
/** A comma-separated list of `values` (as shared/domain/risk/lifecycle.ts `flagFilterSchema` reads it). */
export const csvQuery = (values: readonly string[], what: string) => {
  const one = `(?:${values.join('|')})`;
  return z
    .string()
    .max(QUERY_TEXT_MAX_LENGTH, { abort: true })
    .regex(new RegExp(`^${one}(?:,${one})*$`))
    .optional()
    .describe(`${what}: one or more of ${values.join(', ')}, comma-separated`);
};
