// How a metric's table is exported: its columns, what kind of value each holds, its rows as plain
// values, and how a row finds its value in a comparison period. The CSV and the XLSX both read these,
// so a column is named, ordered and paired the same way in every file.
import type { Metrics } from '../../../shared/metrics.js';

/** money: naira to the kobo; rate: percent units (12.5 = 12.5%); points: a change of a rate; month: YYYY-MM; datetime: a naive ISO timestamp. */
export type CellKind = 'text' | 'count' | 'money' | 'rate' | 'points' | 'month' | 'datetime';
export type Cell = string | number | null;

export interface MetricColumns {
  fields: string[];
  kinds: CellKind[];
  rows(m: Metrics): Cell[][];
  /** The column a comparison compares; each row's value in the other period (null: not there). */
  compare: {
    column: number;
    previous(m: Metrics, prev: Metrics): (number | null)[];
    /** Rows paired by position rather than by name also say which row of the other period they took. */
    period?: { field: string; kind: CellKind; values(m: Metrics, prev: Metrics): (string | null)[] };
  };
}
