// The view (filter and comparison) in words and in file names, so every export says what it holds:
// the XLSX About sheet, a chart's PNG title, the PDF header and every suggested file name. Pure.
import { FILTER_DIMENSIONS, comparisonRange, type CompareSpec, type MetricFilter } from './filter.js';

const DIM_WORDS: Record<(typeof FILTER_DIMENSIONS)[number], string> = { region: 'Region', channel: 'Channel', tier: 'Tier', product: 'Product' };

/** "1 Jan 2024 to 31 Jan 2024"-style period, written YYYY-MM-DD so it sorts and reads the same everywhere. */
export function periodText(filter: MetricFilter | undefined): string {
  const f = filter ?? {};
  if (f.from && f.to) return `${f.from} to ${f.to}`;
  if (f.from) return `from ${f.from}`;
  if (f.to) return `up to ${f.to}`;
  return 'all dates';
}

/** The filter's parts other than dates, e.g. "Region LAGOS, KANO · not Channel WEB"; "no other filter" when none. */
export function filterText(filter: MetricFilter | undefined): string {
  const f = filter ?? {};
  const parts: string[] = [];
  for (const dim of FILTER_DIMENSIONS) if (f[dim]?.length) parts.push(`${DIM_WORDS[dim]} ${f[dim]!.join(', ')}`);
  for (const dim of FILTER_DIMENSIONS) if (f.exclude?.[dim]?.length) parts.push(`not ${DIM_WORDS[dim]} ${f.exclude[dim]!.join(', ')}`);
  if (f.merchant?.length) parts.push(`Merchant ${f.merchant.length > 3 ? `${f.merchant.slice(0, 3).join(', ')} and ${f.merchant.length - 3} more` : f.merchant.join(', ')}`);
  return parts.length ? parts.join(' · ') : 'no other filter';
}

/** The comparison in words with its dates, or null when there is none. */
export function compareText(filter: MetricFilter | undefined, compare: CompareSpec | undefined): string | null {
  if (!compare) return null;
  const r = comparisonRange(filter ?? {}, compare);
  const what = compare === 'previous' ? 'the previous period' : compare === 'year' ? 'the same dates a year earlier' : 'a chosen period';
  return `compared with ${what} (${r.from} to ${r.to})`;
}

/** One line naming the whole view: "Period 2024-01-01 to 2024-01-31 · Region LAGOS · compared with …". */
export function viewLine(filter: MetricFilter | undefined, compare?: CompareSpec): string {
  const other = filterText(filter);
  const cmp = compareText(filter, compare);
  return [`Period ${periodText(filter)}`, ...(other === 'no other filter' ? [] : [other]), ...(cmp ? [cmp] : [])].join(' · ');
}

const MAX_NAME = 150;

/**
 * A file name saying what the file holds: "top_merchants 2024-01-01_2024-01-31 region-LAGOS-KANO vs-previous.xlsx".
 * Only letters, digits, space, dot, hyphen and underscore (what saveFile accepts), at most 150 characters
 * before the extension.
 */
export function viewFileName(base: string, filter: MetricFilter | undefined, compare: CompareSpec | undefined, ext: string): string {
  const f = filter ?? {};
  const parts = [base];
  if (f.from || f.to) parts.push(`${f.from ?? 'start'}_${f.to ?? 'end'}`);
  for (const dim of FILTER_DIMENSIONS) if (f[dim]?.length) parts.push(`${dim}-${f[dim]!.join('-')}`);
  for (const dim of FILTER_DIMENSIONS) if (f.exclude?.[dim]?.length) parts.push(`not-${dim}-${f.exclude[dim]!.join('-')}`);
  if (f.merchant?.length) parts.push(f.merchant.length === 1 ? `merchant-${f.merchant[0]}` : `${f.merchant.length}-merchants`);
  if (compare) parts.push(typeof compare === 'string' ? `vs-${compare}` : `vs-${compare.from}_${compare.to}`);
  const stem = parts.join(' ').replace(/[^\w.\- ]/g, '_').replace(/^[.\s]+/, '').slice(0, MAX_NAME).trim();
  return `${stem || 'export'}.${ext}`;
}
