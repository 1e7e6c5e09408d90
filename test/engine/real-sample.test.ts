// The three real days in ../shared/fixtures/real-sample against their expected.json, through the API
// and through the CLI. Skipped, saying so, when the folder is not there.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, contract, importFresh, metricsOf, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import type { Metrics } from '../../shared/metrics.js';

const SAMPLE = path.resolve(ROOT, '..', 'shared', 'fixtures', 'real-sample');
const present = fs.existsSync(path.join(SAMPLE, 'expected.json'));
if (!present) console.warn(`real-sample tests skipped: ${SAMPLE}/expected.json not found`);

interface Expected {
  top_merchant: Metrics['top_merchant'];
  top10: Metrics['top_merchants'];
  monthly_active_merchants: Metrics['monthly_active_merchants'];
  product_adoption: Metrics['product_adoption'];
  kyc_funnel: Metrics['kyc_funnel'];
  failure_rates: Metrics['failure_rates'];
  stats: { rows: number; accepted: number; rejected: number; invalid_timestamp: number; invalid_amount: number; duplicates?: number };
}

function compare(metrics: Metrics, expected: Expected) {
  expect(metrics.top_merchant).toEqual(expected.top_merchant);
  expect(metrics.top_merchants).toEqual(expected.top10);
  expect(metrics.monthly_active_merchants).toEqual(expected.monthly_active_merchants);
  expect(Object.keys(metrics.monthly_active_merchants)).toEqual(Object.keys(expected.monthly_active_merchants));
  expect(metrics.product_adoption).toEqual(expected.product_adoption);
  expect(Object.keys(metrics.product_adoption)).toEqual(Object.keys(expected.product_adoption));
  expect(metrics.kyc_funnel).toEqual(expected.kyc_funnel);
  expect(metrics.failure_rates).toEqual(expected.failure_rates);
}

function compareStats(
  s: { rows_read: number; accepted: number; rejected: number; duplicates: number; warnings_by_reason: Record<string, number | undefined> },
  stats: Expected['stats'],
) {
  expect(s.rows_read).toBe(stats.rows);
  expect(s.accepted).toBe(stats.accepted);
  expect(s.rejected).toBe(stats.rejected);
  expect(s.warnings_by_reason.invalid_timestamp ?? 0).toBe(stats.invalid_timestamp);
  expect(s.warnings_by_reason.invalid_amount ?? 0).toBe(stats.invalid_amount);
  expect(s.duplicates).toBe(stats.duplicates ?? stats.rows - stats.accepted - stats.rejected);
}

describe.skipIf(!present)('real sample (../shared/fixtures/real-sample)', () => {
  const expected = present ? (JSON.parse(fs.readFileSync(path.join(SAMPLE, 'expected.json'), 'utf8')) as Expected) : null!;

  it('imports through the API with exactly the expected stats and metrics', async () => {
    const { summary, metrics } = await importFresh([SAMPLE]);
    expect(summary.status).toBe('done');
    expect(summary.files).toMatchObject({ imported: 3, failed: 0 });
    compareStats(summary, expected.stats);
    compare(metrics, expected);
  }, 120_000);

  it('gives the same answers with tiny batches', async () => {
    const { summary, metrics } = await importFresh([SAMPLE], { tuning: { batchRows: 97 } });
    compareStats(summary, expected.stats);
    compare(metrics, expected);
  }, 120_000);

  it('gives the same answers imported one day at a time, latest first, and follows a forgotten day', async () => {
    const days = fs.readdirSync(SAMPLE).filter((f) => f.endsWith('.csv')).sort().reverse().map((f) => path.join(SAMPLE, f));
    expect(days).toHaveLength(3);
    const engine = await openEngine();
    for (const day of days) await engine.request('importPaths', { paths: [day] });
    compare((await metricsOf(engine)).metrics, expected);

    const middle = (await engine.request('getHistory', {})).sources.find((s) => s.path === days[1])!;
    await engine.request('forgetFile', { source_id: middle.id });
    const without = await importFresh([days[0], days[2]]);
    expect(contract((await metricsOf(engine)).metrics)).toEqual(contract(without.metrics));

    await engine.request('importPaths', { paths: [SAMPLE] });
    compare((await metricsOf(engine)).metrics, expected);
  }, 120_000);

  it('gives the same answers through the CLI', () => {
    const db = newDbPath();
    const imported = runCli(['import', '--db', db, '--json', SAMPLE]);
    expect(imported.status, imported.stderr).toBe(0);
    compareStats(JSON.parse(imported.stdout), expected.stats);
    const printed = runCli(['metrics', '--db', db, '--json']);
    expect(printed.status, printed.stderr).toBe(0);
    compare(contract(JSON.parse(printed.stdout)), expected);
  }, 120_000);
});
