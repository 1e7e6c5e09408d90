// Opening engines on temporary databases (closed again after each test), fresh reference imports, and
// running the compiled CLI. Only the public surface is used: EngineClient and the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, expect } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';
import type { EngineOptions } from '../../electron/engine/client.js';
import type { Metrics, MetricsResponse } from '../../shared/metrics.js';
import type { ImportSummary } from '../../shared/importing.js';
import type { EventRow, EventsRequest } from '../../shared/exploring.js';
import { tempDir } from './csv.js';

export const ROOT = path.resolve(__dirname, '..', '..');
export const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
export const CLI = path.join(ROOT, 'out', 'electron', 'cli', 'cli.js');
export const WORKER = path.join(ROOT, 'out', 'electron', 'engine', 'worker.js');

if (!fs.existsSync(WORKER)) {
  throw new Error(`The engine is not built (${WORKER} is missing): run "npm run build:node" before these tests.`);
}

const open: EngineClient[] = [];

// Registered when a test file imports this module (hooks cannot be added from inside a running test).
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close().catch(() => undefined)));
});

/** A path for a new database in a fresh temporary folder. */
export function newDbPath(name = 'test.db'): string {
  return path.join(tempDir('mad-db-'), name);
}

/** Opens an engine (on a new temporary database unless given one); it is closed after the test. */
export async function openEngine(dbPath: string = newDbPath(), options: EngineOptions = {}): Promise<EngineClient> {
  const engine = await EngineClient.open(dbPath, options);
  open.push(engine);
  return engine;
}

/** The six contract keys of the metrics, for exact comparison. */
export function contract(m: Metrics) {
  return {
    top_merchant: m.top_merchant,
    top_merchants: m.top_merchants,
    monthly_active_merchants: m.monthly_active_merchants,
    product_adoption: m.product_adoption,
    kyc_funnel: m.kyc_funnel,
    failure_rates: m.failure_rates,
  };
}

/** Every event of a getEvents request, page by page; each page must be full up to the total. */
export async function allRows(engine: EngineClient, req: EventsRequest, limit: number): Promise<{ total: number; rows: EventRow[] }> {
  const rows: EventRow[] = [];
  let total = -1;
  for (let offset = 0; total < 0 || offset < total; offset += limit) {
    const page = await engine.request('getEvents', { ...req, offset, limit });
    total = page.total;
    expect(page.rows.length).toBe(Math.min(limit, total - offset));
    rows.push(...page.rows);
    if (page.rows.length === 0) break;
  }
  return { total, rows };
}

export async function metricsOf(engine: EngineClient): Promise<MetricsResponse> {
  return engine.request('getMetrics', {});
}

export interface Fresh {
  summary: ImportSummary;
  metrics: Metrics;
  response: MetricsResponse;
}

/** Imports paths into a brand-new database and returns the summary and the metrics. */
export async function importFresh(paths: string[], options: EngineOptions = {}): Promise<Fresh> {
  const engine = await openEngine(newDbPath(), options);
  const summary = await engine.request('importPaths', { paths });
  const response = await metricsOf(engine);
  return { summary, metrics: response.metrics, response };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI with the project's Node. */
export function runCli(args: string[], cwd: string = ROOT): CliResult {
  const r = spawnSync(NODE, [CLI, ...args], { encoding: 'utf8', cwd, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
