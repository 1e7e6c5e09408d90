// Generated activity exports for the end-to-end tests, made with the benchmark's generator so the
// data has the real files' shape and defects (rejected rows, warnings, cross-day duplicates).
import fs from 'node:fs';
import path from 'node:path';
import { generateDataset } from '../../../bench/generate';

export interface Dataset {
  dir: string;
  files: string[];
  bytes: number;
}

export function makeDataset(dir: string, opts: { days: number; rowsPerDay: number; startDate: string; seed: number; skipDays?: string[]; extraFiles?: Record<string, string> }): Dataset {
  const r = generateDataset({ outDir: dir, days: opts.days, rows: opts.days * opts.rowsPerDay, startDate: opts.startDate, seed: opts.seed });
  let files = r.files;
  for (const day of opts.skipDays ?? []) {
    const f = path.join(dir, `activities_${day.replace(/-/g, '')}.csv`);
    fs.rmSync(f);
    files = files.filter((x) => x !== f);
  }
  for (const [name, content] of Object.entries(opts.extraFiles ?? {})) fs.writeFileSync(path.join(dir, name), content);
  return { dir, files, bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0) };
}
