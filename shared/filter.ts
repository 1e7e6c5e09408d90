// The filter contract: which events a metric is computed over, and what it is compared with. Declared
// once here and checked at every boundary (IPC, the browser-mode bridge, the CLI, the URL hash), so an
// analyst's filter means the same thing everywhere. Pure and Node-free.

/** The four dimensions an event carries besides its merchant, in the order the filter bar shows them. */
export const FILTER_DIMENSIONS = ['region', 'channel', 'tier', 'product'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

export type DimensionLists = Partial<Record<FilterDimension, string[]>>;

/**
 * Which events to keep. Every part is optional; an absent or empty list is no restriction.
 * - from, to: YYYY-MM-DD, inclusive. The date of an event is the date part of event_timestamp as
 *   written. When either is set, events without a valid timestamp are left out.
 * - region, channel, tier, product: values to keep (case-insensitive). An unknown value selects nothing.
 * - exclude: values to drop, same lists.
 * - merchant: merchant ids to keep (exact, as written in the files).
 */
export interface MetricFilter extends DimensionLists {
  from?: string;
  to?: string;
  exclude?: DimensionLists;
  merchant?: string[];
}

/** previous: the same number of days ending the day before `from`; year: the same dates a year earlier. */
export type CompareSpec = 'previous' | 'year' | { from: string; to: string };

export interface DateRange {
  from: string;
  to: string;
}

const FILTER_KEYS = new Set(['from', 'to', ...FILTER_DIMENSIONS, 'exclude', 'merchant']);
const MAX_VALUES = 10_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD that exists, else null. */
export function dayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / DAY_MS);
}

/** YYYY-MM-DD of a day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkList(v: unknown, key: string, upper: boolean): string | string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return `${key} must be a list of values`;
  if (v.length > MAX_VALUES) return `${key} lists at most ${MAX_VALUES} values`;
  const out: string[] = [];
  for (const item of v) {
    if (typeof item !== 'string') return `every value of ${key} must be text`;
    const t = upper ? item.trim().toUpperCase() : item.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function checkDate(v: unknown, key: string): string | undefined | { date: string } {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || dayNumber(v) === null) return `${key} must be a date written YYYY-MM-DD that exists (for example 2024-01-31)`;
  return { date: v };
}

/**
 * Checks and normalises a filter: lists trimmed, de-duplicated and (for the four dimensions) upper-cased,
 * empty lists dropped. Returns the message to show when something is wrong.
 */
export function parseFilter(raw: unknown): string | MetricFilter {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) return 'filter must be an object';
  for (const key of Object.keys(raw)) {
    if (!FILTER_KEYS.has(key)) return `filter has an unknown key "${key}" (use from, to, ${FILTER_DIMENSIONS.join(', ')}, exclude or merchant)`;
  }
  const out: MetricFilter = {};
  for (const key of ['from', 'to'] as const) {
    const d = checkDate(raw[key], `filter.${key}`);
    if (typeof d === 'string') return d;
    if (d) out[key] = d.date;
  }
  if (out.from && out.to && out.from > out.to) return `filter.from (${out.from}) is after filter.to (${out.to}); swap them`;
  for (const dim of FILTER_DIMENSIONS) {
    const list = checkList(raw[dim], `filter.${dim}`, true);
    if (typeof list === 'string') return list;
    if (list.length) out[dim] = list;
  }
  if (raw.exclude !== undefined && raw.exclude !== null) {
    if (!isPlainObject(raw.exclude)) return 'filter.exclude must be an object with region, channel, tier or product lists';
    const exclude: DimensionLists = {};
    for (const key of Object.keys(raw.exclude)) {
      if (!(FILTER_DIMENSIONS as readonly string[]).includes(key)) return `filter.exclude has an unknown key "${key}" (use ${FILTER_DIMENSIONS.join(', ')})`;
    }
    for (const dim of FILTER_DIMENSIONS) {
      const list = checkList(raw.exclude[dim], `filter.exclude.${dim}`, true);
      if (typeof list === 'string') return list;
      if (list.length) exclude[dim] = list;
    }
    if (Object.keys(exclude).length) out.exclude = exclude;
  }
  const merchants = checkList(raw.merchant, 'filter.merchant', false);
  if (typeof merchants === 'string') return merchants;
  if (merchants.length) out.merchant = merchants;
  return out;
}

/** Checks a comparison against its filter: the comparison (undefined for none), or the message to show. */
export function parseCompare(raw: unknown, filter: MetricFilter): { compare?: CompareSpec } | { error: string } {
  if (raw === undefined || raw === null || raw === '' || raw === 'off') return {};
  if (raw === 'previous' || raw === 'year') {
    if (!filter.from || !filter.to) return { error: `compare "${raw}" needs both filter.from and filter.to (the period to compare)` };
    return { compare: raw };
  }
  if (isPlainObject(raw)) {
    for (const key of Object.keys(raw)) if (key !== 'from' && key !== 'to') return { error: `compare has an unknown key "${key}" (use from and to)` };
    const from = checkDate(raw.from, 'compare.from');
    const to = checkDate(raw.to, 'compare.to');
    if (typeof from === 'string') return { error: from };
    if (typeof to === 'string') return { error: to };
    if (!from || !to) return { error: 'an explicit compare needs both from and to (YYYY-MM-DD)' };
    if (from.date > to.date) return { error: `compare.from (${from.date}) is after compare.to (${to.date}); swap them` };
    return { compare: { from: from.date, to: to.date } };
  }
  return { error: 'compare must be "previous", "year" or { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }' };
}

/** The same calendar date a year earlier; 29 February becomes 28 February. */
export function yearEarlier(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  const candidate = `${String(y).padStart(4, '0')}-${md}`;
  return dayNumber(candidate) === null ? `${String(y).padStart(4, '0')}-02-28` : candidate;
}

/** The dates a comparison covers (the filter's other parts stay as they are). */
export function comparisonRange(filter: MetricFilter, compare: CompareSpec): DateRange {
  if (typeof compare === 'object') return { from: compare.from, to: compare.to };
  const from = dayNumber(filter.from!)!;
  const to = dayNumber(filter.to!)!;
  if (compare === 'previous') {
    const days = to - from + 1;
    return { from: dayString(from - days), to: dayString(from - 1) };
  }
  return { from: yearEarlier(filter.from!), to: yearEarlier(filter.to!) };
}

/** True when the filter keeps every event. */
export function isEmptyFilter(filter: MetricFilter | undefined): boolean {
  return !filter || Object.keys(filter).length === 0;
}
