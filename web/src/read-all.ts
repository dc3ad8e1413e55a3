/** A page of a list of the API, as openapi-fetch returns it. */
export interface PageResponse<T> {
  data?: { items: T[]; nextCursor: string | null };
  error?: unknown;
  response: Response;
}

/** The API's page size limit (shared/domain/page.ts): whole lists are read 200 at a time. */
export const PAGE_MAX = 200;
/** A whole list is read in at most this many pages (10,000 items): a runaway cursor stops there. */
const MAX_PAGES = 50;

/**
 * Every page of a paginated list (`{ items, nextCursor }`), following `nextCursor`: for screens that need the
 * whole list (a project's flags and declarations, a declaration's versions for the redline…). Answers like one
 * page whose `nextCursor` is null, or the first error met.
 */
export async function readAll<T>(fetchPage: (cursor?: string) => Promise<PageResponse<T>>): Promise<PageResponse<T>> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const r = await fetchPage(cursor);
    if (!r.data || r.error !== undefined || !r.response.ok) return r;
    items.push(...r.data.items);
    if (!r.data.nextCursor) return { data: { items, nextCursor: null }, response: r.response };
    cursor = r.data.nextCursor;
  }
  return { data: { items, nextCursor: null }, response: new Response(null, { status: 200 }) };
}
