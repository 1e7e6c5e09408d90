// The events as a windowed table: only the rows in view (and a few around them) are in the DOM, so a
// drill of a million events scrolls as lightly as one of ten. Rows are of fixed height, which is
// what lets a scroll position name its rows without measuring. The header sits inside the scroller
// (sticky), so it scrolls sideways with the columns. (@tanstack/react-virtual is not among
// the project's packages; this is the small part of it we need.)
import { useEffect, useRef, useState } from 'react';
import type { EventSort } from '../../../shared/exploring';
import { baseName, formatCount, formatNaira } from '../../../shared/format';
import type { EventPages } from './use-event-pages';

export const ROW_HEIGHT = 30;
const OVERSCAN = 8;
/**
 * Browsers cap an element's height (Chromium near 33.5 million px, about 1.1 million rows here), and a
 * year's drill can hold millions of events. Past this height the scrollbar stands for the whole list
 * in proportion: a scroll position maps to a row by the ratio, and the rows in view are drawn at that
 * scroll position.
 */
const MAX_SCROLL_HEIGHT = 15_000_000;

/** The row offset (in px of rows) a scroll position stands for, and the scroller's own height. */
export function scrollMapping(total: number, scrollTop: number, viewport: number): { logical: number; height: number } {
  const content = total * ROW_HEIGHT;
  if (content <= MAX_SCROLL_HEIGHT || viewport >= MAX_SCROLL_HEIGHT) return { logical: scrollTop, height: content };
  const ratio = Math.max(0, content - viewport) / (MAX_SCROLL_HEIGHT - viewport);
  return { logical: scrollTop * ratio, height: MAX_SCROLL_HEIGHT };
}

type SortKey = 'time' | 'amount' | 'merchant';

const COLUMNS: { label: string; sort?: SortKey; numeric?: boolean; width: string }[] = [
  { label: 'Time', sort: 'time', width: '11rem' },
  { label: 'Merchant', sort: 'merchant', width: '8rem' },
  { label: 'Product', width: '7rem' },
  { label: 'Type', width: '10rem' },
  { label: 'Amount', sort: 'amount', numeric: true, width: '8rem' },
  { label: 'Status', width: '5.5rem' },
  { label: 'Channel', width: '5.5rem' },
  { label: 'Region', width: '6rem' },
  { label: 'Tier', width: '5.5rem' },
  { label: 'Source', width: '13rem' },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

export interface EventTableProps {
  pages: EventPages;
  sort: EventSort;
  onSort(sort: EventSort): void;
  label: string;
  /** Opens a merchant's profile from its id in a row; without it ids are plain text. */
  onMerchant?: (id: string) => void;
}

/** Clicking a sorted column reverses it; another column starts ascending (time, merchant) or largest first (amount). */
function nextSort(current: EventSort, key: SortKey): EventSort {
  if (current === key) return `-${key}` as EventSort;
  if (current === `-${key}`) return key;
  return key === 'amount' ? '-amount' : key;
}

export function EventTable({ pages, sort, onSort, label, onMerchant }: EventTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 480 });
  const total = pages.total ?? 0;
  const { logical, height } = scrollMapping(total, view.top, view.height);
  // Where row i is drawn: its own place, shifted so the row the scroll stands for is at the scroll position.
  const shift = view.top - logical;
  const first = Math.max(0, Math.floor(logical / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((logical + view.height) / ROW_HEIGHT) + OVERSCAN);
  const { ensure } = pages;

  // The height is known only once the dialog is open and laid out (after this effect runs), and it
  // changes with the window: follow it.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [ensure, first, last, total]);
  // A new order starts at the top.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [sort]);

  const rows = [];
  for (let i = first; i <= last; i++) {
    const r = pages.row(i);
    rows.push(
      <div key={i} role="row" aria-rowindex={i + 2} className="event-row" style={{ top: i * ROW_HEIGHT + shift, gridTemplateColumns: TEMPLATE }} data-testid="event-row">
        {r ? (
          <>
            <span role="cell">{r.event_timestamp ?? 'no valid time'}</span>
            <span role="cell">
              {onMerchant ? (
                <button type="button" className="link-button" onClick={() => onMerchant(r.merchant_id)} title={`Open ${r.merchant_id}'s profile`} data-testid="event-merchant">
                  {r.merchant_id}
                </button>
              ) : (
                r.merchant_id
              )}
            </span>
            <span role="cell">{r.product}</span>
            <span role="cell">{r.event_type}</span>
            <span role="cell" className="num">{r.amount === null ? '—' : formatNaira(r.amount)}</span>
            <span role="cell">{r.status}</span>
            <span role="cell">{r.channel}</span>
            <span role="cell">{r.region}</span>
            <span role="cell">{r.merchant_tier}</span>
            <span role="cell" title={r.source_file}>{baseName(r.source_file)}{r.source_line === null ? '' : `:${r.source_line}`}</span>
          </>
        ) : (
          <span role="cell" className="event-row-loading">Loading…</span>
        )}
      </div>,
    );
  }

  return (
    <div className="event-table" data-testid="event-table">
      <div
        ref={scroller}
        role="table"
        className="event-scroller"
        tabIndex={0}
        aria-label={`${label}: ${formatCount(total)} events; scroll to load more`}
        aria-rowcount={total + 1}
        onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
        data-testid="event-scroller">
        <div role="rowgroup" className="event-head">
          <div role="row" className="event-row event-head-row" style={{ gridTemplateColumns: TEMPLATE }}>
            {COLUMNS.map((c) => {
              const dir = c.sort && (sort === c.sort ? 'ascending' : sort === `-${c.sort}` ? 'descending' : undefined);
              return (
                <span key={c.label} role="columnheader" aria-sort={c.sort ? dir ?? 'none' : undefined} className={c.numeric ? 'num' : undefined}>
                  {c.sort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, c.sort!))} data-testid={`sort-${c.sort}`}>
                      {c.label} {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : ''}
                    </button>
                  ) : (
                    c.label
                  )}
                </span>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="event-spacer" style={{ height }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
