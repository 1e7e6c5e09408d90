// kill -9 in the middle of an import (of the CLI, and of a process driving EngineClient) at several
// points: the database must open, count only whole files, and importing the same folder again must end
// with the uninterrupted metrics.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { CLI, NODE, ROOT, contract, importFresh, metricsOf, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import type { MetricsResponse } from '../../shared/metrics.js';

function dbBytes(db: string): number {
  let n = 0;
  for (const suffix of ['', '-wal', '-journal']) {
    try {
      n += fs.statSync(db + suffix).size;
    } catch {
      /* not there (yet) */
    }
  }
  return n;
}

/** Runs the CLI import and SIGKILLs it once the database files reach `killAtBytes`; true when killed. */
function importAndKill(db: string, dir: string, killAtBytes: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [CLI, 'import', '--db', db, '--json', dir], { cwd: ROOT, stdio: 'ignore' });
    const timer = setInterval(() => {
      if (dbBytes(db) >= killAtBytes) child.kill('SIGKILL');
    }, 5);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

const ROWS = 30_000;

const KILL_SELF = `
const [clientPath, db, dir, atRows] = process.argv.slice(2);
const { EngineClient } = require(clientPath);
(async () => {
  const engine = await EngineClient.open(db, { tuning: { batchRows: 1000, progressMs: 10 } });
  engine.onProgress((p) => {
    if (p.rows_read >= Number(atRows)) process.kill(process.pid, 'SIGKILL');
  });
  await engine.request('importPaths', { paths: [dir] });
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(2); });
`;

/** Imports through EngineClient in a child process that SIGKILLs itself at a row count; true when killed. */
function engineImportAndKillSelf(db: string, dir: string, atRows: number): Promise<boolean> {
  const script = path.join(tempDir(), 'kill-self.cjs');
  fs.writeFileSync(script, KILL_SELF);
  const client = path.join(ROOT, 'out', 'electron', 'engine', 'client.js');
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [script, client, db, dir, String(atRows)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL'));
  });
}

describe('kill -9 during an import', () => {
  let dir: string;
  let files: string[];
  let reference: MetricsResponse;
  let fullBytes: number;

  beforeAll(async () => {
    dir = tempDir();
    files = writeDataset(dir, { files: 6, rowsPerFile: ROWS, seed: 2 });
    const db = newDbPath();
    const run = runCli(['import', '--db', db, '--json', dir]);
    expect(run.status, run.stderr).toBe(0);
    fullBytes = dbBytes(db);
    const engine = await openEngine(db);
    reference = await metricsOf(engine);
    await engine.close();
  }, 120_000);

  // Deterministic points: a child process drives the engine itself (small batches) and SIGKILLs
  // itself once progress reaches the given row count.
  for (const [label, rows] of [
    ['at the first progress event', 0],
    ['in the middle of the first file', ROWS / 2],
    ['just after two whole files', 2 * ROWS],
    ['in the middle of the fourth file', 3 * ROWS + ROWS / 2],
  ] as const) {
    it(`by progress: ${label}`, async () => {
      const db = newDbPath();
      const killed = await engineImportAndKillSelf(db, dir, rows);
      expect(killed, 'the import finished before the kill point').toBe(true);
      await expectWholeFilesThenExact(db);
    }, 120_000);
  }

  for (const fraction of [0.3, 0.9]) {
    it(`at about ${fraction * 100}% of the database written`, async () => {
      let db = '';
      let killed = false;
      for (let f = fraction, attempt = 0; !killed && attempt < 4; attempt++, f /= 2) {
        db = newDbPath();
        killed = await importAndKill(db, dir, Math.max(1, Math.floor(fullBytes * f)));
      }
      expect(killed, 'the import always finished before it could be killed').toBe(true);

      await expectWholeFilesThenExact(db);
    }, 120_000);
  }

  it('while importing into a database that already holds files', async () => {
    let killed = false;
    let db = '';
    for (let f = 0.5, attempt = 0; !killed && attempt < 4; attempt++, f /= 2) {
      db = newDbPath();
      const first = runCli(['import', '--db', db, '--json', ...files.slice(0, 3)]);
      expect(first.status, first.stderr).toBe(0);
      const start = dbBytes(db);
      killed = await importAndKill(db, dir, start + Math.max(1, Math.floor((fullBytes - start) * f)));
    }
    expect(killed, 'the import always finished before it could be killed').toBe(true);
    await expectWholeFilesThenExact(db, files.slice(0, 3));
  }, 120_000);

  async function expectWholeFilesThenExact(db: string, atLeast: string[] = []) {
    const engine = await openEngine(db);
    const history = await engine.request('getHistory', {});
    expect(history.imports.filter((i) => i.status === 'running')).toEqual([]);
    const stored = history.sources.map((s) => s.path).sort();
    for (const p of stored) expect(files).toContain(p);
    for (const p of atLeast) expect(stored).toContain(p);
    const now = await metricsOf(engine);
    if (stored.length > 0) {
      // Only whole files count: the metrics are those of a fresh import of the stored files.
      const fresh = await importFresh(stored);
      expect(contract(now.metrics)).toEqual(contract(fresh.metrics));
      expect(now.coverage.events).toBe(fresh.response.coverage.events);
    } else {
      expect(now.coverage.events).toBe(0);
    }

    const again = await engine.request('importPaths', { paths: [dir] });
    expect(again.status).toBe('done');
    const final = await metricsOf(engine);
    expect(contract(final.metrics)).toEqual(contract(reference.metrics));
    expect(final.coverage.events).toBe(reference.coverage.events);
  }
});
