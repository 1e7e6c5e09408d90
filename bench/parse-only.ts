// Times the parse thread's work alone (read, parse, validate, fill batches) over a folder, in this
// thread, with every batch handed straight back: the cost one core spends per row before any writing.
// `node out/bench/parse-only.js DIR` (add --max-semi-space-size=N to node to try other young generations).
import fs from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { newDicts, parseFile } from '../electron/engine/import/parse-file.js';
import type { RowBatch } from '../electron/engine/import/batch.js';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: parse-only DIR');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(dir, f));
  const spare: RowBatch[] = [];
  let rows = 0;
  const ctx = {
    batchRows: 8192,
    knownSizes: new Set<number>(),
    knownHashes: new Set<string>(),
    logBudget: { remaining: 100_000 },
    dicts: newDicts(),
    recycle: () => spare.pop(),
    post: (m: { type: string; batch?: RowBatch }) => {
      if (m.type === 'batch' && m.batch) {
        rows += m.batch.n;
        spare.push(m.batch);
      }
    },
  };
  let gcMs = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  obs.observe({ entryTypes: ['gc'] });
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let i = 0; i < files.length; i++) await parseFile(i, files[i], ctx as never);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  await new Promise((r) => setTimeout(r, 200));
  const us = (x: number) => Math.round((x / rows) * 1000) / 1000;
  console.log(JSON.stringify({ rows, wall_s: +wall.toFixed(2), user_s: +(cpu.user / 1e6).toFixed(2), sys_s: +(cpu.system / 1e6).toFixed(2), us_per_row: us(wall * 1e6), gc_s: +(gcMs / 1000).toFixed(2) }));
  obs.disconnect();
}

void main();
