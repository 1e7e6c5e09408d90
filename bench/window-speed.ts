// The window's speed on a stored database, in real Chromium through browser mode: from a filter change
// (the URL hash, as the filter bar writes it) to every panel painted with its answer, and the long
// tasks on the renderer's main thread meanwhile.
//   node out/bench/window-speed.js --db FILE [--runs N] [--seed S] [--json] [--profile OUT.cpuprofile]
// Needs `npm run build` (the server and the window) and /usr/bin/chromium (or CHROMIUM_PATH).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FILTER_DIMENSIONS, dayNumber, type FilterDimension, type MetricFilter } from '../shared/filter.js';
import { dimensionValues, httpAnswerer, randomFilter } from './explore.js';
import { Random } from './random.js';
import { flagValue, printResult, round, spread } from './measure.js';

const ROOT = path.resolve(__dirname, '../..');

/** Browser mode on `db`, from the build in `root`/out (this checkout's unless another is named). */
export function startServer(db: string, root = ROOT): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(root, 'out/electron/web/server.js'), '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code})`)));
    readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: line.trim(), stop: () => child.kill() }));
  });
}

/** The dashboard's hash for a filter, with the CLI's flag names (renderer/src/view/url-state.ts reads it). */
export function viewHash(filter: MetricFilter, compare?: string): string {
  const q: string[] = [];
  if (filter.from) q.push(`from=${filter.from}`);
  if (filter.to) q.push(`to=${filter.to}`);
  for (const d of FILTER_DIMENSIONS) {
    if (filter[d]?.length) q.push(`${d}=${filter[d]!.map(encodeURIComponent).join(',')}`);
    if (filter.exclude?.[d]?.length) q.push(`exclude-${d}=${filter.exclude[d]!.map(encodeURIComponent).join(',')}`);
  }
  if (compare) q.push(`compare=${compare}`);
  return `#/?${q.join('&')}`;
}

/**
 * Run in the page (as text: this file is compiled without the DOM's types): sets the hash and resolves
 * with the ms until every panel shows an answer and is no longer busy and every chart has drawn it
 * (data-drawing, renderer/src/charts/MetricChart.tsx), painted, and when the last API answer arrived. It waits to have seen a
 * panel go busy, so an answer still on screen from before does not count.
 */
export const CHANGE_AND_WAIT = `(hash) => new Promise((resolve) => {
  // The page keeps 250 resource entries: past them (about 60 changes) the answers went unseen.
  performance.clearResourceTimings();
  const t0 = performance.now();
  let sawBusy = false;
  const panels = () => Array.from(document.querySelectorAll('[data-testid^="panel-"]'));
  const settled = () => sawBusy && panels().length > 0 && panels().every((p) => p.getAttribute('data-state') !== 'loading' && !p.hasAttribute('aria-busy')) && !document.querySelector('[data-drawing]');
  let done = false;
  const finish = (value) => {
    if (done) return;
    done = true;
    observer.disconnect();
    resolve(value);
  };
  // A change that never shows an answer counts as a miss rather than stopping the run.
  setTimeout(() => finish([NaN, NaN]), 10000);
  const observer = new MutationObserver(() => {
    // Panels may be replaced rather than changed (an empty state giving way to data): look, do not diff.
    if (document.querySelector('[data-testid^="panel-"][aria-busy="true"]')) sawBusy = true;
    if (settled() && !done) {
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => {
        // When the last of the engine's answers had arrived: the rest is the window's own work.
        const api = performance.getEntriesByType('resource').filter((e) => e.startTime >= t0 && e.name.includes('/api/'));
        finish([performance.now() - t0, Math.max(0, ...api.map((e) => e.responseEnd - t0))]);
      }, 0));
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy', 'data-state', 'data-drawing'] });
  location.hash = hash;
})`;

const LONG_TASKS = 'window.__longTasks';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** A window on browser mode's address, recording long tasks, at all the data (the last view may be narrower). */
export async function openWindow(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await page.addInitScript(`${LONG_TASKS} = []; new PerformanceObserver((list) => list.getEntries().forEach((e) => ${LONG_TASKS}.push(e.duration))).observe({ type: 'longtask', buffered: true });`);
  await page.goto(url);
  await page.waitForSelector('[data-testid="panel-top_merchants"]:not([data-state="loading"])', { timeout: 120_000 });
  await page.evaluate("location.hash = '#/'");
  await page.waitForSelector('[data-testid="panel-top_merchants"][data-state="data"]:not([aria-busy])', { timeout: 120_000 });
  return page;
}

/** The long tasks seen since the last call (ms each). */
export async function takeLongTasks(page: Page): Promise<number[]> {
  return (await page.evaluate(`${LONG_TASKS}.splice(0)`)) as number[];
}

/** Applies a change in the window: [ms to every panel painted, ms to the last answer], NaN when none came. */
export async function changeView(page: Page, filter: MetricFilter, compare: unknown): Promise<[number, number]> {
  return (await page.evaluate(`(${CHANGE_AND_WAIT})(${JSON.stringify(viewHash(filter, typeof compare === 'string' ? compare : undefined))})`)) as [number, number];
}

/** The values of every dimension and the first and last day, as the random filters need them. */
export async function filterSpace(url: string): Promise<{ values: Record<FilterDimension, string[]>; first: number; last: number }> {
  const at = new URL(url);
  const dims = await httpAnswerer(at.origin, at.searchParams.get('token')!).request('getDimensions', {});
  return { values: dimensionValues(dims), first: dayNumber(dims.first_date!)!, last: dayNumber(dims.last_date!)! };
}

async function main(argv: string[]): Promise<void> {
  const at = (flag: string) => flagValue(argv, flag);
  const db = at('--db');
  if (!db) throw new Error('usage: node out/bench/window-speed.js --db FILE [--runs N] [--seed S] [--json]');
  const runs = Number(at('--runs') ?? 50);
  const server = await startServer(db);
  const browser = await launchChromium();
  try {
    const t = Date.now();
    const page = await openWindow(browser, server.url);
    const firstMs = Date.now() - t;
    const { values, first, last } = await filterSpace(server.url);
    const rnd = new Random(Number(at('--seed') ?? 11));
    await takeLongTasks(page);
    const profile = at('--profile');
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const times: number[] = [];
    const answers: number[] = [];
    let misses = 0;
    for (let i = 0; i < runs; i++) {
      const { filter, compare } = randomFilter(rnd, first, last, values);
      const [painted, answered] = await changeView(page, filter, compare);
      if (Number.isNaN(painted)) misses++;
      else {
        times.push(painted);
        answers.push(answered);
      }
    }
    if (cdp) fs.writeFileSync(profile!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const longTasks = await takeLongTasks(page);
    const answered = spread(answers);
    const domNodes = (await page.evaluate("document.querySelectorAll('*').length")) as number;
    const result = {
      first_paint_ms: firstMs,
      dom_nodes: domNodes,
      filter_change_to_painted_ms: { ...spread(times), runs, no_answer_within_10_s: misses },
      last_answer_arrived_ms: { p50: answered.p50, p95: answered.p95 },
      long_tasks: { count: longTasks.length, over_50_ms: longTasks.filter((d) => d > 50).length, max_ms: round(Math.max(0, ...longTasks), 1) },
    };
    printResult(argv, result);
  } finally {
    await browser.close();
    server.stop();
  }
}

if (require.main === module) void main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
