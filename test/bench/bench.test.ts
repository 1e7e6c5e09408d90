// The benchmark runs end to end on a small generated data set through the real engine worker and
// reports every field with a sane value. No timing is asserted here: targets live in `npm run bench`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../bench/bench.js';
import { tempDir } from '../helpers/csv.js';

const root = path.resolve(__dirname, '..', '..');
const script = path.join(root, 'out', 'bench', 'bench.js');
const METRICS = ['top_merchant', 'monthly_active_merchants', 'product_adoption', 'kyc_funnel', 'failure_rates'];

function run(args: string[]): BenchResult {
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: run \`npm run build:node\` first (npm test does).`);
  const out = execFileSync(process.execPath, [script, ...args, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(1); // one JSON object on stdout, nothing else
  return JSON.parse(lines[0]) as BenchResult;
}

const positive = (n: unknown): void => {
  expect(typeof n).toBe('number');
  expect(Number.isFinite(n as number)).toBe(true);
  expect(n as number).toBeGreaterThan(0);
};

describe('npm run bench', () => {
  it('generates, imports through the worker and reports every field', { timeout: 200_000 }, () => {
    const work = tempDir('mad-bench-');
    const r = run(['--rows', '40000', '--days', '2', '--seed', '5', '--runs', '5', '--work', work]);

    expect(r.rows).toBe(40_000);
    expect(r.files).toBe(2);
    expect(r.accepted + r.duplicates + r.rejected).toBe(r.rows);
    expect(r.rejected).toBeGreaterThanOrEqual(0);
    for (const n of [r.csv_bytes, r.import_seconds, r.rows_per_second, r.peak_rss_mb, r.db_bytes, r.db_to_csv]) positive(n);
    expect(r.rows_per_second).toBeCloseTo(r.rows / r.import_seconds, -3);
    expect(r.peak_rss_mb).toBeLessThan(24 * 1024);
    expect(Object.keys(r.metrics_ms).sort()).toEqual([...METRICS].sort());
    for (const m of METRICS) positive(r.metrics_ms[m]);
    expect(r.get_metrics_ms.runs).toBe(5);
    expect(r.get_metrics_ms.min).toBeLessThanOrEqual(r.get_metrics_ms.median);
    expect(r.get_metrics_ms.median).toBeLessThanOrEqual(r.get_metrics_ms.max);
    positive(r.first_metrics_ms);
    positive(r.reimport_seconds);
    expect(r.reimport_unchanged_files).toBe(2);
    positive(r.forget_file_seconds);
    positive(r.forget_events_removed);
    positive(r.forget_peak_rss_mb);
    positive(r.cancel_peak_rss_mb);
    expect(Number.isInteger(r.progress_events)).toBe(true);
    positive(r.progress_max_gap_ms);
    expect(r.progress_max_gap_between).toHaveProperty('from');
    expect(r.progress_max_gap_between).toHaveProperty('to');
    expect(Number.isInteger(r.progress_after_end)).toBe(true);
    expect(r.code).toHaveProperty('commit');
    expect(r.rss_by_progress.length).toBeLessThanOrEqual(11);
    for (const t of r.rss_by_progress) {
      expect(t.done).toBeGreaterThanOrEqual(0);
      expect(t.done).toBeLessThanOrEqual(1);
      positive(t.rss_mb);
    }
    // On so small a set the import may finish before a cancel can be sent; either outcome is reported.
    if (r.cancel_latency_ms === null) expect(r.cancel_status).toBe('finished_before_cancel');
    else {
      expect(r.cancel_status).toBe('cancelled');
      expect(r.cancel_latency_ms).toBeGreaterThanOrEqual(0);
    }
    expect(r.data).toMatchObject({ generated: true, cached: false, seed: 5 });
    positive(r.data.generate_seconds);
    expect(r.cpus).toBeGreaterThan(0);
    // Without --keep the generated data and the databases are removed.
    expect(fs.readdirSync(work)).toEqual([]);
  });

  it('benchmarks a given folder with --data and leaves it in place', { timeout: 200_000 }, () => {
    const work = tempDir('mad-bench-');
    const data = tempDir('mad-bench-data-');
    execFileSync(process.execPath, [path.join(root, 'out', 'bench', 'generate.js'), '--out', data, '--rows', '15000', '--days', '1']);
    const r = run(['--data', data, '--runs', '3', '--work', work]);
    expect(r.rows).toBe(15_000);
    expect(r.csv_bytes).toBe(fs.statSync(path.join(data, 'activities_20240101.csv')).size);
    expect(r.data).toMatchObject({ dir: data, generated: false, cached: false, generate_seconds: null, seed: null });
    expect(fs.readdirSync(data)).toEqual(['activities_20240101.csv']);
  });
});
