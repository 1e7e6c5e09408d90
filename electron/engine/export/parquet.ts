// The clean events as a Hive-partitioned Parquet data set: OUT/month=YYYY-MM/part-N.parquet, events
// without a valid date under month=__HIVE_DEFAULT_PARTITION__ (the name Hive, Spark and DuckDB read as
// NULL). hyparquet-writer was chosen by measurement (docs/PERFORMANCE.md, "Parquet export").
//
// Memory stays flat at any size: each month buffers at most GROUP_ROWS events, all months together at
// most MAX_BUFFERED (the largest goes out early when that is reached), and a part file is closed every
// PART_ROWS events. Buffers hold no per-event strings: text columns are shared, pre-encoded byte arrays
// (a label's bytes are made once) or views into a slab reused after every row group (event_id,
// event_timestamp), dates are small integers, and only the amount needs one bigint per event.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { MetricFilter } from '../../../shared/filter.js';
import { PRODUCTS, STATUSES } from '../../../shared/metrics.js';
import { naiveIso } from '../explore/events.js';
import { kindEventType, kindProduct, kindStatus } from '../model/event-kind.js';
import { EXPORT_COLUMNS } from './columns.js';
import { forEachExportEvent, type StreamSummary } from './stream.js';
import { TIMESTAMP_BYTES, TimestampWriter, UUID_BYTES, writeUuid } from './text-bytes.js';

export const GROUP_ROWS = 25_000;
const MAX_BUFFERED = 50_000;
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
const NAMES = EXPORT_COLUMNS.map(([name]) => name);
const COL = Object.fromEntries(NAMES.map((n, i) => [n, i])) as Record<(typeof NAMES)[number], number>;
// Min/max of a UUID or a time as text prune nothing (event_date has its own), and leaving them out is
// what lets the slab behind those two columns be reused: statistics would keep views into it.
const NO_STATISTICS = new Set(['event_id', 'event_timestamp']);

/** One month's events waiting to be written, as columns, and its open part file. */
class MonthBuffer {
  cols: unknown[][] = NAMES.map(() => []);
  size = 0;
  readonly ids = new Uint8Array(GROUP_ROWS * UUID_BYTES);
  readonly times = new Uint8Array(GROUP_ROWS * TIMESTAMP_BYTES);
  writer: Writer | null = null;
  partRows = 0;
  parts = 0;
  constructor(readonly dir: string) {}
}

export interface ParquetSummary extends StreamSummary {
  partitions: string[];
  files: number;
}

/** Label text to shared UTF-8 bytes, made once per distinct value. */
function byteCache(): (text: string) => Uint8Array {
  const encoder = new TextEncoder();
  const cache = new Map<string, Uint8Array>();
  return (text) => {
    let b = cache.get(text);
    if (b === undefined) cache.set(text, (b = encoder.encode(text)));
    return b;
  };
}

export async function writeParquetExport(db: Database.Database, filter: MetricFilter, outDir: string): Promise<ParquetSummary> {
  const { ParquetWriter, fileWriter } = await import('hyparquet-writer');
  const months = new Map<string, MonthBuffer>();
  const bytes = byteCache();
  const times = new TimestampWriter();
  const encoder = new TextEncoder();
  let buffered = 0;
  let files = 0;

  const flush = (m: MonthBuffer) => {
    if (m.size === 0) return;
    if (!m.writer) {
      fs.mkdirSync(m.dir, { recursive: true });
      m.writer = new ParquetWriter({ writer: fileWriter(path.join(m.dir, `part-${m.parts}.parquet`)), schema: SCHEMA, createdBy: 'Merchant Analytics export' });
      files++;
    }
    const columnData = NAMES.map((name, i) => ({ name, data: m.cols[i], statistics: !NO_STATISTICS.has(name) }));
    // The file writer writes synchronously; a promise here would mean the slabs are still being read.
    if (m.writer.write({ columnData, rowGroupSize: GROUP_ROWS }) !== undefined) throw new Error('the Parquet writer went asynchronous');
    m.partRows += m.size;
    buffered -= m.size;
    m.cols = NAMES.map(() => []);
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

  let monthKey = '';
  let monthOfDay = NaN;
  const summary = forEachExportEvent(db, filter, ({ block: b, i, day, source }, { labels, sources }) => {
    if (day !== monthOfDay) {
      monthKey = day === null ? UNDATED_PARTITION : naiveIso(day * 86_400_000)!.slice(0, 7);
      monthOfDay = day ?? NaN;
    }
    let m = months.get(monthKey);
    if (!m) months.set(monthKey, (m = new MonthBuffer(path.join(outDir, `month=${monthKey}`))));
    const c = m.cols;
    const n = m.size;
    const kind = b.kind[i];
    const attrs = b.attrs[i];
    writeUuid(b.eventId, i, m.ids, n * UUID_BYTES);
    c[COL.event_id].push(m.ids.subarray(n * UUID_BYTES, (n + 1) * UUID_BYTES));
    c[COL.merchant_id].push(bytes(labels.merchants[b.merchant[i]] ?? ''));
    const ts = b.ts[i];
    if (ts !== ts) c[COL.event_timestamp].push(null);
    else {
      const o = n * TIMESTAMP_BYTES;
      const len = times.write(ts, m.times, o);
      c[COL.event_timestamp].push(len < 0 ? encoder.encode(naiveIso(ts)!) : m.times.subarray(o, o + len));
    }
    c[COL.event_date].push(day);
    c[COL.product].push(bytes(PRODUCTS[kindProduct(kind)]));
    c[COL.event_type].push(bytes(labels.eventTypes.get(kindEventType(kind)) ?? ''));
    // A bigint is written as the unscaled value exactly; a number would go through float scaling.
    const kobo = b.amount[i];
    c[COL.amount].push(kobo === kobo ? BigInt(kobo) : null);
    c[COL.status].push(bytes(STATUSES[kindStatus(kind)]));
    c[COL.channel].push(bytes(labels.attrChannel[attrs] ?? ''));
    c[COL.region].push(bytes(labels.attrRegion[attrs] ?? ''));
    c[COL.merchant_tier].push(bytes(labels.attrTier[attrs] ?? ''));
    c[COL.source_file].push(bytes(sources[source]));
    c[COL.source_line].push(b.line[i] === b.line[i] ? b.line[i] : null);
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
  if (files === 0) {
    // An empty selection still leaves one valid file (the schema, no rows), so the data set reads as
    // zero rows everywhere instead of failing a reader's month=*/*.parquet glob.
    const m = new MonthBuffer(path.join(outDir, `month=${UNDATED_PARTITION}`));
    months.set(UNDATED_PARTITION, m);
    fs.mkdirSync(m.dir, { recursive: true });
    new ParquetWriter({ writer: fileWriter(path.join(m.dir, 'part-0.parquet')), schema: SCHEMA, createdBy: 'Merchant Analytics export' }).finish();
    files = 1;
  }
  return { ...summary, partitions: [...months.keys()].sort(), files };
}
