// README.txt beside the Parquet data set: what the columns mean, how the events were accepted, and where
// they came from, so the folder explains itself to whoever receives it.
import type { MetricFilter } from '../../../shared/filter.js';
import { EXPORT_COLUMNS } from './columns.js';
import { filterWhere } from './metrics-sql.js';
import { UNDATED_PARTITION, type ParquetSummary } from './parquet.js';

export function readmeText(db: string, filter: MetricFilter, s: ParquetSummary, exportedAt: Date): string {
  const where = filterWhere(filter);
  const w = Math.max(...EXPORT_COLUMNS.map(([n]) => n.length));
  return [
    'Merchant Analytics: clean events',
    '================================',
    '',
    `Exported ${exportedAt.toISOString()} from the database ${db}.`,
    `${s.events.toLocaleString('en-US')} events from ${s.filesUsed} of the ${s.filesStored} imported source files` +
      (s.firstDate ? `, dated ${s.firstDate} to ${s.lastDate}.` : '.'),
    `Filter: ${where ? where.replace(/\n {2}/g, ' ') : 'none (every accepted event)'}.`,
    '',
    'Layout: a Hive-partitioned Parquet data set, month=YYYY-MM/part-N.parquet, by the month of',
    `event_timestamp as written; events without a valid timestamp are under month=${UNDATED_PARTITION}`,
    '(read as a NULL month). metrics.sql computes the five metrics of the app over this folder.',
    '',
    'Columns (strings unless said otherwise):',
    ...EXPORT_COLUMNS.map(([n, what]) => `  ${n.padEnd(w)}  ${what}`),
    '',
    'Import policy, in short: a row was rejected (and is not here) when its field count differed from',
    "the header's, its event_id was not a UUID, merchant_id was empty, product was not one of the seven,",
    'or status was not SUCCESS, FAILED or PENDING. A row with an invalid timestamp or amount was kept with',
    'that value empty. product, status and event_type are upper-case; other values are trimmed. Duplicate',
    'event_ids (compared case-insensitively) were dropped: the first occurrence, in sorted file order, is',
    'the one here. Timestamps are as written, with no time-zone conversion. Amounts are exact to the kobo.',
    '',
  ].join('\r\n');
}
