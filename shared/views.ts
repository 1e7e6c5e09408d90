// Saved views: a named dashboard view kept in the database. Its state is the view's URL-hash query
// (shared/url-state.ts, the one serialization), without the leading "#/?". A relative view keeps its
// date preset and no dates, so it moves forward with the data; a fixed view keeps its dates and no
// preset. Pure, so the engine (checking a save) and the window (saving, opening) agree.
import { PRESET_LABELS, resolvePreset } from './presets.js';
import { parseViewHash, viewQuery, type ParsedView, type ViewState } from './url-state.js';

export const VIEW_DATES = ['relative', 'fixed'] as const;
export type ViewDates = (typeof VIEW_DATES)[number];

export interface SavedView {
  id: number;
  name: string;
  state: string;
  dates: ViewDates;
  /** Order in the list, from 0; the first nine open with Ctrl+1..Ctrl+9. */
  position: number;
  created_at: string;
  updated_at: string;
}

export const MAX_VIEW_NAME = 100;

/** Any day will do to tell whether a relative state parses; the real last date only moves its dates. */
const REFERENCE_DAY = '2000-12-31';

/**
 * Reads a stored state the way the window opens it: a named preset gets its dates counted back from
 * `lastDate` (they win over any dates written beside it), so a relative view follows the data.
 */
export function openState(state: string, lastDate: string | null): ParsedView {
  const first = parseViewHash(`#/?${state}`);
  const range = first.view.preset ? resolvePreset(first.view.preset, lastDate ?? REFERENCE_DAY) : null;
  return range ? parseViewHash(`#/?${state}&from=${range.from}&to=${range.to}`) : first;
}

/** The state to store for a view kept with relative or fixed dates, or why it cannot be kept so. */
export function stateToSave(view: ViewState, dates: ViewDates): string | { error: string } {
  const { from, to, ...rest } = view.filter;
  const named = view.preset !== undefined && view.preset !== 'custom' && view.preset !== 'all';
  if (dates === 'relative') {
    if (named) return viewQuery({ ...view, filter: rest });
    if (!from && !to) return viewQuery({ ...view, filter: rest, preset: undefined });
    return { error: 'These dates are your own (Custom), not a preset such as Last 30 days, so they can only be kept fixed' };
  }
  if (named && !from && !to) return { error: `A view with fixed dates needs its dates; "${PRESET_LABELS[view.preset!]}" has none yet` };
  return viewQuery({ ...view, preset: undefined });
}

/** A view is saved whole or not at all: what a link would drop with a note is an error here. */
const unreadable = (error: string) => ({ error: error.replace(/^This link's view was partly understood/, 'The view could not be read').replace(/\.$/, '') });

/** Checks a state sent to be saved; returns the canonical text to store, or what is wrong with it. */
export function checkState(state: string, dates: ViewDates): string | { error: string } {
  // A fixed view's dates are its own: only a relative one has them counted from a day.
  const parsed = dates === 'relative' ? openState(state, REFERENCE_DAY) : parseViewHash(`#/?${state}`);
  return parsed.error ? unreadable(parsed.error) : stateToSave(parsed.view, dates);
}

/** The window's last view keeps its dates and its preset, as the URL does; the preset's dates move on opening. */
export function checkLastState(state: string): string | { error: string } {
  const parsed = parseViewHash(`#/?${state}`);
  return parsed.error ? unreadable(parsed.error) : viewQuery(parsed.view);
}

/** Checks a name for a view: trimmed, not empty, not too long. */
export function checkViewName(raw: unknown): string | { error: string } {
  if (typeof raw !== 'string') return { error: 'name must be text' };
  const name = raw.trim();
  if (name === '') return { error: 'A view needs a name' };
  if (name.length > MAX_VIEW_NAME) return { error: `A view's name can be at most ${MAX_VIEW_NAME} characters` };
  if (/[\u0000-\u001f\u007f]/.test(name)) return { error: "A view's name cannot contain control characters" };
  return name;
}

/** The small file a view is exported as. */
export interface ViewFile {
  merchant_analytics_view: 1;
  name: string;
  dates: ViewDates;
  state: string;
}

export function viewToJson(view: Pick<SavedView, 'name' | 'dates' | 'state'>): string {
  const file: ViewFile = { merchant_analytics_view: 1, name: view.name, dates: view.dates, state: view.state };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name for an exported view: its name with only plain characters. */
export function viewFileName(name: string): string {
  const base = name.replace(/[^\w.\- ]+/g, '_').replace(/^[.\s]+|\s+$/g, '').slice(0, 80) || 'view';
  return `${base}.view.json`;
}

/** Reads an exported view back; every problem is said in an analyst's words. */
export function parseViewJson(text: string): Omit<ViewFile, 'merchant_analytics_view'> | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { error: 'This file is not a saved view: it is not JSON.' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('merchant_analytics_view' in raw)) {
    return { error: 'This file is not a saved view of Merchant Analytics (it has no "merchant_analytics_view").' };
  }
  const r = raw as Record<string, unknown>;
  if (r.merchant_analytics_view !== 1) return { error: `This view was saved by a newer version of the app (format ${String(r.merchant_analytics_view)}); update the app to open it.` };
  const name = checkViewName(r.name);
  if (typeof name !== 'string') return { error: `This view file's name is not usable: ${name.error}.` };
  if (!(VIEW_DATES as readonly unknown[]).includes(r.dates)) return { error: 'This view file does not say whether its dates are relative or fixed.' };
  if (typeof r.state !== 'string') return { error: 'This view file has no view in it (its "state" is missing).' };
  const state = checkState(r.state, r.dates as ViewDates);
  if (typeof state !== 'string') return { error: `This view file is not usable. ${state.error}.` };
  return { name, dates: r.dates as ViewDates, state };
}
