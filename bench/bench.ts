// The speed benchmark of issue 3: imports a data set through EngineClient (the worker path the app uses)
// into a fresh database and measures import speed, peak memory, database size, metric latency,
// re-import, forget-a-file, progress cadence and cancel latency.
//
//   npm run bench -- [--rows N [--days D] [--seed S] | --data DIR] [--json] [--keep] [--work DIR] [--runs N]
//                    [--tuning '{"batchRows":4096}']   (engine tuning, for experiments only)
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { EngineClient } from '../electron/engine/client.js';
import type { ImportProgress, ImportSummary } from '../shared/importing.js';
import type { EngineTuning } from '../electron/engine/protocol.js';
import { FULL_YEAR_ROWS, resolveSize } from './generate.js';
import type { GenerateResult } from './generate.js';
import { RssSampler, csvFiles, dbBytes, highWaterMark, median, percentile, round } from './measure.js';
import { measureExplore, type ExploreResult } from './explore.js';

export interface BenchOptions {
  rows?: number;
  days?: number;
  seed: number;
  data?: string;
  json: boolean;
  keep: boolean;
  /** Where generated data and the benchmark databases go. */
  work: string;
  /** Warm getMetrics runs to take the median of. */
  runs: number;
  /** Engine tuning for experiments (batch and commit sizes); the app's defaults when absent. */
  tuning?: Partial<EngineTuning>;
}

export interface BenchResult extends ExploreResult {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  files: number;
  csv_bytes: number;
  import_seconds: number;
  rows_per_second: number;
  peak_rss_mb: number;
  db_bytes: number;
  /** db_bytes / csv_bytes. */
  db_to_csv: number;
  /**
   * getMetrics answers all five metrics in one call; the engine has no per-metric entry point yet, so each
   * metric is given the time of the whole call (an upper bound for each), median of `runs` warm calls.
   */
  metrics_ms: Record<string, number>;
  get_metrics_ms: { median: number; p95: number; min: number; max: number; runs: number };
  first_metrics_ms: number;
  reimport_seconds: number;
  reimport_unchanged_files: number;
  forget_file_seconds: number;
  forget_events_removed: number;
  /** Peak RSS while forgetting the file (each phase's peak is measured afresh). */
  forget_peak_rss_mb: number;
  progress_events: number;
  progress_max_gap_ms: number;
  /** Where that gap was: share of the bytes done at the events around it ('start' / 'end' of the import). */
  progress_max_gap_between: { from: number | 'start' | 'end'; to: number | 'start' | 'end' };
  /** Progress events of the import that arrived after its call had returned, up to the next request (should be 0). */
  progress_after_end: number;
  /** RSS (MB) against the share of bytes imported, at up to 11 evenly spaced progress events: flat or growing. */
  rss_by_progress: { done: number; rss_mb: number }[];
  cancel_after_ms: number | null;
  cancel_latency_ms: number | null;
  cancel_status: string | null;
  /** Peak RSS of the cancelled import (a second engine in the same process). */
  cancel_peak_rss_mb: number;
  /** generated: a data set made by bench/generate.ts (false for --data); cached: made by an earlier run. */
  data: { dir: string; generated: boolean; cached: boolean; generate_seconds: number | null; seed: number | null };
  node: string;
  cpus: number;
  /** The code measured: HEAD, and whether the engine or migrations had uncommitted changes (out/ is built from the work tree). */
  code: { commit: string | null; engine_dirty: boolean | null };
}

const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

function parseArgs(argv: string[]): BenchOptions {
  const root = path.resolve(__dirname, '..', '..');
  const opts: BenchOptions = { seed: 1, json: false, keep: false, work: path.join(root, '.bench-data'), runs: 20 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = Number(value());
      if (!Number.isInteger(v) || v <= 0) throw new Error(`${flag} needs a positive whole number`);
      return v;
    };
    if (flag === '--rows') opts.rows = num();
    else if (flag === '--days') opts.days = num();
    else if (flag === '--seed') opts.seed = num();
    else if (flag === '--runs') opts.runs = num();
    else if (flag === '--data') opts.data = path.resolve(value());
    else if (flag === '--work') opts.work = path.resolve(value());
    else if (flag === '--tuning') opts.tuning = JSON.parse(value()) as Partial<EngineTuning>;
    else if (flag === '--json') opts.json = true;
    else if (flag === '--keep') opts.keep = true;
    else throw new Error(`Unknown option ${flag}`);
  }
  if (opts.data && (opts.rows || opts.days)) throw new Error('Give either --data DIR or --rows/--days, not both.');
  return opts;
}

