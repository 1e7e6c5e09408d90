// A multi-select for one dimension: a button named after it ("Region") opens a list of every value with
// its event count under the other filters, a type-ahead box and an Include / Exclude switch. Every
// part is a native control (button, text box, radios, checkboxes), so it works from the keyboard and
// reads well in a screen reader without extra ARIA machinery.
import { useEffect, useId, useRef, useState } from 'react';
import type { DimensionValue } from '../../../shared/exploring';
import { formatCount } from '../../../shared/format';
import type { ListMode } from '../view/filter-edit';
import { usePopover } from './use-popover';

export interface DimensionSelectProps {
  label: string;
  /** data-testid stem, e.g. "filter-region". */
  testId: string;
  values: DimensionValue[];
  selected: string[];
  mode: ListMode;
  onToggle(value: string, mode: ListMode): void;
  onMode(mode: ListMode): void;
}

export function DimensionSelect({ label, testId, values, selected, mode: filterMode, onToggle: toggle, onMode }: DimensionSelectProps) {
  // With nothing chosen the filter holds no mode, so the switch remembers it here until a value is picked.
  const [ownMode, setOwnMode] = useState<ListMode>('include');
  const mode = selected.length ? filterMode : ownMode;
  const onToggle = (value: string) => toggle(value, mode);
  const [query, setQuery] = useState('');
  const { open, setOpen, button, box, close, onKeyDown } = usePopover(() => setQuery(''));
  const search = useRef<HTMLInputElement>(null);
  const id = useId();
  const q = query.trim().toUpperCase();
  const shown = q ? values.filter((v) => v.value.toUpperCase().includes(q)) : values;
  // Values chosen in the URL but absent from the data still show, so they can be removed here too.
  const missing = selected.filter((s) => !values.some((v) => v.value === s)).map((value) => ({ value, events: 0, merchants: 0 }));

  useEffect(() => {
    if (open) search.current?.focus();
  }, [open]);

  const summary = selected.length === 0 ? 'All' : `${mode === 'exclude' ? 'not ' : ''}${selected.length === 1 ? selected[0] : `${selected.length} selected`}`;
  return (
    <div className="filter-control filter-dimension" onKeyDown={onKeyDown}>
      <span className="filter-label" aria-hidden="true">
        {label}
      </span>
      <button
        ref={button}
        type="button"
        className="button filter-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-describedby={`${id}-summary`}
        onClick={() => (open ? close() : setOpen(true))}
        data-testid={testId}
      >
        <span id={`${id}-summary`}>{summary}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div ref={box} id={id} className="filter-popover" role="group" aria-label={`${label} values`} data-testid={`${testId}-popover`}>
          <input
            ref={search}
            type="search"
            className="filter-search"
            aria-label={`Search ${label.toLowerCase()} values`}
            placeholder={`Type to find a ${label.toLowerCase()}`}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              // Enter picks the first match, so "lag⏎" selects LAGOS without leaving the box.
              if (e.key === 'Enter' && shown[0]) {
                e.preventDefault();
                onToggle(shown[0].value);
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                box.current?.querySelector<HTMLInputElement>('.filter-option input')?.focus();
              }
            }}
          />
          <fieldset className="filter-mode">
            <legend className="visually-hidden">{label}: include or exclude</legend>
            {(['include', 'exclude'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name={`${id}-mode`} checked={mode === m} onChange={() => {
                    setOwnMode(m);
                    if (selected.length) onMode(m);
                  }} /> {m === 'include' ? 'Only these' : 'All but these'}
              </label>
            ))}
          </fieldset>
          <ul className="filter-options">
            {[...missing, ...shown].map((v) => (
              <li key={v.value} className="filter-option">
                <label>
                  <input type="checkbox" checked={selected.includes(v.value)} onChange={() => onToggle(v.value)} data-value={v.value} />
                  <span className="filter-option-value">{v.value}</span>
                  <span className="filter-option-count">{formatCount(v.events)}</span>
                </label>
              </li>
            ))}
            {shown.length === 0 && <li className="muted">No {label.toLowerCase()} matches “{query}”.</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
