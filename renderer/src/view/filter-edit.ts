// Pure edits of a filter, shared by the filter bar, the chips and click-to-filter, so each gesture
// changes the filter the same way wherever it starts. Empty lists are removed, never kept as [].
import type { DateRange, FilterDimension, MetricFilter } from '../../../shared/filter';

export type ListMode = 'include' | 'exclude';

function withList(filter: MetricFilter, dim: FilterDimension, mode: ListMode, values: string[]): MetricFilter {
  const out: MetricFilter = { ...filter, exclude: { ...filter.exclude } };
  if (mode === 'include') {
    if (values.length) out[dim] = values;
    else delete out[dim];
  } else {
    if (values.length) out.exclude![dim] = values;
    else delete out.exclude![dim];
  }
  if (!Object.keys(out.exclude!).length) delete out.exclude;
  return out;
}

export function listOf(filter: MetricFilter, dim: FilterDimension, mode: ListMode): string[] {
  return (mode === 'include' ? filter[dim] : filter.exclude?.[dim]) ?? [];
}

/** Adds the value to the list, or takes it out when it is there. */
export function toggleValue(filter: MetricFilter, dim: FilterDimension, value: string, mode: ListMode): MetricFilter {
  const list = listOf(filter, dim, mode);
  return withList(filter, dim, mode, list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
}

export function removeValue(filter: MetricFilter, dim: FilterDimension, value: string, mode: ListMode): MetricFilter {
  return withList(filter, dim, mode, listOf(filter, dim, mode).filter((v) => v !== value));
}

/** Moves a dimension's chosen values between include and exclude (the bar's mode switch). */
export function switchMode(filter: MetricFilter, dim: FilterDimension, to: ListMode): MetricFilter {
  const from: ListMode = to === 'include' ? 'exclude' : 'include';
  const moved = [...new Set([...listOf(filter, dim, to), ...listOf(filter, dim, from)])];
  return withList(withList(filter, dim, from, []), dim, to, moved);
}

/** The mode a dimension is in: exclude only when it has exclusions and no inclusions. */
export function modeOf(filter: MetricFilter, dim: FilterDimension): ListMode {
  return !filter[dim]?.length && filter.exclude?.[dim]?.length ? 'exclude' : 'include';
}

export function withDates(filter: MetricFilter, range: DateRange | null): MetricFilter {
  const { from: _f, to: _t, ...rest } = filter;
  return range ? { ...rest, from: range.from, to: range.to } : rest;
}

export function removeMerchant(filter: MetricFilter, id: string): MetricFilter {
  const merchant = (filter.merchant ?? []).filter((m) => m !== id);
  const { merchant: _m, ...rest } = filter;
  return merchant.length ? { ...rest, merchant } : rest;
}

/** Which list a click goes to: plain click = only this value, Ctrl/Cmd = add, Alt = exclude. */
export interface ClickMods {
  add: boolean;
  exclude: boolean;
}

export function modsOf(e: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }): ClickMods {
  return { add: e.ctrlKey || e.metaKey, exclude: e.altKey };
}

/** A click on a value in a chart or table; clicking the value that is the whole selection removes it. */
export function clickValue(filter: MetricFilter, dim: FilterDimension, value: string, mods: ClickMods): MetricFilter {
  if (mods.exclude) return toggleValue(filter, dim, value, 'exclude');
  if (mods.add) return toggleValue(filter, dim, value, 'include');
  const list = listOf(filter, dim, 'include');
  return withList(filter, dim, 'include', list.length === 1 && list[0] === value ? [] : [value]);
}

/** A click on a month (YYYY-MM): its dates; Ctrl/Cmd widens the range to cover it; again = all dates. */
export function clickMonth(filter: MetricFilter, month: string, mods: ClickMods, monthEndOf: (ym: string) => string): MetricFilter {
  const range = { from: `${month}-01`, to: monthEndOf(month) };
  if (filter.from === range.from && filter.to === range.to) return withDates(filter, null);
  if (mods.add && filter.from && filter.to) {
    return withDates(filter, { from: filter.from < range.from ? filter.from : range.from, to: filter.to > range.to ? filter.to : range.to });
  }
  return withDates(filter, range);
}
