// The drawer's rows as a CSV file: every column getEvents gives, written through shared/csv-safe so a
// merchant id or product cannot run as a formula in a spreadsheet.
import { EVENT_COLUMNS, type EventRow } from '../../../shared/exploring';
import { toCsv } from '../../../shared/csv-safe';

export function eventsCsv(rows: EventRow[]): string {
  return toCsv(EVENT_COLUMNS as string[], rows.map((r) => EVENT_COLUMNS.map((c) => r[c])));
}
