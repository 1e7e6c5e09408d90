// The clean events as a Hive-partitioned Parquet data set: OUT/month=YYYY-MM/part-N.parquet, events
// without a valid date under month=__HIVE_DEFAULT_PARTITION__ (the name Hive, Spark and DuckDB read as
// NULL). hyparquet-writer was chosen by measurement (docs/PERFORMANCE.md, "Parquet export"). Memory
// stays flat: each month buffers at most GROUP_ROWS events before they go out as one row group, all
// months together at most MAX_BUFFERED, and a part file is closed every PART_ROWS events.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { MetricFilter } from '../../../shared/filter.js';
import { EXPORT_COLUMNS } from './columns.js';
import { forEachExportRow, type StreamSummary } from './stream.js';

export const GROUP_ROWS = 100_000;
const MAX_BUFFERED = 250_000;
const PART_ROWS = 1_000_000;
export const UNDATED_PARTITION = '__HIVE_DEFAULT_PARTITION__';

type HyparquetWriter = typeof import('hyparquet-writer');
type Schema = ConstructorParameters<HyparquetWriter['ParquetWriter']>[0]['schema'];
type Writer = InstanceType<HyparquetWriter['ParquetWriter']>;

const STRING = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' } as const;
const TYPES: Record<string, object> = {
  event_date: { type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
  amount: { type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18, repetition_type: 'OPTIONAL' },
  source_line: { type: 'INT32', repetition_type: 'OPTIONAL' },
};
const SCHEMA = [
  { name: 'root', num_children: EXPORT_COLUMNS.length },
  ...EXPORT_COLUMNS.map(([name]) => ({ name, ...(TYPES[name] ?? STRING) })),
] as unknown as Schema;

/** One month's events waiting to be written, as columns. */
class MonthBuffer {
  cols: Record<string, unknown[]> = MonthBuffer.empty();
  size = 0;
  writer: Writer | null = null;
  partRows = 0;
  parts = 0;
  constructor(readonly dir: string) {}
  static empty(): Record<string, unknown[]> {
    return Object.fromEntries(EXPORT_COLUMNS.map(([name]) => [name, []]));
  }
}

export interface ParquetSummary extends StreamSummary {
  partitions: string[];
  files: number;
}

export async function writeParquetExport(db: Database.Database, filter: MetricFilter, outDir: string): Promise<ParquetSummary> {
  const { ParquetWriter, fileWriter } = await import('hyparquet-writer');
  const months = new Map<string, MonthBuffer>();
  let buffered = 0;
  let files = 0;

  const flush = (m: MonthBuffer) => {
    if (m.size === 0) return;
    if (!m.writer) {
      fs.mkdirSync(m.dir, { recursive: true });
      m.writer = new ParquetWriter({ writer: fileWriter(path.join(m.dir, `part-${m.parts}.parquet`)), schema: SCHEMA, createdBy: 'Merchant Analytics export' });
      files++;
    }
    void m.writer.write({ columnData: EXPORT_COLUMNS.map(([name]) => ({ name, data: m.cols[name] })), rowGroupSize: GROUP_ROWS });
    m.partRows += m.size;
    buffered -= m.size;
    m.cols = MonthBuffer.empty();
    m.size = 0;
    if (m.partRows >= PART_ROWS) close(m);
  };
  const close = (m: MonthBuffer) => {
    if (!m.writer) return;
    m.writer.finish();
    m.writer = null;
    m.partRows = 0;
    m.parts++;
  };

  const summary = forEachExportRow(db, filter, (r) => {
    const key = r.event_timestamp === null ? UNDATED_PARTITION : r.event_timestamp.slice(0, 7);
    let m = months.get(key);
    if (!m) months.set(key, (m = new MonthBuffer(path.join(outDir, `month=${key}`))));
    const c = m.cols;
    c.event_id.push(r.event_id);
    c.merchant_id.push(r.merchant_id);
    c.event_timestamp.push(r.event_timestamp);
    c.event_date.push(r.day);
    c.product.push(r.product);
    c.event_type.push(r.event_type);
    // A bigint is written as the unscaled value exactly; a number would go through float scaling.
    c.amount.push(r.kobo === r.kobo ? BigInt(r.kobo) : null);
    c.status.push(r.status);
    c.channel.push(r.channel);
    c.region.push(r.region);
    c.merchant_tier.push(r.merchant_tier);
    c.source_file.push(r.source_file);
    c.source_line.push(r.source_line);
    m.size++;
    buffered++;
    if (m.size >= GROUP_ROWS) flush(m);
    else if (buffered >= MAX_BUFFERED) {
      let largest = m;
      for (const other of months.values()) if (other.size > largest.size) largest = other;
      flush(largest);
    }
  });
  for (const m of months.values()) {
    flush(m);
    close(m);
  }
  return { ...summary, partitions: [...months.keys()].sort(), files };
}
