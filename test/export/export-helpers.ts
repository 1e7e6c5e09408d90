// Shared by the export tests: a generated activity folder that exercises every metric's edge (several
// months and regions, invalid timestamps and amounts, a zero-volume merchant, one with only invalid
// amounts, exact-half failure rates, KYC steps), reading an exported Parquet data set back with
// hyparquet (a reader independent of the writer), and running metrics.sql whole through DuckDB.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { Metrics } from '../../shared/metrics.js';
import { row, tempDir, writeCsv, type Row } from '../helpers/csv.js';

export const HOSTILE = '=HYPERLINK("http://x.example","click")';

/** Three daily files over four months; returns the folder. */
export function generatedFolder(): string {
  const dir = tempDir('mad-export-src-');
  const regions = ['LAGOS', 'ABUJA', 'KANO'];
  const products = ['POS', 'AIRTIME', 'BILLS', 'CARD_PAYMENT', 'SAVINGS'];
  const statuses = ['SUCCESS', 'SUCCESS', 'FAILED', 'PENDING'];
  const files: Row[][] = [[], [], []];
  let n = 0;
  for (const month of ['01', '02', '03', '04']) {
    for (let d = 1; d <= 28; d += 9) {
      for (let k = 0; k < 12; k++) {
        n++;
        files[n % 3].push(row({
          merchant_id: `MRC-${String(1 + (n * 7) % 23).padStart(6, '0')}`,
          event_timestamp: `2024-${month}-${String(d).padStart(2, '0')}T${String(k).padStart(2, '0')}:15:0${k % 10}${k % 4 === 0 ? '.250' : ''}`,
          product: products[n % products.length],
          amount: `${(n * 37) % 900}.${String(n % 100).padStart(2, '0')}`,
          status: statuses[n % statuses.length],
          region: regions[n % regions.length],
          channel: n % 5 === 0 ? 'USSD' : 'APP',
        }));
      }
    }
  }
  files[0].push(
    row({ merchant_id: 'MRC-ZERO', amount: '0.00' }),
    row({ merchant_id: 'MRC-ZERO', amount: '0.00', event_timestamp: '2024-02-02T00:00:00' }),
    row({ merchant_id: 'MRC-NOAMOUNT', amount: 'abc' }),
    row({ merchant_id: 'MRC-UNDATED', event_timestamp: 'not-a-date', amount: '12345.67', region: 'KANO' }),
    row({ merchant_id: 'MRC-UNDATED', event_timestamp: '2024-13-45T99:00:00', status: 'FAILED' }),
    row({ merchant_id: HOSTILE, amount: '-5.00', region: 'ABUJA' }),
    row({ merchant_id: 'MRC-000002', product: 'KYC', event_type: 'DOCUMENT_SUBMITTED', amount: '', status: 'SUCCESS' }),
    row({ merchant_id: 'MRC-000002', product: 'KYC', event_type: 'VERIFICATION_COMPLETED', amount: '', status: 'SUCCESS' }),
    row({ merchant_id: 'MRC-000003', product: 'KYC', event_type: 'DOCUMENT_SUBMITTED', amount: '', status: 'FAILED' }),
    row({ merchant_id: 'MRC-000004', product: 'MONIEBOOK', event_type: 'BOOK_SALE', status: 'FAILED', event_timestamp: '2024-03-03T03:03:03' }),
  );
  files.forEach((rows, i) => writeCsv(dir, `activities_2024010${i + 1}.csv`, rows));
  return dir;
}

/** Every Parquet file under a data set, relative, sorted. */
export function parquetFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet')).sort();
}

export async function readParquet(file: string): Promise<{ rows: Record<string, unknown>[]; types: Record<string, unknown> }> {
  const buf = fs.readFileSync(file);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(ab);
  const types = Object.fromEntries(parquetSchema(metadata).children.map((c) => [c.element.name, c.element]));
  const rows = (await parquetReadObjects({ file: ab, metadata })) as Record<string, unknown>[];
  return { rows, types };
}

const num = (v: unknown) => Number(typeof v === 'object' && v !== null ? String(v) : v);

/** Runs metrics.sql whole (DuckDB's own statement splitter) over its folder and shapes the answers like Metrics. */
export async function metricsFromSql(dir: string): Promise<Metrics> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await DuckDBConnection.create(instance);
  try {
    // The file's relative glob is resolved against DuckDB's search path: the same as running it from inside the folder.
    await conn.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
    const statements = await conn.extractStatements(fs.readFileSync(path.join(dir, 'metrics.sql'), 'utf8'));
    const results: Record<string, unknown>[][] = [];
    for (let i = 0; i < statements.count; i++) results.push((await (await statements.prepare(i)).runAndReadAll()).getRowObjectsJS());
    const [, top, monthly, adoption, kyc, failures] = results;
    const top_merchants = top.map((r) => ({ merchant_id: String(r.merchant_id), total_volume: num(r.total_volume) }));
    return {
      top_merchant: top_merchants[0] ?? null,
      top_merchants,
      monthly_active_merchants: Object.fromEntries(monthly.map((r) => [String(r.month), num(r.active_merchants)])),
      product_adoption: Object.fromEntries(adoption.map((r) => [String(r.product), num(r.merchants)])),
      kyc_funnel: {
        documents_submitted: num(kyc[0].documents_submitted),
        verifications_completed: num(kyc[0].verifications_completed),
        tier_upgrades: num(kyc[0].tier_upgrades),
      },
      failure_rates: failures.map((r) => ({ product: String(r.product), failure_rate: num(r.failure_rate) })),
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
