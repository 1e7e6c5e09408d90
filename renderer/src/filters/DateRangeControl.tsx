// The date range: a preset (counted back from the last day with data) or Custom with two date inputs.
// The resolved dates are always written next to the preset's name, so "Last 30 days" is never vague.
import { formatDate } from '../../../shared/format';
import type { DateRange } from '../../../shared/filter';
import { PRESETS, PRESET_LABELS, type Preset } from '../../../shared/presets';

export interface DateRangeControlProps {
  preset: Preset;
  from?: string;
  to?: string;
  firstDate: string | null;
  lastDate: string | null;
  onPreset(preset: Preset): void;
  onCustom(range: DateRange): void;
}

export function DateRangeControl({ preset, from, to, firstDate, lastDate, onPreset, onCustom }: DateRangeControlProps) {
  const dates = from && to ? `${formatDate(from)} – ${formatDate(to)}` : firstDate && lastDate ? `${formatDate(firstDate)} – ${formatDate(lastDate)}, and undated rows` : 'every row';
  const setCustom = (which: 'from' | 'to', value: string) => {
    if (!value) return;
    let f = which === 'from' ? value : (from ?? firstDate ?? value);
    let t = which === 'to' ? value : (to ?? lastDate ?? value);
    // A start after the end is taken as the analyst meaning the other order, not as an error.
    if (f > t) [f, t] = [t, f];
    onCustom({ from: f, to: t });
  };
  return (
    <div className="filter-control filter-dates">
      <label className="filter-label" htmlFor="filter-date-range">
        Date range
      </label>
      <select id="filter-date-range" aria-label="Date range" value={preset} onChange={(e) => onPreset(e.target.value as Preset)} data-testid="filter-date-range" disabled={!lastDate && preset !== 'custom'}>
        {PRESETS.map((p) => (
          <option key={p} value={p}>
            {PRESET_LABELS[p]}
          </option>
        ))}
      </select>
      <span className="filter-dates-text" data-testid="date-range-dates">
        {dates}
      </span>
      {preset === 'custom' && (
        <span className="filter-custom">
          <input type="date" aria-label="From" value={from ?? ''} min={firstDate ?? undefined} max={lastDate ?? undefined} onChange={(e) => setCustom('from', e.target.value)} data-testid="filter-from" />
          <input type="date" aria-label="To" value={to ?? ''} min={firstDate ?? undefined} max={lastDate ?? undefined} onChange={(e) => setCustom('to', e.target.value)} data-testid="filter-to" />
        </span>
      )}
    </div>
  );
}
