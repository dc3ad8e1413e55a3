import * as z from 'zod';

/**
 * Page sizes of every list route (`?limit=`): 50 by default, 200 at most. A page is one bounded read of the
 * store (docs/architecture.md, "Pagination"), so the maximum is also what one request may cost.
 */
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;
/** The longest cursor accepted (`?cursor=`): base64url of a small JSON object. */
export const CURSOR_MAX_LENGTH = 4096;

/** `?limit=&cursor=` as a query string carries them (strings: `limit` is coerced). */
export const pageQueryParamsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
});
