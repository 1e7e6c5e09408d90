// Issue 11's case: one daily file in which every row has its own merchant, imported into a fresh
// database through the same engine as the app, with the time and the peak RSS of the process (engine
// threads and SQLite included). Compare the peak with a year's import (docs/PERFORMANCE.md).
//
//   node out/bench/many-merchants.js [--rows N (1,000,000)] [--work DIR (.bench-data)] [--json]
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { EngineClient } from '../electron/engine/client.js';
import { Random } from './random.js';
import { HEADER, PRODUCTS, REGIONS, TIERS } from './shape.js';
import { RssSampler, flagValue, round } from './measure.js';

const STATUSES = ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED', 'PENDING'];

/** Writes the file (kept for the next run): merchant MRC-0000001 … in row order, products and events varied. */
function writeFile(file: string, rows: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const rnd = new Random(11);
  const fd = fs.openSync(file + '.part', 'w');
  let out = HEADER;
  for (let i = 1; i <= rows; i++) {
    const p = PRODUCTS[rnd.int(PRODUCTS.length)];
    const type = p.eventTypes[rnd.int(p.eventTypes.length)][0];
    const channel = p.channels[rnd.int(p.channels.length)][0];
    const s = i % 86_400;
    const time = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
    const amount = p.cap ? (rnd.int(p.cap * 100) / 100).toFixed(2) : '0.0';
    const id = `${i.toString(16).padStart(8, '0')}-${rnd.int(65_536).toString(16).padStart(4, '0')}-4000-8000-${rnd.int(2 ** 31).toString(16).padStart(12, '0')}`;
    out += `${id},MRC-${String(i).padStart(7, '0')},2024-01-01T${time},${p.name},${type},${amount},${STATUSES[rnd.int(STATUSES.length)]},${channel},${REGIONS[rnd.int(REGIONS.length)]},${TIERS[rnd.int(TIERS.length)].name}\n`;
    if (out.length > 1 << 20) {
      fs.writeSync(fd, out);
      out = '';
    }
  }
  fs.writeSync(fd, out);
  fs.closeSync(fd);
  fs.renameSync(file + '.part', file);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rows = Number(flagValue(argv, '--rows') ?? 1_000_000);
  const work = path.resolve(flagValue(argv, '--work') ?? path.join(__dirname, '..', '..', '.bench-data'));
  const file = path.join(work, `many-merchants-${rows}`, 'activities_20240101.csv');
  if (argv.includes('--write')) return writeFile(file, rows);
  // Written by a child process, so the strings it leaves behind do not count in this one's peak.
  if (!fs.existsSync(file) && spawnSync(process.execPath, [__filename, ...argv, '--write'], { stdio: 'inherit' }).status !== 0) throw new Error('Writing the file failed.');
  const dbPath = path.join(fs.mkdtempSync(path.join(work, 'run-')), 'many.db');
  const engine = await EngineClient.open(dbPath);
  try {
    const rss = new RssSampler();
    rss.start(50);
    const t0 = performance.now();
    const summary = await engine.request('importPaths', { paths: [file] });
    const seconds = (performance.now() - t0) / 1000;
    const peak = rss.stop();
    if (summary.status !== 'done') throw new Error(`The import ended with status ${summary.status}`);
    const result = { rows, accepted: summary.accepted, import_s: round(seconds, 2), peak_rss_mb: round(peak) };
    console.log(argv.includes('--json') ? JSON.stringify(result) : `${rows} rows, one merchant each: ${result.import_s} s, peak RSS ${result.peak_rss_mb} MB`);
  } finally {
    await engine.close();
    fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
