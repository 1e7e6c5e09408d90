// The engine's share of the window's speed: the requests a filter change makes (getMetrics, getTrend at
// the window's grain, then getDimensions), one after another as the window sends them, straight to the
// engine worker with no window beside it, over the same random changes as bench/window-speed.ts.
//   node out/bench/window-requests.js --db FILE [--runs N] [--seed S] [--json]
import { EngineClient } from '../electron/engine/client.js';
import { dayNumber } from '../shared/filter.js';
import { trendGrain } from '../shared/trend-grain.js';
import { dimensionValues, randomFilter, timed, timing } from './explore.js';
import { Random } from './random.js';
import { flagValue, printResult } from './measure.js';

async function main(argv: string[]): Promise<void> {
  const at = (flag: string) => flagValue(argv, flag);
  const db = at('--db');
  if (!db) throw new Error('usage: node out/bench/window-requests.js --db FILE [--runs N] [--seed S] [--json]');
  const runs = Number(at('--runs') ?? 80);
  const engine = await EngineClient.open(db);
  try {
    const all = await engine.request('getDimensions', {});
    const rnd = new Random(Number(at('--seed') ?? 11));
    const metrics: number[] = [];
    const trend: number[] = [];
    const facets: number[] = [];
    for (let i = 0; i < runs; i++) {
      const q = randomFilter(rnd, dayNumber(all.first_date!)!, dayNumber(all.last_date!)!, dimensionValues(all));
      metrics.push((await timed(() => engine.request('getMetrics', q)))[0]);
      const grain = trendGrain(q.filter, all);
      trend.push((await timed(() => engine.request('getTrend', { filter: q.filter, grain, ...(q.compare ? { compare: q.compare } : {}) })))[0]);
      facets.push((await timed(() => engine.request('getDimensions', { filter: q.filter })))[0]);
    }
    const r = { metrics_ms: timing(metrics), trend_ms: timing(trend), dimensions_ms: timing(facets) };
    printResult(argv, r);
  } finally {
    await engine.close();
  }
}

if (require.main === module) void main(process.argv.slice(2));
