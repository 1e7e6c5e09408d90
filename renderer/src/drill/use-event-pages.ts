// The events of one request, fetched a page at a time (offset/limit) as the table scrolls to them.
// A new request or sort starts afresh and drops answers still on their way for the old one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventRow, EventSort } from '../../../shared/exploring';
import { errorMessage, invoke } from '../api/invoke';
import type { DrillRequest } from './drill-spec';

export const PAGE_SIZE = 200;

export interface EventPages {
  /** null until the first page is in. */
  total: number | null;
  merchants: number | null;
  amount: number | null;
  error: string | null;
  /** The row at an index, or undefined while its page loads. */
  row(index: number): EventRow | undefined;
  /** Asks for the pages holding rows first..last (inclusive). */
  ensure(first: number, last: number): void;
  /** How many pages are loaded (a render key for the table). */
  loaded: number;
}

export function useEventPages(request: DrillRequest, sort: EventSort): EventPages {
  const key = JSON.stringify([request, sort]);
  const [state, setState] = useState<{ key: string; total: number | null; merchants: number | null; amount: number | null; error: string | null; loaded: number }>({
    key, total: null, merchants: null, amount: null, error: null, loaded: 0,
  });
  const pages = useRef(new Map<number, EventRow[]>());
  const asked = useRef(new Set<number>());
  const current = useRef(key);

  const load = useCallback(
    (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const mine = current.current;
      invoke('getEvents', { ...request, sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (r) => {
          if (mine !== current.current) return;
          pages.current.set(page, r.rows);
          setState((s) => ({ ...s, total: r.total, merchants: r.merchants, amount: r.amount, loaded: pages.current.size }));
        },
        (err) => {
          if (mine !== current.current) return;
          asked.current.delete(page);
          setState((s) => ({ ...s, error: errorMessage(err) }));
        },
      );
    },
    // The key stands for request and sort (a new object with the same content is the same request).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    current.current = key;
    pages.current = new Map();
    asked.current = new Set();
    setState({ key, total: null, merchants: null, amount: null, error: null, loaded: 0 });
    load(0);
  }, [key, load]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) load(p);
    },
    [load],
  );
  const stale = state.key !== key;
  return {
    total: stale ? null : state.total,
    merchants: stale ? null : state.merchants,
    amount: stale ? null : state.amount,
    error: stale ? null : state.error,
    loaded: state.loaded,
    ensure,
    row: (i) => pages.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
  };
}

/** Every row of a request, page by page at the largest page the engine allows, for an export. */
export async function fetchAllEvents(request: DrillRequest, sort: EventSort): Promise<EventRow[]> {
  const LIMIT = 10_000;
  const rows: EventRow[] = [];
  for (let offset = 0; ; offset += LIMIT) {
    const r = await invoke('getEvents', { ...request, sort, offset, limit: LIMIT });
    rows.push(...r.rows);
    if (r.rows.length < LIMIT || rows.length >= r.total) return rows;
  }
}
