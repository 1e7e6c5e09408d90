// The exploration benchmark of issue 9: over a database already imported, the whole dashboard under 200
// random filters (fixed seed: date ranges from one day to everything, zero to four dimensions, half with
// a comparison), facets, trends, merchant search and profile, and pages of events, each timed through
// EngineClient as the app calls it, or with --http through browser mode's HTTP API (POST /api/<name>,
// as a script or the window sends it: JSON over a local connection, answers as ApiResult).
//
//   node out/bench/explore.js --db FILE [--seed S] [--runs N] [--json] [--http]
import { EngineClient } from '../electron/engine/client.js';
import { startWebServer } from '../electron/web/server.js';
import { AppError, type ApiRequest, type ApiResponse, type ApiResult, type EngineApiName } from '../shared/api.js';
import type { CompareSpec, FilterDimension, MetricFilter } from '../shared/filter.js';
import type { DimensionsResponse } from '../shared/exploring.js';
import { dayNumber, dayString, FILTER_DIMENSIONS } from '../shared/filter.js';
import { Random } from './random.js';
import { RssSampler, flagValue, printResult, round, spread } from './measure.js';

export interface Timing {
  p50: number;
  p95: number;
  max: number;
  runs: number;
}

export interface ExploreResult {
  /** The index built on the first filtered request (ms), included in no other figure. */
  index_build_ms: number;
  filtered_dashboard_ms: Timing;
  dimensions_ms: Timing;
  trend_ms: Timing;
  search_ms: Timing;
  merchant_ms: Timing;
  events_first_page_ms: Timing;
  events_later_page_ms: Timing;
  /** Peak RSS of the whole process while answering. */
  explore_peak_rss_mb: number;
}

export function timing(ms: number[]): Timing {
  return { ...spread(ms, 2), runs: ms.length };
}

export async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const v = await f();
  return [Number(process.hrtime.bigint() - t) / 1e6, v];
}

/** A random filter over the data's dates and values: what an analyst might pick. */
export function randomFilter(rnd: Random, first: number, last: number, values: Record<FilterDimension, string[]>): { filter: MetricFilter; compare?: CompareSpec } {
  const span = last - first + 1;
  // Lengths spread from one day to everything (log-uniform), at a random place.
  const len = Math.max(1, Math.min(span, Math.round(Math.exp(rnd.float() * Math.log(span)))));
  const from = first + Math.floor(rnd.float() * (span - len + 1));
  const filter: MetricFilter = { from: dayString(from), to: dayString(from + len - 1) };
  const dims = [...FILTER_DIMENSIONS].sort(() => rnd.float() - 0.5).slice(0, Math.floor(rnd.float() * 5));
  for (const d of dims) {
    const pool = values[d];
    const k = 1 + Math.floor(rnd.float() * Math.min(3, pool.length));
    const chosen = [...pool].sort(() => rnd.float() - 0.5).slice(0, k);
    if (rnd.float() < 0.25) filter.exclude = { ...filter.exclude, [d]: chosen };
    else filter[d] = chosen;
  }
  const r = rnd.float();
  const compare: CompareSpec | undefined = r < 0.25 ? 'previous' : r < 0.5 ? 'year' : undefined;
  return { filter, ...(compare ? { compare } : {}) };
}

/** What the measurements call: the engine client itself, or browser mode's HTTP API. */
export interface Answerer {
  request<K extends EngineApiName>(name: K, request: ApiRequest<K>): Promise<ApiResponse<K>>;
}

/** Every value of each dimension, as the random filters pick them. */
export function dimensionValues(dims: DimensionsResponse): Record<FilterDimension, string[]> {
  return Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, dims.dimensions[d].map((v) => v.value)])) as Record<FilterDimension, string[]>;
}

/** Browser mode's API at `base` (http://127.0.0.1:PORT) with its token, one POST a request. */
export function httpAnswerer(base: string, token: string): Answerer {
  return {
    async request(name, request) {
      const res = await fetch(`${base}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-analytics-token': token },
        body: JSON.stringify(request),
      });
      const r = (await res.json()) as ApiResult<never>;
      if (!r.ok) throw new AppError(r.error);
      return r.value;
    },
  };
}

export async function measureExplore(engine: Answerer, seed = 7, runs = 200): Promise<ExploreResult> {
  const rss = new RssSampler();
  rss.start();
  const rnd = new Random(seed);
  const [buildMs, dims] = await timed(() => engine.request('getDimensions', {}));
  const first = dayNumber(dims.first_date ?? '2024-01-01')!;
  const last = dayNumber(dims.last_date ?? '2024-01-01')!;
  const values = dimensionValues(dims);
  const dashboard: number[] = [];
  const facets: number[] = [];
  const trends: number[] = [];
  const filters: MetricFilter[] = [];
  for (let i = 0; i < runs; i++) {
    const q = randomFilter(rnd, first, last, values);
    filters.push(q.filter);
    dashboard.push((await timed(() => engine.request('getMetrics', q)))[0]);
  }
  for (const filter of filters.slice(0, 50)) facets.push((await timed(() => engine.request('getDimensions', { filter })))[0]);
  for (let i = 0; i < 20; i++) {
    trends.push((await timed(() => engine.request('getTrend', { filter: { ...filters[i], from: undefined, to: undefined }, grain: 'day' })))[0]);
  }
  const top = (await engine.request('getMetrics', {})).metrics.top_merchants.map((m) => m.merchant_id);
  const search: number[] = [];
  const merchant: number[] = [];
  for (const id of top) {
    search.push((await timed(() => engine.request('searchMerchants', { query: id.slice(0, Math.max(1, id.length - 2)), limit: 20 })))[0]);
    merchant.push((await timed(() => engine.request('getMerchant', { merchant_id: id, filter: filters[search.length] })))[0]);
  }
  const firstPage: number[] = [];
  const laterPage: number[] = [];
  for (const filter of filters.slice(0, 20)) {
    const [ms, page] = await timed(() => engine.request('getEvents', { filter, limit: 100 }));
    firstPage.push(ms);
    const offset = Math.max(0, Math.floor(page.total / 2));
    laterPage.push((await timed(() => engine.request('getEvents', { filter, limit: 100, offset })))[0]);
  }
  return {
    index_build_ms: round(buildMs, 1),
    filtered_dashboard_ms: timing(dashboard),
    dimensions_ms: timing(facets),
    trend_ms: timing(trends),
    search_ms: timing(search),
    merchant_ms: timing(merchant),
    events_first_page_ms: timing(firstPage),
    events_later_page_ms: timing(laterPage),
    explore_peak_rss_mb: rss.stop(),
  };
}

async function main(argv: string[]): Promise<void> {
  const at = (flag: string) => flagValue(argv, flag);
  const db = at('--db');
  if (!db) throw new Error('usage: node out/bench/explore.js --db FILE [--seed S] [--runs N] [--json] [--http]');
  const seed = Number(at('--seed') ?? 7);
  const runs = Number(at('--runs') ?? 200);
  let r: ExploreResult;
  if (argv.includes('--http')) {
    const server = await startWebServer({ dbPath: db, port: 0 });
    try {
      r = await measureExplore(httpAnswerer(`http://127.0.0.1:${server.port}`, server.token), seed, runs);
    } finally {
      await server.close();
    }
  } else {
    const engine = await EngineClient.open(db);
    try {
      r = await measureExplore(engine, seed, runs);
    } finally {
      await engine.close();
    }
  }
  printResult(argv, r);
}

if (require.main === module) void main(process.argv.slice(2));
