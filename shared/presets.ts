// Date-range presets, counted back from the last day that has data (the exports are offline, so the
// calendar's "today" says little about what the analyst is looking at). Pure.
import { dayNumber, dayString, type DateRange } from './filter.js';

export const PRESETS = ['last-7', 'last-30', 'last-90', 'this-month', 'last-month', 'this-quarter', 'last-quarter', 'ytd', 'all', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export const PRESET_LABELS: Record<Preset, string> = {
  'last-7': 'Last 7 days',
  'last-30': 'Last 30 days',
  'last-90': 'Last 90 days',
  'this-month': 'This month',
  'last-month': 'Last month',
  'this-quarter': 'This quarter',
  'last-quarter': 'Last quarter',
  ytd: 'Year to date',
  all: 'All data',
  custom: 'Custom',
};

export function isPreset(v: string): v is Preset {
  return (PRESETS as readonly string[]).includes(v);
}

const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** Last day of month m (1-12) of year y. */
const monthEnd = (y: number, m: number) => dayString(dayNumber(m === 12 ? ymd(y + 1, 1, 1) : ymd(y, m + 1, 1))! - 1);

/**
 * The dates a preset covers, given the last date with data. null for "all" (no date restriction, so
 * undated events count too) and "custom" (the analyst's own dates), and when there is no data.
 * "This month/quarter" end at the last day with data, not at the calendar's end.
 */
export function resolvePreset(preset: Preset, lastDate: string | null): DateRange | null {
  if (!lastDate || preset === 'all' || preset === 'custom') return null;
  const last = dayNumber(lastDate);
  if (last === null) return null;
  const y = Number(lastDate.slice(0, 4));
  const m = Number(lastDate.slice(5, 7));
  const back = (days: number) => ({ from: dayString(last - days + 1), to: lastDate });
  const qStart = Math.floor((m - 1) / 3) * 3 + 1;
  switch (preset) {
    case 'last-7':
      return back(7);
    case 'last-30':
      return back(30);
    case 'last-90':
      return back(90);
    case 'this-month':
      return { from: ymd(y, m, 1), to: lastDate };
    case 'last-month': {
      const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: ymd(py, pm, 1), to: monthEnd(py, pm) };
    }
    case 'this-quarter':
      return { from: ymd(y, qStart, 1), to: lastDate };
    case 'last-quarter': {
      const [py, pq] = qStart === 1 ? [y - 1, 10] : [y, qStart - 3];
      return { from: ymd(py, pq, 1), to: monthEnd(py, pq + 2) };
    }
    case 'ytd':
      return { from: ymd(y, 1, 1), to: lastDate };
  }
}

/** The preset to show for dates the URL or a click gave without one: a named preset when it matches. */
export function presetFor(range: Partial<DateRange>, lastDate: string | null): Preset {
  if (!range.from && !range.to) return 'all';
  for (const p of PRESETS) {
    const r = resolvePreset(p, lastDate);
    if (r && r.from === range.from && r.to === range.to) return p;
  }
  return 'custom';
}
