// The dashboard's view as the URL hash: `#/?from=2024-01-01&to=2024-01-31&region=LAGOS,ABUJA&
// exclude-channel=USSD&merchant=MRC-1&compare=previous&preset=last-30`. The names are the CLI's flags,
// lists are comma-separated, and every part is checked by shared/filter.ts, so a URL means the same
// view on any machine. Dates are always written out; `preset` only names them (what the bar shows).
// Shared, not the window's own: the engine checks saved views (shared/views.ts) with the same reader.
import { FILTER_DIMENSIONS, parseCompare, parseFilter, type FilterDimension, type MetricFilter } from './filter.js';
import { isPreset, type Preset } from './presets.js';

export type CompareMode = 'previous' | 'year';

export interface ViewState {
  filter: MetricFilter;
  compare?: CompareMode;
  preset?: Preset;
}

export interface ParsedView {
  view: ViewState;
  /** What was wrong with the URL (the view then keeps what was valid); null when all was fine. */
  error: string | null;
}

/** True for the dashboard's own hashes, false for other routes such as #/report or #/merchant/ID. */
export function isDashboardHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#/' || hash.startsWith('#/?');
}

/** A merchant's profile: `#/merchant/<id>` followed by the dashboard's view parameters (`?from=...`). */
const MERCHANT_ROUTE = /^#\/merchant\/([^?]*)(?:\?(.*))?$/;

/** True for hashes the window's views own: the dashboard and a merchant profile (not the report). */
export function isViewHash(hash: string): boolean {
  return isDashboardHash(hash) || MERCHANT_ROUTE.test(hash);
}

export interface ParsedRoute extends ParsedView {
  /** The merchant whose profile the hash opens; null for the dashboard. */
  merchant: string | null;
}

/**
 * Reads the dashboard's hash or a merchant profile's. The view parameters after `?` mean the same on
 * both, so a profile keeps the filter it was opened under. An empty id is the dashboard, said so.
 */
export function parseRouteHash(hash: string): ParsedRoute {
  const m = MERCHANT_ROUTE.exec(hash);
  if (!m) return { ...parseViewHash(hash), merchant: null };
  const parsed = parseViewHash(`#/?${m[2] ?? ''}`);
  const merchant = decode(m[1]).trim();
  if (merchant) return { ...parsed, merchant };
  const error = ['This link names no merchant; the dashboard is shown instead.', parsed.error].filter(Boolean).join(' ');
  return { ...parsed, merchant: null, error };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Splits a query by hand: commas separate list items, so a value's own comma must arrive as %2C. */
function readQuery(query: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    out.set(key, raw.split(',').map(decode).filter((v) => v.trim() !== ''));
  }
  return out;
}

const KNOWN = new Set(['from', 'to', 'merchant', 'compare', 'preset', ...FILTER_DIMENSIONS, ...FILTER_DIMENSIONS.map((d) => `exclude-${d}`)]);

/** Reads a dashboard hash. Never throws: a bad part is dropped and named in `error`. */
export function parseViewHash(hash: string): ParsedView {
  const q = readQuery(hash.replace(/^#\/?\??/, ''));
  const errors: string[] = [];
  for (const key of q.keys()) if (!KNOWN.has(key)) errors.push(`"${key}" is not a filter (ignored)`);
  const raw: Record<string, unknown> = {};
  const exclude: Partial<Record<FilterDimension, string[]>> = {};
  const one = (k: string) => q.get(k)?.[0];
  if (one('from')) raw.from = one('from');
  if (one('to')) raw.to = one('to');
  for (const d of FILTER_DIMENSIONS) {
    if (q.get(d)?.length) raw[d] = q.get(d);
    if (q.get(`exclude-${d}`)?.length) exclude[d] = q.get(`exclude-${d}`);
  }
  if (Object.keys(exclude).length) raw.exclude = exclude;
  if (q.get('merchant')?.length) raw.merchant = q.get('merchant');

  let filter: MetricFilter;
  const parsed = parseFilter(raw);
  if (typeof parsed === 'string') {
    errors.push(parsed);
    // Keep what is valid: retry without the dates (the usual culprit), then give up on the rest.
    const { from: _f, to: _t, ...rest } = raw;
    const again = parseFilter(rest);
    filter = typeof again === 'string' ? {} : again;
  } else {
    filter = parsed;
  }

  const view: ViewState = { filter };
  const compare = one('compare');
  if (compare) {
    const c = compare === 'previous' || compare === 'year' || compare === 'off' ? parseCompare(compare, filter) : { error: `compare must be previous or year, not "${compare}"` };
    if ('error' in c) errors.push(c.error);
    else if (c.compare === 'previous' || c.compare === 'year') view.compare = c.compare;
  }
  const preset = one('preset');
  if (preset) {
    if (isPreset(preset)) view.preset = preset;
    else errors.push(`"${preset}" is not a date preset (ignored)`);
  }
  return { view, error: errors.length ? `This link's view was partly understood: ${errors.join('; ')}.` : null };
}

const enc = (v: string) => encodeURIComponent(v);

/** Writes a view as a hash; the same view always gives the same text, and parseViewHash reads it back. */
export function serializeView(view: ViewState): string {
  const f = view.filter;
  const parts: string[] = [];
  const list = (key: string, values: string[] | undefined) => {
    if (values?.length) parts.push(`${key}=${values.map(enc).join(',')}`);
  };
  if (f.from) parts.push(`from=${f.from}`);
  if (f.to) parts.push(`to=${f.to}`);
  for (const d of FILTER_DIMENSIONS) list(d, f[d]);
  for (const d of FILTER_DIMENSIONS) list(`exclude-${d}`, f.exclude?.[d]);
  list('merchant', f.merchant);
  if (view.compare) parts.push(`compare=${view.compare}`);
  if (view.preset && view.preset !== 'custom' && !(view.preset === 'all' && !f.from && !f.to)) parts.push(`preset=${view.preset}`);
  return parts.length ? `#/?${parts.join('&')}` : '#/';
}

/** The query part of a serialised view ("" for the all-data view). */
export function viewQuery(view: ViewState): string {
  return serializeView(view).replace(/^#\/\??/, '');
}

/** The hash of a view, on the dashboard or (with a merchant) on that merchant's profile. */
export function serializeRoute(view: ViewState, merchant: string | null): string {
  if (merchant === null) return serializeView(view);
  const query = viewQuery(view);
  return `#/merchant/${enc(merchant)}${query ? `?${query}` : ''}`;
}

/** Two views are the same when they serialise the same. */
export function sameView(a: ViewState, b: ViewState): boolean {
  return serializeView(a) === serializeView(b);
}
