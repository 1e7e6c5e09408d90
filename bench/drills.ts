// The events behind a number asked cold: for each drill a fresh engine builds its index, then the
// drill's first page is timed (no totals remembered, nothing compiled yet), as when an analyst opens
// the app and drills into a headline. Dates come from the data (its first month, its first quarter).
//   node out/bench/drills.js --db FILE [--runs N] [--json]
import { EngineClient } from '../electron/engine/client.js';
import type { EventsRequest } from '../shared/exploring.js';
import { timed } from './explore.js';
import { flagValue, printResult, round } from './measure.js';

function drills(first: string): Record<string, EventsRequest> {
  const month = first.slice(0, 7);
  const [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  const quarterEnd = new Date(Date.UTC(y, m + 2, 0)).toISOString().slice(0, 10);
  const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return {
    all_by_time: {},
    all_newest_first: { sort: '-time' },
    all_page_at_5m: { offset: 5_000_000 },
    all_by_amount_desc: { sort: '-amount' },
    // Rare (a scrollbar dragged half-way down a year by amount), and slow: the heap holds half the year.
    all_by_amount_middle: { sort: '-amount', offset: 4_900_000 },
    all_by_merchant: { sort: 'merchant' },
    month_by_amount_desc: { filter: { from: `${month}-01`, to: monthEnd }, sort: '-amount' },
    region_quarter_by_amount_desc: { filter: { region: ['LAGOS'], from: `${month}-01`, to: quarterEnd }, sort: '-amount' },
  };
}

async function firstDate(db: string): Promise<string> {
  const engine = await EngineClient.open(db);
  try {
    return (await engine.request('getDimensions', {})).first_date ?? '2024-01-01';
  } finally {
    await engine.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const db = flagValue(argv, '--db');
  if (!db) throw new Error('usage: node out/bench/drills.js --db FILE [--runs N] [--json]');
  const runs = Number(flagValue(argv, '--runs') ?? 2);
  const cases = drills(await firstDate(db));
  const out: Record<string, number[]> = {};
  for (let r = 0; r < runs; r++) {
    for (const [name, request] of Object.entries(cases)) {
      const engine = await EngineClient.open(db);
      try {
        await engine.request('getDimensions', {});
        const [ms] = await timed(() => engine.request('getEvents', { limit: 100, ...request }));
        (out[name] ??= []).push(round(ms, 1));
      } finally {
        await engine.close();
      }
    }
  }
  printResult(argv, out);
}

if (require.main === module) void main(process.argv.slice(2));
