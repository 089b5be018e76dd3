'use client';

import { useEffect, useState } from 'react';

export interface RemoteSearchState<T> {
  items: T[];
  more: boolean;
  /** The query the items answer (null before the first answer): a live region speaks only for the current one. */
  answered: string | null;
  loading: boolean;
  failed: boolean;
}

/**
 * Matches loaded on demand for a picker (issue 13: pages ship no 500-entry lists): GET `endpoint?q=query`
 * (`&q=` when the endpoint has a query of its own)
 * answering `{ items, more }`, debounced, earlier requests aborted, so only the latest query's answer shows.
 * An empty `endpoint` asks nothing (a closed picker).
 */
export function useRemoteSearch<T>(endpoint: string, query: string, delayMs = 150): RemoteSearchState<T> {
  const [state, setState] = useState<RemoteSearchState<T>>({ items: [], more: false, answered: null, loading: true, failed: false });
  useEffect(() => {
    if (!endpoint) return; // a closed picker asks nothing
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        setState((s) => ({ ...s, loading: true, failed: false }));
        fetch(`${endpoint}${endpoint.includes('?') ? '&' : '?'}q=${encodeURIComponent(query)}`, { signal: controller.signal, headers: { accept: 'application/json' } })
          .then(async (res) => {
            if (!res.ok) throw new Error(String(res.status));
            const body = (await res.json()) as { items: T[]; more: boolean };
            setState({ items: body.items, more: body.more, answered: query, loading: false, failed: false });
          })
          .catch(() => {
            if (!controller.signal.aborted) setState((s) => ({ ...s, loading: false, failed: true }));
          });
      },
      query ? delayMs : 0,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [endpoint, query, delayMs]);
  return state;
}
