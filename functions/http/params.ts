import * as z from 'zod';
import { parseOrThrow } from '../../shared/domain/validation';
import type { HttpRequest } from './http-handler';
import { msg, type Msg } from '../../shared/domain/i18n/catalog';

const pageQuerySchema = z.object({
  limit: z.coerce.number().int('Must be a whole number').min(1, 'At least 1').max(100, 'At most 100').default(25),
  cursor: z.string().max(4096).optional(),
});

/** `?limit=&cursor=` of list routes: limit 1..100 (default 25), opaque cursor. */
export function pageParams(req: HttpRequest): { limit: number; cursor?: string } {
  const { limit, cursor } = parseOrThrow(
    pageQuerySchema,
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
