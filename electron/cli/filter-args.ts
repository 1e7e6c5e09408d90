// The CLI's filter flags, named as the URL hash names them:
//   --from D --to D --region A,B --channel A,B --tier A,B --product A,B
//   --exclude-region A,B (and -channel, -tier, -product) --merchant ID,ID --compare previous|year|D..D
// They build the same MetricFilter the API takes, checked by the same parseFilter/parseCompare.
import { FILTER_DIMENSIONS, parseCompare, parseFilter, type CompareSpec, type MetricFilter } from '../../shared/filter.js';
import { UsageError } from './args.js';

export interface FilterArgs {
  filter: MetricFilter;
  compare?: CompareSpec;
  /** True when any filter or compare flag was given. */
  given: boolean;
}

const LIST_FLAGS = new Set([...FILTER_DIMENSIONS.map((d) => `--${d}`), ...FILTER_DIMENSIONS.map((d) => `--exclude-${d}`), '--merchant']);

/** True for the flags this file reads (each takes one value). */
export function isFilterFlag(flag: string): boolean {
  return LIST_FLAGS.has(flag) || flag === '--from' || flag === '--to' || flag === '--compare';
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** Reads the filter flags out of `flags` (flag -> value, in the order given). */
export function readFilterArgs(flags: [string, string][]): FilterArgs {
  const raw: Record<string, unknown> = {};
  const exclude: Record<string, string[]> = {};
  let compareRaw: unknown;
  let given = false;
  const once = new Set<string>();
  for (const [flag, value] of flags) {
    given = true;
    if (flag === '--from' || flag === '--to' || flag === '--compare') {
      // A second date would silently replace the first; an empty one would silently mean no limit.
      if (once.has(flag)) throw new UsageError(`${flag} is given twice; give it once`);
      once.add(flag);
      if (value.trim() === '') throw new UsageError(`${flag} needs a value${flag === '--compare' ? ': previous, year or FROM..TO' : ': a date written YYYY-MM-DD'}`);
    }
    if (flag === '--from' || flag === '--to') raw[flag.slice(2)] = value;
    else if (flag === '--compare') {
      const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
      compareRaw = m ? { from: m[1], to: m[2] } : value;
      if (!m && value !== 'previous' && value !== 'year') throw new UsageError(`--compare takes previous, year or FROM..TO (YYYY-MM-DD..YYYY-MM-DD), not "${value}"`);
    } else if (flag.startsWith('--exclude-')) exclude[flag.slice('--exclude-'.length)] = [...(exclude[flag.slice('--exclude-'.length)] ?? []), ...list(value)];
    else raw[flag.slice(2)] = [...((raw[flag.slice(2)] as string[] | undefined) ?? []), ...list(value)];
  }
  if (Object.keys(exclude).length) raw.exclude = exclude;
  const filter = parseFilter(raw);
  if (typeof filter === 'string') throw new UsageError(filter.replace(/filter\.exclude\.(\w+)/g, '--exclude-$1').replace(/filter\.(\w+)/g, '--$1'));
  const compare = parseCompare(compareRaw, filter);
  if ('error' in compare) throw new UsageError(compare.error.replace(/filter\.(\w+)/g, '--$1'));
  return { filter, ...compare, given };
}
