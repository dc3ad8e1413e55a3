import { useEffect, useState, type DependencyList } from 'react';
import { problemText } from './api/client';
import { useI18n } from './i18n';
import { useQuery, type Query } from './use-query';

interface PageResult<T> {
  data?: { items: T[]; nextCursor: string | null };
  error?: unknown;
  response: Response;
}

export interface Paged<T> {
  /** The first page (for `Loaded`). */
  first: Query<{ items: T[]; nextCursor: string | null }>;
  /** Every item loaded so far, first page first. */
  items: T[];
  /** The next page's cursor; null when everything is loaded. */
  cursor: string | null;
  loadMore: () => Promise<void>;
  error: string | null;
}

/**
 * A paginated list of the API (`{items, nextCursor}`), shown page by page with "Afficher plus": the first page
 * when `deps` change, the next ones on request, appended. Nothing is read that the user does not ask for.
 */
export function usePaged<T>(fetchPage: (cursor?: string) => Promise<PageResult<T>>, deps: DependencyList): Paged<T> {
  const first = useQuery(() => fetchPage(), deps);
  const [more, setMore] = useState<{ items: T[]; cursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A reloaded first page starts the list again.
  useEffect(() => setMore(null), [first.data]);
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);
  return {
    first,
    items: [...(first.data?.items ?? []), ...(more?.items ?? [])],
    cursor,
    error,
    loadMore: async () => {
      if (!cursor) return;
      const r = await fetchPage(cursor);
      if (!r.data) return setError(problemText(r.error));
      const page = r.data;
      setError(null);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.nextCursor }));
    },
  };
}

/** "Afficher plus" under a paged list, and the error of the last attempt. */
export function MoreButton({ paged, label }: { paged: Paged<unknown>; label?: string }) {
  const { t } = useI18n();
  return (
    <>
      {paged.error && (
        <p className="notice notice-error" role="alert">
          {t('common.error', { message: paged.error })}
        </p>
      )}
      {paged.cursor && (
        <button type="button" className="button button-secondary more-button" onClick={() => void paged.loadMore()}>
          {label ?? t('common.showMore')}
        </button>
      )}
    </>
  );
}
