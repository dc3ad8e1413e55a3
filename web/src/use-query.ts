import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { problemText } from './api/client';

export interface Query<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs an API call when `deps` change; openapi-fetch's `{ data, error }` becomes data or an error text. */
export function useQuery<T>(load: () => Promise<{ data?: T; error?: unknown; response: Response }>, deps: DependencyList): Query<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (r) =>
        live && setState(r.error !== undefined || !r.response.ok ? { error: problemText(r.error), loading: false } : { data: r.data as T, loading: false }),
      (e: unknown) => live && setState({ error: problemText(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [run, tick]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setTick((n) => n + 1) };
}
