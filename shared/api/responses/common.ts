import * as z from 'zod';
import { QUERY_TEXT_MAX_LENGTH } from '../../domain/limits';
import { instantSchema, sha256Schema, versionSchema } from '../../domain/response-schema';
import { CURSOR_MAX_LENGTH, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../domain/page';

/**
 * Building blocks of the response schemas (what handlers return: the route's `response` type-checks each
 * handler's answer, and ../openapi.ts documents it). Lists and nested components are registered here so that
 * the OpenAPI builder can reference their item schemas instead of inlining them.
 */
export const datetime = instantSchema;
export const version = versionSchema;
export const sha256 = sha256Schema;

/** Item schema of every list body: its component is referenced instead of inlined. */
export const listItems = new WeakMap<z.ZodType, z.ZodType>();
export const paginated = new WeakSet<z.ZodType>();
/** `{ items, nextCursor }` of the paginated list routes (`?limit=&cursor=`). */
export function pageOf<T extends z.ZodType>(item: T) {
  const page = z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page') });
  listItems.set(page, item);
  paginated.add(page);
  return page;
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

/** `?limit=&cursor=` of every list route (functions/http/params.ts; shared/domain/page.ts). */
export const pageQueryShape = {
  limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT).describe('Page size'),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional().describe('The `nextCursor` of the previous page (opaque; only valid for the same list)'),
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
