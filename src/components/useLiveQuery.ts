import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type LiveResult<T> = { status: 'pending' } | { status: 'ok'; value: T } | { status: 'error'; error: unknown };

/**
 * Subscribes to a Dexie `liveQuery` while the component is mounted: the result updates
 * whenever the tables the query read change (in this or another extension context).
 * `deps` works as for `useEffect`: when they change, the query is re-subscribed.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'pending' });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ status: 'ok', value }),
      error: (error: unknown) => setResult({ status: 'error', error }),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return result;
}