/**
 * Generated data sets are cached by size and seed; the generator runs in a child process so that its
 * memory does not count in this process's peak RSS.
 */
function ensureData(opts: BenchOptions): { dir: string; generated: boolean; seconds: number | null } {
  const { rows, days } = resolveSize({ rows: opts.rows ?? (opts.days ? undefined : FULL_YEAR_ROWS), days: opts.days });
  const dir = path.join(opts.work, `gen-${rows}r-${days}d-s${opts.seed}`);
  const marker = `${dir}.json`;
  if (fs.existsSync(marker) && fs.existsSync(dir)) {
    log(`using cached data set ${dir}`);
    return { dir, generated: false, seconds: null };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  log(`generating ${rows} rows over ${days} days (seed ${opts.seed}) into ${dir}`);
  const out = execFileSync(
    process.execPath,
    [path.join(__dirname, 'generate.js'), '--out', dir, '--rows', String(rows), '--days', String(days), '--seed', String(opts.seed)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  const result = JSON.parse(out) as Omit<GenerateResult, 'files'>;
  fs.writeFileSync(marker, JSON.stringify(result, null, 1));
  return { dir, generated: true, seconds: result.seconds };
}

function freshDb(runDir: string, name: string): string {
  const db = path.join(runDir, name);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  return db;
}

function checkSummary(summary: ImportSummary, what: string): void {
  if (summary.status !== 'done') throw new Error(`${what} ended with status ${summary.status}`);
}

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  fs.mkdirSync(opts.work, { recursive: true });
  const data = opts.data
    ? { dir: opts.data, generated: false, seconds: null }
    : ensureData(opts);
  const csv = csvFiles(data.dir);
  if (csv.files.length === 0) throw new Error(`No .csv files in ${data.dir}`);
  const runDir = fs.mkdtempSync(path.join(opts.work, 'run-'));
  const paths = [data.dir];

  try {
    // 1. The import, with memory sampled throughout.
    const dbPath = freshDb(runDir, 'bench.db');
    const engine = await EngineClient.open(dbPath, { tuning: opts.tuning });
    const progressTimes: number[] = [];
    const progressDone: number[] = [];
    const rssTrace: { done: number; rss_mb: number }[] = [];
    let importEnded = false;
    let progressAfterEnd = 0;
    const unsubscribe = engine.onProgress((p) => {
      if (importEnded) return void progressAfterEnd++;
      progressTimes.push(performance.now());
      progressDone.push(p.bytes_total > 0 ? round(p.bytes_done / p.bytes_total, 3) : 0);
      if (p.bytes_total > 0) rssTrace.push({ done: round(p.bytes_done / p.bytes_total, 2), rss_mb: round(process.memoryUsage.rss() / 1048576) });
    });
    const rss = new RssSampler();
    rss.start(50);
    log(`importing ${csv.files.length} files, ${round(csv.bytes / 1e6)} MB`);
    const t0 = performance.now();
    const summary = await engine.request('importPaths', { paths });
    const t1 = performance.now();
    importEnded = true;
    const peakRss = rss.stop();
    checkSummary(summary, 'The import');
    const importDbBytes = dbBytes(dbPath);
    // Gaps between consecutive moments: import start, each progress event, import end.
    const moments = [t0, ...progressTimes, t1];
    const doneAt = ['start', ...progressDone, 'end'] as (number | 'start' | 'end')[];
    let gapAt = 1;
    for (let i = 1; i < moments.length; i++) if (moments[i] - moments[i - 1] > moments[gapAt] - moments[gapAt - 1]) gapAt = i;
    const maxGap = moments[gapAt] - moments[gapAt - 1];
    const importSeconds = (t1 - t0) / 1000;
    log(`imported ${summary.rows_read} rows in ${round(importSeconds, 2)} s, peak RSS ${round(peakRss)} MB`);

    // 2. Metrics: the first answer right after the import, then warm runs.
    const m0 = performance.now();
    await engine.request('getMetrics', {});
    const firstMetricsMs = performance.now() - m0;
    const warm: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const s = performance.now();
      await engine.request('getMetrics', {});
      warm.push(performance.now() - s);
    }
    const getMetricsMedian = median(warm);

    // Events of the first import only: the re-import below sends its own.
    unsubscribe();
    const lateProgress = progressAfterEnd;

    // 2b. Filters: the dashboard under random filters, facets, trends, merchants, events (bench/explore.ts).
    const explore = await measureExplore(engine, opts.seed);

    // 3. Re-import of the same paths: every file unchanged.
    const r0 = performance.now();
    const again = await engine.request('importPaths', { paths });
    const reimportSeconds = (performance.now() - r0) / 1000;
    checkSummary(again, 'The re-import');

    // 4. Forget one day in the middle of the range, then show updated metrics.
    const history = await engine.request('getHistory', {});
    const sources = [...history.sources].sort((a, b) => a.path.localeCompare(b.path));
    const victim = sources[Math.floor(sources.length / 2)];
    const forgetRss = new RssSampler();
    forgetRss.start(50);
    const f0 = performance.now();
    const forgot = await engine.request('forgetFile', { source_id: victim.id });
    await engine.request('getMetrics', {});
    const forgetSeconds = (performance.now() - f0) / 1000;
    const forgetPeak = forgetRss.stop();
    await engine.close();

    // 5. Cancel: a fresh import into a new database, cancelled after ~2 s (or a quarter of the bytes on
    //    a small data set), timed from the cancel request until the import call returns.
    const cancelRss = new RssSampler();
    cancelRss.start(50);
    const cancel = await measureCancel(freshDb(runDir, 'cancel.db'), paths);
    const cancelPeak = cancelRss.stop();

    const metricsMs = Object.fromEntries(
      ['top_merchant', 'monthly_active_merchants', 'product_adoption', 'kyc_funnel', 'failure_rates'].map((k) => [
        k,
        round(getMetricsMedian, 2),
      ]),
    );
    return {
      rows: summary.rows_read,
      accepted: summary.accepted,
      duplicates: summary.duplicates,
      rejected: summary.rejected,
      files: csv.files.length,
      csv_bytes: csv.bytes,
      import_seconds: round(importSeconds, 3),
      rows_per_second: Math.round(summary.rows_read / importSeconds),
      peak_rss_mb: round(peakRss),
      db_bytes: importDbBytes,
      db_to_csv: round(importDbBytes / csv.bytes, 3),
      metrics_ms: metricsMs,
      get_metrics_ms: {
        median: round(getMetricsMedian, 2),
        p95: round(percentile(warm, 95), 2),
        min: round(Math.min(...warm), 2),
        max: round(Math.max(...warm), 2),
        runs: warm.length,
      },
      first_metrics_ms: round(firstMetricsMs, 2),
      reimport_seconds: round(reimportSeconds, 3),
      reimport_unchanged_files: again.files.unchanged,
      forget_file_seconds: round(forgetSeconds, 3),
      forget_events_removed: forgot.events_removed,
      forget_peak_rss_mb: round(forgetPeak),
      progress_events: progressTimes.length,
      progress_max_gap_ms: round(maxGap),
      progress_max_gap_between: { from: doneAt[gapAt - 1], to: doneAt[gapAt] },
      progress_after_end: lateProgress,
      rss_by_progress: thin(rssTrace, 11),
      ...explore,
      ...cancel,
      cancel_peak_rss_mb: round(cancelPeak),
      data: {
        dir: data.dir,
        generated: !opts.data,
        cached: !opts.data && !data.generated,
        generate_seconds: data.seconds,
        seed: opts.data ? null : opts.seed,
      },
      node: process.version,
      cpus: (await import('node:os')).availableParallelism(),
      code: codeVersion(),
    };
  } finally {
    if (!opts.keep) {
      fs.rmSync(runDir, { recursive: true, force: true });
      // A data set kept by an earlier --keep run stays cached; only what this run generated goes.
      if (!opts.data && data.generated) {
        fs.rmSync(data.dir, { recursive: true, force: true });
        fs.rmSync(`${data.dir}.json`, { force: true });
      }
    }
  }
}

async function measureCancel(
  dbPath: string,
  paths: string[],
): Promise<Pick<BenchResult, 'cancel_after_ms' | 'cancel_latency_ms' | 'cancel_status'>> {
  const engine = await EngineClient.open(dbPath);
  try {
    const start = performance.now();
    let cancelAt = 0;
    let requested: (() => void) | null = null;
    const trigger = new Promise<void>((resolve) => (requested = resolve));
    const timer = setTimeout(() => requested?.(), 2000);
    engine.onProgress((p: ImportProgress) => {
      if (p.bytes_total > 0 && p.bytes_done >= p.bytes_total / 4) requested?.();
    });
    const importing = engine.call('importPaths', { paths }).then((r) => ({ r, at: performance.now() }));
    const first = await Promise.race([importing.then(() => 'finished' as const), trigger.then(() => 'cancel' as const)]);
    clearTimeout(timer);
    if (first === 'finished') return { cancel_after_ms: null, cancel_latency_ms: null, cancel_status: 'finished_before_cancel' };
    cancelAt = performance.now();
    await engine.call('cancelImport', {});
    const { r, at } = await importing;
    const status = r.ok ? r.value.status : `error:${r.error.code}`;
    // On a small set the last file can finish while the cancel is on its way: nothing left to cancel.
    if (status === 'done') return { cancel_after_ms: round(cancelAt - start), cancel_latency_ms: null, cancel_status: 'finished_before_cancel' };
    return { cancel_after_ms: round(cancelAt - start), cancel_latency_ms: round(at - cancelAt), cancel_status: status };
  } finally {
    await engine.close();
  }
}

function codeVersion(): BenchResult['code'] {
  const root = path.resolve(__dirname, '..', '..');
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const status = git('status', '--porcelain', '--', 'electron/engine', 'migrations', 'shared');
  return { commit: git('rev-parse', '--short', 'HEAD'), engine_dirty: status === null ? null : status.length > 0 };
}

/** Up to n entries spread evenly over the list, the first and last included. */
function thin<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.round((i * (list.length - 1)) / (n - 1))]);
}

