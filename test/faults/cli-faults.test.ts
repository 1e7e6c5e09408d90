// The CLI under faults: a mistyped path is an error that creates nothing, and an import that fails on
// a full disk still prints its JSON summary, so a script can tell which files made it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { runCli } from '../helpers/engine.js';
import { mountOrSkip, unmountAll } from '../helpers/mount.js';

afterAll(unmountAll);

describe('cli import under faults', () => {
  it('a path that does not exist: exit 2, one line, no database created', () => {
    const dir = tempDir();
    const good = writeCsv(dir, 'good.csv', [row()]);
    const db = path.join(dir, 'new.db');
    const r = runCli(['import', '--db', db, '--json', good, path.join(dir, 'no-such-folder')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no-such-folder/);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(db)).toBe(false);
  });

  it('a full disk: --json still prints the summary of the files that made it', (ctx) => {
    const dir = mountOrSkip(path.join(tempDir(), 'cli-full'), 2 * 1024 * 1024, () => ctx.skip());
    const data = tempDir();
    writeDataset(data, { files: 12, rowsPerFile: 6_000, seed: 5, merchants: 20_000 });
    const db = path.join(dir, 'full.db');
    const r = runCli(['import', '--db', db, '--json', data]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/disk .*full/i);
    const summary = JSON.parse(r.stdout) as { status: string; error: string; files: { imported: number; failed: number }; imported_files: string[] };
    expect(summary).toMatchObject({ status: 'failed', error: 'disk_full' });
    expect(summary.files.imported).toBe(summary.imported_files.length);
    expect(summary.files.imported + summary.files.failed).toBe(12);
    expect(summary.files.failed).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/unexpected error: .*unexpected error/);

    // Still full: the database opens all the same, and the metrics either count every file the
    // ledger lists or say they are out of date.
    try {
      fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(4 * 1024 * 1024));
    } catch {
      // ENOSPC is the point.
    }
    const metrics = runCli(['metrics', '--db', db, '--json']);
    expect(metrics.stderr).not.toMatch(/could not be opened|went wrong/i);
    if (metrics.status !== 0) {
      expect(metrics.status).toBe(1);
      expect(metrics.stderr.trim()).toMatch(/^error: The metrics are out of date: .*Free some space/);
    }
    fs.rmSync(path.join(dir, 'filler'));
    const after = runCli(['metrics', '--db', db, '--json']);
    expect(after.status, after.stderr).toBe(0);
    const events = (JSON.parse(after.stdout) as { product_adoption: Record<string, number> }).product_adoption;
    expect(Object.keys(events).length).toBeGreaterThan(0);
  });
});
