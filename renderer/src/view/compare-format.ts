// How a number reads next to its comparison: the previous value, the change and the change in percent.
// Money changes are taken in whole kobo and rates in tenths of a point, so a change is exact, never a
// binary-fraction artefact; a previous value of 0 reads "new", never infinity.
import { formatCount, formatNaira, formatPercent } from '../../../shared/format';

export type ValueKind = 'count' | 'money' | 'rate';

export interface ChangeCells {
  previous: string;
  change: string;
  percent: string;
}

const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '');
const scale: Record<ValueKind, number> = { count: 1, money: 100, rate: 10 };

export function changeCells(current: number | null | undefined, previous: number | null | undefined, kind: ValueKind): ChangeCells {
  const fmt = kind === 'money' ? formatNaira : kind === 'rate' ? formatPercent : formatCount;
  if (previous === null || previous === undefined) return { previous: '—', change: '—', percent: '—' };
  const cur = current ?? 0;
  const s = scale[kind];
  const delta = Math.round(cur * s) - Math.round(previous * s);
  const abs = Math.abs(delta) / s;
  const change =
    kind === 'rate' ? `${sign(delta)}${oneDecimal.format(abs)} pp` : kind === 'money' ? `${sign(delta)}${formatNaira(abs)}` : `${sign(delta)}${formatCount(abs)}`;
  // Rates change in percentage points; a percent of a percent would mislead.
  let percent: string;
  if (kind === 'rate') percent = '—';
  else if (previous === 0) percent = cur === 0 ? '0.0%' : 'new';
  else percent = `${sign(delta)}${oneDecimal.format((Math.abs(delta) / Math.round(previous * s)) * 100)}%`;
  return { previous: fmt(previous), change, percent };
}

/**
 * part / whole for the KYC funnel's "continued" text: rounded half-up like every rate, except that a
 * rate below 100% never reads 100.0% (999 of 1000 continued is not everyone).
 */
export function continuedPercent(part: number, whole: number): number | null {
  if (!whole) return null;
  const r = Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
  return r >= 100 && part < whole ? 99.9 : r;
}
