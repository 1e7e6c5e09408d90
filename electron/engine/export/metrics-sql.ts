// metrics.sql beside the Parquet data set: the README's five metrics in SQL that DuckDB runs unchanged
// from inside the export folder, and Spark SQL, Trino or BigQuery run once the one CREATE VIEW line
// names their table. Only constructs all four share are used; the comments in the SQL say why.
import { FILTER_DIMENSIONS, type MetricFilter } from '../../../shared/filter.js';

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** The filter as a WHERE clause over `events` (values compare upper-cased, as the app compares them). */
export function filterWhere(filter: MetricFilter): string {
  const parts: string[] = [];
  if (filter.from) parts.push(`event_date >= DATE ${quote(filter.from)}`);
  if (filter.to) parts.push(`event_date <= DATE ${quote(filter.to)}`);
  const column = (d: string) => (d === 'tier' ? 'merchant_tier' : d);
  for (const d of FILTER_DIMENSIONS) {
    const keep = filter[d];
    const drop = filter.exclude?.[d];
    if (keep?.length) parts.push(`UPPER(${column(d)}) IN (${keep.map(quote).join(', ')})`);
    if (drop?.length) parts.push(`UPPER(${column(d)}) NOT IN (${drop.map(quote).join(', ')})`);
  }
  if (filter.merchant?.length) parts.push(`merchant_id IN (${filter.merchant.map(quote).join(', ')})`);
  return parts.join('\n  AND ');
}

export function metricsSql(filter: MetricFilter): string {
  const used = filterWhere(filter);
  return `-- The five metrics of Merchant Analytics over this folder (definitions: README.txt).
-- DuckDB: run from inside this folder, e.g.  duckdb < metrics.sql  (from elsewhere, put the folder's
--   path in front of month=*/*.parquet below, e.g. '/data/export/month=*/*.parquet').
-- Spark SQL, Trino, BigQuery: replace the CREATE VIEW line below with your table, e.g.
--   CREATE VIEW events AS SELECT * FROM parquet.\`/path/to/export\`                  (Spark SQL)
--   CREATE VIEW events AS SELECT * FROM hive.analytics.merchant_events             (Trino)
--   CREATE VIEW analytics.events AS SELECT * FROM analytics.merchant_events       (BigQuery)
-- The rest is plain SQL all four run as written. No comment holds a semicolon, so a tool that splits
-- the file on semicolons runs its statements one by one.
CREATE VIEW events AS SELECT * FROM read_parquet('month=*/*.parquet', hive_partitioning = true);

-- Filter template: to compute the metrics over a selection, define events over it instead, e.g.
--   CREATE VIEW events AS SELECT * FROM read_parquet('month=*/*.parquet', hive_partitioning = true)
--   WHERE event_date >= DATE '2024-01-01' AND event_date <= DATE '2024-03-31'
--     AND UPPER(region) IN ('LAGOS') AND UPPER(channel) NOT IN ('USSD') AND merchant_id IN ('MRC-000001')
-- (A date bound leaves out events without a valid timestamp, as the app does.)
-- This folder was exported ${used ? `with the filter\n--   ${used.replace(/\n {2}/g, '\n--   ')}` : 'without a filter (every accepted event)'}.

-- 1. top_merchant (the first row) and top_merchants: total SUCCESS amount, NULL amounts left out,
--    ties go to the smaller merchant_id.
SELECT merchant_id, SUM(amount) AS total_volume
FROM events
WHERE status = 'SUCCESS' AND amount IS NOT NULL
GROUP BY merchant_id
ORDER BY total_volume DESC, merchant_id
LIMIT 10;

-- 2. monthly_active_merchants: distinct merchants with a SUCCESS event per month of the timestamp as written.
SELECT SUBSTR(event_timestamp, 1, 7) AS month, COUNT(DISTINCT merchant_id) AS active_merchants
FROM events
WHERE status = 'SUCCESS' AND event_timestamp IS NOT NULL
GROUP BY SUBSTR(event_timestamp, 1, 7)
ORDER BY month;

-- 3. product_adoption: distinct merchants with any event of the product, count descending, ties by product.
SELECT product, COUNT(DISTINCT merchant_id) AS merchants
FROM events
GROUP BY product
ORDER BY merchants DESC, product;

-- 4. kyc_funnel: distinct merchants with a SUCCESS KYC event of each step.
SELECT
  COUNT(DISTINCT CASE WHEN event_type = 'DOCUMENT_SUBMITTED' THEN merchant_id END) AS documents_submitted,
  COUNT(DISTINCT CASE WHEN event_type = 'VERIFICATION_COMPLETED' THEN merchant_id END) AS verifications_completed,
  COUNT(DISTINCT CASE WHEN event_type = 'TIER_UPGRADE' THEN merchant_id END) AS tier_upgrades
FROM events
WHERE product = 'KYC' AND status = 'SUCCESS';

-- 5. failure_rates: FAILED / (SUCCESS + FAILED) x 100 per product, PENDING left out, rounded half-up to
--    1 dp, sorted by the exact rate descending, ties by product.
--    Rounding is done on whole numbers, FLOOR((2000 f + t) / 2t) tenths, because ROUND of a float rate
--    misses exact halves (5.05 is 5.0499... as a float). "* 1e0" makes the division a float division in
--    every engine (Trino would divide integers), and its floor is still exact, as an exact integer quotient is
--    exactly representable and any other one is at least 1/2t from the next integer.
SELECT product, FLOOR((2000 * failed + total) * 1e0 / (2 * total)) / 1e1 AS failure_rate
FROM (
  SELECT product,
         SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed,
         COUNT(*) AS total
  FROM events
  WHERE status IN ('SUCCESS', 'FAILED')
  GROUP BY product
) AS counts
ORDER BY failed * 1e0 / total DESC, product;
`;
}