function printTable(r: BenchResult): void {
  const lines: [string, string][] = [
    ['rows', `${r.rows.toLocaleString('en')} (${r.files} files, ${round(r.csv_bytes / 1e6)} MB CSV)`],
    ['accepted / duplicates / rejected', `${r.accepted} / ${r.duplicates} / ${r.rejected}`],
    ['import', `${r.import_seconds} s  (${r.rows_per_second.toLocaleString('en')} rows/s)`],
    ['peak RSS', `${r.peak_rss_mb} MB`],
    ['database', `${round(r.db_bytes / 1e6)} MB  (${r.db_to_csv} × CSV)`],
    ['getMetrics, all five (median warm)', `${r.get_metrics_ms.median} ms  (p95 ${r.get_metrics_ms.p95}, ${r.get_metrics_ms.runs} runs)`],
    ['index for filters, first build', `${r.index_build_ms} ms`],
    ['filtered dashboard (random filters)', `p50 ${r.filtered_dashboard_ms.p50} ms, p95 ${r.filtered_dashboard_ms.p95} ms, max ${r.filtered_dashboard_ms.max} ms (${r.filtered_dashboard_ms.runs} runs)`],
    ['getDimensions / getTrend (day, p95)', `${r.dimensions_ms.p95} ms / ${r.trend_ms.p95} ms`],
    ['searchMerchants / getMerchant (max)', `${r.search_ms.max} ms / ${r.merchant_ms.max} ms`],
    ['getEvents first / later page (max)', `${r.events_first_page_ms.max} ms / ${r.events_later_page_ms.max} ms`],
    ['peak RSS while answering filters', `${r.explore_peak_rss_mb} MB`],
    ['first metrics after import', `${r.first_metrics_ms} ms`],
    ['re-import unchanged', `${r.reimport_seconds} s  (${r.reimport_unchanged_files} files unchanged)`],
    ['forget one file + metrics', `${r.forget_file_seconds} s  (${r.forget_events_removed} events removed)`],
    ['progress events / max gap', `${r.progress_events} / ${r.progress_max_gap_ms} ms`],
    ['RSS along the import', r.rss_by_progress.map((t) => `${Math.round(t.done * 100)}%:${Math.round(t.rss_mb)}`).join(' ')],
    ['cancel latency', r.cancel_latency_ms === null ? `not measured (${r.cancel_status})` : `${r.cancel_latency_ms} ms after ${r.cancel_after_ms} ms (${r.cancel_status})`],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

if (require.main === module) {
  let opts: BenchOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  runBench(opts).then(
    (result) => {
      if (opts.json) process.stdout.write(JSON.stringify(result) + '\n');
      else printTable(result);
      log(`VmHWM at exit ${round((highWaterMark() ?? 0) / 1024 / 1024)} MB`);
    },
    (err: unknown) => {
      process.stderr.write(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
