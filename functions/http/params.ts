import * as z from 'zod';
import { parseOrThrow } from '../../shared/domain/validation';
import { pageQueryParamsSchema } from '../../shared/domain/page';
import type { HttpRequest } from './http-handler';
import { msg, type Msg } from '../../shared/domain/i18n/catalog';

/** `?limit=&cursor=` of list routes: limit 1..200 (default 50), opaque cursor (shared/domain/page.ts). */
export function pageParams(req: HttpRequest): { limit: number; cursor?: string } {
  const { limit, cursor } = parseOrThrow(
    pageQueryParamsSchema,
    { limit: req.query.limit || undefined, cursor: req.query.cursor || undefined },
    msg('what.queryString'),
  );
  return cursor ? { limit, cursor } : { limit };
}

/** A required path parameter, validated by `schema` (a malformed id is simply not found). */
export function pathParam<S extends z.ZodType>(
  req: Pick<HttpRequest, 'params'>,
  name: string,
  schema: S,
  what: Msg = msg('what.pathParameter', { name }),
): z.output<S> {
  // Parsed inside an object so that an error names the parameter (`path: "email"`), as for a body field.
  return parseOrThrow(z.object({ [name]: schema }), { [name]: req.params[name] }, what)[name] as z.output<S>;
}
