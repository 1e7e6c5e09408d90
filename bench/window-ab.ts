// Two builds of the window side by side on a loaded machine: each random filter change is applied to
// build A's window and then to build B's (the order alternating), so both see the same load, change by
// change. Separate runs of window-speed minutes apart differ more from the load than from the code.
//   node out/bench/window-ab.js --a DIR --b DIR --db-a FILE --db-b FILE [--runs N] [--seed S] [--json]
// DIR is a checkout holding a build (out/, node_modules); each database is written (the last view): copies.
import fs from 'node:fs';
import { randomFilter } from './explore.js';
import { Random } from './random.js';
import { flagValue, printResult, round, spread } from './measure.js';
import { changeView, filterSpace, launchChromium, openWindow, startServer, takeLongTasks } from './window-speed.js';

interface Side {
  painted_ms: { p50: number; p95: number; max: number };
  last_answer_arrived_ms: { p50: number; p95: number };
  long_tasks: { over_50_ms: number; max_ms: number };
  no_answer_within_10_s: number;
}

function side(painted: number[], answered: number[], longTasks: number[]): Side {
  const ok = painted.filter((x) => !Number.isNaN(x));
  const { p50, p95 } = spread(answered.filter((x) => !Number.isNaN(x)));
  return {
    painted_ms: spread(ok),
    last_answer_arrived_ms: { p50, p95 },
    long_tasks: { over_50_ms: longTasks.filter((d) => d > 50).length, max_ms: round(Math.max(0, ...longTasks), 1) },
    no_answer_within_10_s: painted.length - ok.length,
  };
}

async function main(argv: string[]): Promise<void> {
  const at = (flag: string) => flagValue(argv, flag);
  const [a, b, dbA, dbB] = [at('--a'), at('--b'), at('--db-a'), at('--db-b')];
  if (!a || !b || !dbA || !dbB) throw new Error('usage: node out/bench/window-ab.js --a DIR --b DIR --db-a FILE --db-b FILE [--runs N] [--seed S] [--json]');
  const runs = Number(at('--runs') ?? 60);
  const servers = [await startServer(dbA, a), await startServer(dbB, b)];
  const browser = await launchChromium();
  try {
    const pages = [await openWindow(browser, servers[0].url), await openWindow(browser, servers[1].url)];
    const { values, first, last } = await filterSpace(servers[0].url);
    const rnd = new Random(Number(at('--seed') ?? 11));
    const painted: number[][] = [[], []];
    const answered: number[][] = [[], []];
    const longTasks: number[][] = [[], []];
    // One change each first, not counted: the first one after opening was seconds slower, on either side.
    const warm = randomFilter(new Random(1), first, last, values);
    for (const page of pages) await changeView(page, warm.filter, warm.compare);
    for (const page of pages) await takeLongTasks(page);
    for (let i = 0; i < runs; i++) {
      const { filter, compare } = randomFilter(rnd, first, last, values);
      for (const k of i % 2 ? [1, 0] : [0, 1]) {
        const [p, ans] = await changeView(pages[k], filter, compare);
        painted[k].push(p);
        answered[k].push(ans);
      }
    }
    for (const k of [0, 1]) longTasks[k] = await takeLongTasks(pages[k]);
    const result = {
      runs,
      a: side(painted[0], answered[0], longTasks[0]),
      b: side(painted[1], answered[1], longTasks[1]),
      b_faster_in: painted[1].filter((x, i) => x < painted[0][i]).length,
      load: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
    };
    printResult(argv, result);
  } finally {
    await browser.close();
    servers.forEach((s) => s.stop());
  }
}

if (require.main === module) void main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
