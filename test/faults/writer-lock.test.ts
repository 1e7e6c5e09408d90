// The writer lock: taken atomically (two processes starting together never both write, and the loser
// is told why in plain words), not fooled by a reused pid in a lock left by an older version, and a
// database in a read-only folder is still readable, as a read-only view.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv } from '../helpers/csv.js';
import { CLI, NODE, contract, metricsOf, newDbPath, openEngine, runCli } from '../helpers/engine.js';
import { mountOrSkip, remount, unmountAll } from '../helpers/mount.js';
import { EngineClient } from '../../electron/engine/client.js';

afterAll(unmountAll);

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(NODE, [CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the writer lock', () => {
  it('two imports started together into a new database: one writes, the other is told why', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const dir = tempDir();
      const a = writeCsv(dir, 'a.csv', [row({ merchant_id: 'A', amount: '1.00' })]);
      const b = writeCsv(dir, 'b.csv', [row({ merchant_id: 'B', amount: '2.00' })]);
      const db = path.join(dir, 'race.db');
      const results = await Promise.all([cli(['import', '--db', db, '--json', a]), cli(['import', '--db', db, '--json', b])]);
      const won = results.filter((r) => r.status === 0);
      expect(won.length, results.map((r) => r.stderr).join(' | ')).toBeGreaterThanOrEqual(1);
      for (const r of results.filter((x) => x.status !== 0)) {
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/another window or command/i);
        expect(r.stderr).not.toMatch(/readonly database|There is no database|UNIQUE|unexpected error/i);
      }
      // Whatever the order, the database holds exactly the winners' files.
      const m = runCli(['metrics', '--db', db, '--json']);
      expect(m.status, m.stderr).toBe(0);
      const merchants = (JSON.parse(m.stdout) as { top_merchants: { merchant_id: string }[] }).top_merchants.map((t) => t.merchant_id).sort();
      expect(merchants).toHaveLength(won.length);
    }
  });

  it('two engines opened together in one process: exactly one writes', async () => {
    const db = newDbPath();
    await (await openEngine(db)).close();
    const engines = await Promise.all([openEngine(db), openEngine(db)]);
    const dir = tempDir();
    const results = await Promise.all(engines.map((e, i) => e.call('importPaths', { paths: [writeCsv(dir, `f${i}.csv`, [row()])] })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error.code).toBe('busy');
  });

  it('a lock left by an older version whose pid now belongs to another program is taken over', async () => {
    const db = newDbPath();
    await (await openEngine(db)).close();
    const lock = `${db}.lock`;
    let other: ChildProcess | null = null;
    try {
      // The lock file was written an hour ago; the process now holding that pid started just now.
      other = spawn('sleep', ['60']);
      fs.writeFileSync(lock, String(other.pid));
      const hourAgo = new Date(Date.now() - 3600_000);
      fs.utimesSync(lock, hourAgo, hourAgo);
      const engine = await openEngine(db);
      const r = await engine.call('importPaths', { paths: [writeCsv(tempDir(), 'x.csv', [row()])] });
      expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    } finally {
      other?.kill();
    }
  });

  it('a lock left by an older version whose process still runs is respected', async () => {
    const db = newDbPath();
    await (await openEngine(db)).close();
    fs.writeFileSync(`${db}.lock`, String(process.pid));
    const engine = await openEngine(db);
    const r = await engine.call('importPaths', { paths: [writeCsv(tempDir(), 'x.csv', [row()])] });
    expect(r.ok).toBe(false);
    fs.rmSync(`${db}.lock`);
  });

  it('a database in a read-only folder: metrics work, import says the folder is read-only and changes nothing', async (ctx) => {
    const dir = mountOrSkip(path.join(tempDir(), 'ro-lock'), 8 * 1024 * 1024, () => ctx.skip());
    const db = path.join(dir, 'x.db');
    const first = await openEngine(db);
    await first.request('importPaths', { paths: [writeCsv(tempDir(), 'a.csv', [row({ merchant_id: 'RO', amount: '3.00' })])] });
    const before = await metricsOf(first);
    await first.close();
    remount(dir, 'ro');
    const listing = fs.readdirSync(dir);

    const m = runCli(['metrics', '--db', db, '--json']);
    expect(m.status, m.stderr).toBe(0);
    expect(JSON.parse(m.stdout)).toMatchObject({ top_merchant: before.metrics.top_merchant });

    const engine = await EngineClient.open(db);
    expect(contract((await metricsOf(engine)).metrics)).toEqual(contract(before.metrics));
    const r = await engine.call('importPaths', { paths: [writeCsv(tempDir(), 'b.csv', [row()])] });
    await engine.close();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('read_only');
      expect(r.error.message).toMatch(/read-only/);
    }
    expect(fs.readdirSync(dir)).toEqual(listing);
  });
});
