// The clean events as a Hive-partitioned Parquet data set: OUT/month=YYYY-MM/part-N.parquet, events
// without a valid date under month=__HIVE_DEFAULT_PARTITION__ (the name Hive, Spark and DuckDB read as
// NULL). parquet-wasm (with apache-arrow to build its batches) was chosen by measurement over
// hyparquet-writer, DuckDB and @dsnp/parquetjs (docs/PERFORMANCE.md, "Parquet export").
//
// Memory stays flat at any size: a month being filled holds one batch of GROUP_ROWS events (typed
// arrays, arrow-batch.ts), which becomes one row group; written batches go back to a pool, so a year
// in date order needs two (the month and the undated events), and at most MAX_BATCHES exist (months
// interleaved in stored order hand their fullest batch to its file early, where the writer keeps it
// encoded, a few times smaller, until the row group is full); a part file is closed every PART_ROWS
// events.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { MetricFilter } from '../../../shared/filter.js';
import { naiveIso } from '../explore/events.js';
import type { ArrowBatch } from './arrow-batch.js';
import { ParquetFile } from './parquet-file.js';
import { scanExport, type StreamSummary } from './stream.js';
import { TimestampWriter } from './text-bytes.js';

export const GROUP_ROWS = 32_768;
const PART_ROWS = 1_000_000;
const MAX_BATCHES = 4;
export const UNDATED_PARTITION = '__HIVE_DEFAULT_PARTITION__';
const CREATED_BY = 'Merchant Analytics export';
// A UUID or a time never repeats enough for a dictionary, nor an amount or a line; leaving them out
// saves the writer building one to throw away. Min/max of a UUID or a time as text prune nothing.
const NO_DICTIONARY = ['event_id', 'event_timestamp', 'amount', 'source_line'];
const NO_STATISTICS = ['event_id', 'event_timestamp'];

type ParquetWasm = typeof import('parquet-wasm/node');

function writerProperties(pw: ParquetWasm) {
  let b = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.SNAPPY)
    .setMaxRowGroupSize(GROUP_ROWS)
    .setCreatedBy(CREATED_BY);
  for (const c of NO_DICTIONARY) b = b.setColumnDictionaryEnabled(c, false);
  for (const c of NO_STATISTICS) b = b.setColumnStatisticsEnabled(c, pw.EnabledStatistics.None);
  return b.build();
}

/** One month's batch being filled (none between batches) and its open part file. */
interface Month {
  dir: string;
  batch: ArrowBatch | null;
  file: ParquetFile | null;
  partRows: number;
  parts: number;
}

export interface ParquetSummary extends StreamSummary {
  partitions: string[];
  files: number;
}

export async function writeParquetExport(db: Database.Database, filter: MetricFilter, outDir: string): Promise<ParquetSummary> {
  // Loaded here, not with the module: every CLI command imports this file, and only an export needs them.
  const [pw, { ArrowBatch, ExportDictionaries }] = await Promise.all([import('parquet-wasm/node'), import('./arrow-batch.js')]);
  const { scan, events } = scanExport(db, filter);
  const dictionaries = new ExportDictionaries(scan);
  const clock = new TimestampWriter();
  const months = new Map<string, Month>();
  const pool: ArrowBatch[] = [];
  let files = 0;

  const flush = async (m: Month) => {
    if (!m.batch) return;
    const rows = m.batch.size;
    const ipc = m.batch.takeIpc();
    pool.push(m.batch);
    m.batch = null;
    if (!m.file) {
      fs.mkdirSync(m.dir, { recursive: true });
      // Each file gets its own properties: the writer takes them over.
      m.file = new ParquetFile(pw, path.join(m.dir, `part-${m.parts}.parquet`), writerProperties(pw), ipc);
      files++;
    } else await m.file.write(ipc);
    m.partRows += rows;
    if (m.partRows >= PART_ROWS) await close(m);
  };
  const close = async (m: Month) => {
    if (!m.file) return;
    const file = m.file;
    m.file = null;
    m.partRows = 0;
    m.parts++;
    await file.close();
  };
  let batches = 0;
  /** A batch for m, from the pool, new, or freed by handing the fullest waiting one to its file early. */
  const take = async (m: Month) => {
    if (pool.length === 0 && batches >= MAX_BATCHES) {
      let fullest: Month | null = null;
      for (const o of months.values()) if (o.batch && (!fullest || o.batch.size > fullest.batch!.size)) fullest = o;
      await flush(fullest!);
    }
    if (pool.length === 0) batches++;
    return (m.batch = pool.pop() ?? new ArrowBatch(GROUP_ROWS, dictionaries, clock));
  };
  const month = (key: string) => {
    let m = months.get(key);
    if (!m) months.set(key, (m = { dir: path.join(outDir, `month=${key}`), batch: null, file: null, partRows: 0, parts: 0 }));
    return m;
  };

  let monthKey = '';
  let monthOfDay = NaN;
  let summary: StreamSummary;
  try {
    for (;;) {
      const r = events.next();
      if (r.done) {
        summary = r.value;
        break;
      }
      const day = r.value.day;
      if (day !== monthOfDay) {
        monthKey = day === null ? UNDATED_PARTITION : naiveIso(day * 86_400_000)!.slice(0, 7);
        monthOfDay = day ?? NaN;
      }
      const m = month(monthKey);
      const batch = m.batch ?? (await take(m));
      batch.add(r.value);
      if (batch.size >= GROUP_ROWS) await flush(m);
    }
    for (const m of months.values()) {
      await flush(m);
      await close(m);
    }
    if (files === 0) {
      // An empty selection still leaves one valid file (the schema, no rows), so the data set reads as
      // zero rows everywhere instead of failing a reader's month=*/*.parquet glob.
      const m = month(UNDATED_PARTITION);
      fs.mkdirSync(m.dir, { recursive: true });
      m.file = new ParquetFile(pw, path.join(m.dir, 'part-0.parquet'), writerProperties(pw), new ArrowBatch(0, dictionaries, clock).takeIpc());
      files = 1;
      await close(m);
    }
  } finally {
    // On a failure the other open files are abandoned; the caller removes the partial folder.
    events.return(undefined as never);
  }
  return { ...summary, partitions: [...months.keys()].sort(), files };
}
