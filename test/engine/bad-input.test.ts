// Bad input beside good input: each case must not crash or stall the engine, must say clearly what
// happened to the bad file, must leave the good file beside it imported whole, and must count nothing
// by halves.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMNS, csv, line, row, tempDir, writeCsv, writeFile } from '../helpers/csv.js';
import { writeDataset } from '../helpers/dataset.js';
import { contract, importFresh, metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import { nonzero, recordFor } from '../helpers/ledger.js';
import { mountTmpfs, remount, unmountAll } from '../helpers/mount.js';
import type { ImportFileRecord, ImportSummary } from '../../shared/importing.js';
import { AppError } from '../../shared/api.js';

afterAll(unmountAll);

const GOOD_ROWS = [1, 2, 3, 4, 5].map((i) => row({ merchant_id: `G${i}`, amount: `${i}.00` }));
const GOOD_TOP = [5, 4, 3, 2, 1].map((i) => ({ merchant_id: `G${i}`, total_volume: i }));

/** Writes good.csv plus the bad input into a fresh folder, imports the folder, checks the good file. */
async function importBesideGood(makeBad: (dir: string) => string, extraEvents = 0) {
  const dir = tempDir();
  const good = writeCsv(dir, 'good.csv', GOOD_ROWS);
  const bad = makeBad(dir);
  const engine = await openEngine();
  const summary = await engine.request('importPaths', { paths: [dir] });
  expect(recordFor(summary, good)).toMatchObject({ status: 'imported', accepted: 5, rejected: 0 });
  const after = await metricsOf(engine);
  expect(after.coverage.events).toBe(5 + extraEvents);
  if (extraEvents === 0) expect(after.metrics.top_merchants).toEqual(GOOD_TOP);
  return { dir, good, bad, engine, summary, after };
}

function expectClearFailure(rec: ImportFileRecord, codes: string[]) {
  expect(rec.status).toBe('failed');
  expect(rec.accepted).toBe(0);
  expect(codes, `${rec.error_code}: ${rec.error_message}`).toContain(rec.error_code);
  expect(rec.error_message ?? '').toMatch(/\w{3,}.*\w{3,}/);
  expect(rec.error_message ?? '').not.toMatch(/\n\s+at /); // no stack trace for an analyst
}

function expectAccounted(s: ImportSummary | ImportFileRecord) {
  expect(s.rows_read).toBe(s.accepted + s.duplicates + s.rejected);
}

describe('files that are not usable at all', () => {
  it('an empty file fails clearly', async () => {
    const { bad, summary } = await importBesideGood((dir) => writeFile(dir, 'empty.csv', ''));
    expectClearFailure(recordFor(summary, bad), ['missing_columns', 'not_csv']);
  });

  it('a header-only file imports with no rows', async () => {
    const { bad, summary } = await importBesideGood((dir) => writeCsv(dir, 'header.csv', []));
    expect(recordFor(summary, bad)).toMatchObject({ status: 'imported', rows_read: 0, accepted: 0, rejected: 0 });
  });

  it('a header-only file without a final newline imports with no rows', async () => {
    const { bad, summary } = await importBesideGood((dir) => writeFile(dir, 'header2.csv', COLUMNS.join(',')));
    expect(recordFor(summary, bad)).toMatchObject({ status: 'imported', rows_read: 0, accepted: 0 });
  });

  it('a file missing a column fails with missing_columns', async () => {
    const { bad, summary } = await importBesideGood((dir) =>
      writeCsv(dir, 'missing.csv', [row(), row()], { columns: COLUMNS.filter((c) => c !== 'status') }),
    );
    expectClearFailure(recordFor(summary, bad), ['missing_columns']);
    expect(recordFor(summary, bad).error_message).toMatch(/status/);
  });

  it('a PNG image named .csv fails clearly', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 73 + 11) % 256)),
    ]);
    const { bad, summary } = await importBesideGood((dir) => writeFile(dir, 'picture.csv', png));
    expectClearFailure(recordFor(summary, bad), ['missing_columns', 'not_csv']);
  });

  it('a paragraph of text named .csv fails clearly', async () => {
    const text = 'Dear team,\nplease find the report attached, as discussed, for January.\nRegards,\nAda\n';
    const { bad, summary } = await importBesideGood((dir) => writeFile(dir, 'letter.csv', text));
    expectClearFailure(recordFor(summary, bad), ['missing_columns', 'not_csv']);
  });

  it('binary garbage fails clearly', async () => {
    let x = 12345;
    const garbage = Buffer.from(
      Array.from({ length: 64 * 1024 }, () => {
        x = (x * 1103515245 + 12345) >>> 0;
        return x >>> 24;
      }),
    );
    const { bad, summary } = await importBesideGood((dir) => writeFile(dir, 'garbage.csv', garbage));
    expectClearFailure(recordFor(summary, bad), ['missing_columns', 'not_csv']);
  });

  it('a UTF-16 file (with BOM) either fails clearly or imports exactly its rows, never garbage', async () => {
    const rows = [row({ merchant_id: 'U1', amount: '10.00' }), row({ merchant_id: 'U2', amount: '20.00' })];
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(rows), 'utf16le')]);
    const dir = tempDir();
    writeCsv(dir, 'good.csv', GOOD_ROWS);
    const bad = writeFile(dir, 'utf16.csv', utf16);
    const engine = await openEngine();
    const summary = await engine.request('importPaths', { paths: [dir] });
    const rec = recordFor(summary, bad);
    const { metrics, coverage } = await metricsOf(engine);
    if (rec.status === 'failed') {
      expectClearFailure(rec, ['missing_columns', 'not_csv']);
      expect(coverage.events).toBe(5);
      expect(metrics.top_merchants).toEqual(GOOD_TOP);
    } else {
      expect(rec).toMatchObject({ status: 'imported', accepted: 2, rejected: 0 });
      expect(coverage.events).toBe(7);
      expect(metrics.top_merchants.slice(0, 2)).toEqual([
        { merchant_id: 'U2', total_volume: 20 },
        { merchant_id: 'U1', total_volume: 10 },
      ]);
    }
  });

  it('a 3 MB single line with no header fails clearly', async () => {
    const big = 'abc,def,'.repeat((3 * 1024 * 1024) / 8);
    const { bad, summary } = await importBesideGood((dir) => writeFile(dir, 'oneline.csv', big));
    expectClearFailure(recordFor(summary, bad), ['missing_columns', 'not_csv']);
  });
});

describe('files with some bad rows', () => {
  it('a 3 MB line among good rows is one malformed_row, kept as at most 1 KB of raw text', async () => {
    const huge = 'x,'.repeat(1.5 * 1024 * 1024);
    const { bad, summary, engine } = await importBesideGood(
      (dir) => writeCsv(dir, 'huge.csv', [row({ merchant_id: 'H1' }), huge, row({ merchant_id: 'H2' })]),
      2,
    );
    const rec = recordFor(summary, bad);
    expect(rec).toMatchObject({ status: 'imported', rows_read: 3, accepted: 2, rejected: 1 });
    expect(nonzero(rec.rejected_by_reason)).toEqual({ malformed_row: 1 });
    const page = await engine.request('getRejectedRows', { kind: 'rejected' });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0].line).toBe(3);
    expect(Buffer.byteLength(page.rows[0].raw)).toBeLessThanOrEqual(1024);
  });

  it('an unterminated quote on the last row rejects that row only', async () => {
    const { bad, summary } = await importBesideGood(
      (dir) =>
        writeCsv(dir, 'quote.csv', [
          row({ merchant_id: 'Q1' }),
          row({ merchant_id: 'Q2' }),
          `${line(row()).split(',')[0]},"MRC-UNTERMINATED,2024-01-15T10:00:00,POS,CARD_TRANSACTION,1.00,SUCCESS,POS,LAGOS,VERIFIED`,
        ]),
      2,
    );
    const rec = recordFor(summary, bad);
    expect(rec).toMatchObject({ status: 'imported', rows_read: 3, accepted: 2, rejected: 1 });
    expect(nonzero(rec.rejected_by_reason)).toEqual({ malformed_row: 1 });
  });

  it('an unterminated quote in the middle neither crashes nor half-counts', async () => {
    const dir = tempDir();
    writeCsv(dir, 'good.csv', GOOD_ROWS);
    const bad = writeCsv(dir, 'midquote.csv', [
      row({ merchant_id: 'Q1' }),
      `${line(row()).split(',')[0]},"MRC-OPEN,2024-01-15T10:00:00,POS,CARD_TRANSACTION,1.00,SUCCESS,POS,LAGOS,VERIFIED`,
      row({ merchant_id: 'Q3' }),
      row({ merchant_id: 'Q4' }),
    ]);
    const engine = await openEngine();
    const summary = await engine.request('importPaths', { paths: [dir] });
    const rec = recordFor(summary, bad);
    expectAccounted(summary);
    expectAccounted(rec);
    expect(rec.rejected).toBeGreaterThanOrEqual(1);
    expect(rec.accepted).toBeGreaterThanOrEqual(1); // Q1, before the quote, is fine
    const { coverage } = await metricsOf(engine);
    expect(coverage.events).toBe(5 + rec.accepted);
  });

  it('a truncated last row (no final newline, fewer fields) is a malformed_row on its line', async () => {
    const { bad, summary, engine } = await importBesideGood((dir) => {
      const text = csv([row({ merchant_id: 'T1' }), row({ merchant_id: 'T2' })]) + line(row()).slice(0, 60);
      return writeFile(dir, 'truncated.csv', text);
    }, 2);
    expect(recordFor(summary, bad)).toMatchObject({ status: 'imported', rows_read: 3, accepted: 2, rejected: 1 });
    const page = await engine.request('getRejectedRows', { kind: 'rejected' });
    expect(page.rows.map((r) => [r.line, r.reason])).toEqual([[4, 'malformed_row']]);
  });

  it('a complete last row without a final newline is accepted', async () => {
    const { bad, summary } = await importBesideGood(
      (dir) => writeCsv(dir, 'nonl.csv', [row({ merchant_id: 'N1' }), row({ merchant_id: 'N2' })], { trailingNewline: false }),
      2,
    );
    expect(recordFor(summary, bad)).toMatchObject({ status: 'imported', rows_read: 2, accepted: 2, rejected: 0 });
  });

  it('CRLF with a BOM imports every row (status last, so a stray CR would show)', async () => {
    const columns = [...COLUMNS.filter((c) => c !== 'status'), 'status'];
    const { bad, summary } = await importBesideGood(
      (dir) => writeCsv(dir, 'crlfbom.csv', [row({ merchant_id: 'C1' }), row({ merchant_id: 'C2' })], { columns, eol: '\r\n', bom: true }),
      2,
    );
    expect(recordFor(summary, bad)).toMatchObject({ status: 'imported', rows_read: 2, accepted: 2, rejected: 0 });
  });

  it('every field quoted, with CRLF, imports every row', async () => {
    const quoteAll = (r: ReturnType<typeof row>) => COLUMNS.map((c) => `"${r[c]}"`).join(',');
    const { bad, summary } = await importBesideGood(
      (dir) =>
        writeFile(
          dir,
          'quoted.csv',
          [COLUMNS.map((c) => `"${c}"`).join(','), quoteAll(row({ merchant_id: 'QA' })), quoteAll(row({ merchant_id: 'QB' }))].join('\r\n') + '\r\n',
        ),
      2,
    );
    expect(recordFor(summary, bad)).toMatchObject({ status: 'imported', accepted: 2, rejected: 0 });
  });
});

describe('files that cannot be read', () => {
  it('a dangling symlink named .csv is reported, not fatal', async () => {
    const { bad, summary } = await importBesideGood((dir) => {
      const link = path.join(dir, 'gone.csv');
      fs.symlinkSync(path.join(dir, 'does-not-exist.csv'), link);
      return link;
    });
    expectClearFailure(recordFor(summary, bad), ['unreadable']);
  });

  it.skipIf(process.platform !== 'linux')('a file whose name is not valid UTF-8 is named in the summary with a way out, and the others import', async () => {
    const { bad, summary } = await importBesideGood((dir) => {
      const name = Buffer.concat([Buffer.from('activities_2024'), Buffer.from([0xff, 0xfe]), Buffer.from('.csv')]);
      fs.writeFileSync(Buffer.concat([Buffer.from(dir + path.sep), name]), csv(GOOD_ROWS));
      return path.join(dir, name.toString('utf8'));
    });
    const rec = recordFor(summary, bad);
    expectClearFailure(rec, ['unreadable']);
    expect(rec.error_message).toMatch(/not valid UTF-8.*Rename the file/);
  });

  it('a symlink loop named .csv is reported, not fatal', async () => {
    const { bad, summary } = await importBesideGood((dir) => {
      const link = path.join(dir, 'loop.csv');
      fs.symlinkSync(link, link);
      return link;
    });
    expectClearFailure(recordFor(summary, bad), ['unreadable']);
  });

  it('a file without read permission is reported, not fatal (skipped as root: root reads anything)', async (ctx) => {
    if (process.getuid?.() === 0) {
      console.warn('skipped: running as root, which can read a chmod 000 file; the symlink tests cover unreadable files');
      ctx.skip();
    }
    const { bad, summary } = await importBesideGood((dir) => {
      const file = writeCsv(dir, 'locked.csv', [row()]);
      fs.chmodSync(file, 0o000);
      return file;
    });
    expectClearFailure(recordFor(summary, bad), ['unreadable']);
  });

  it('a folder named x.csv is searched like any folder', async () => {
    const { summary } = await importBesideGood((dir) => writeCsv(dir, 'x.csv/inner.csv', [row({ merchant_id: 'IN' })]), 1);
    expect(summary.files).toMatchObject({ imported: 2, failed: 0 });
  });

  it('non-CSV files and nested folders: the .csv files at any depth import, the rest are counted as ignored', async () => {
    const { summary } = await importBesideGood((dir) => {
      writeFile(dir, 'a/b/c/notes.txt', 'hello');
      writeFile(dir, 'a/b/photo.JPG', Buffer.from([0xff, 0xd8, 0xff]));
      return writeCsv(dir, 'a/b/c/d/deep.CSV', [row({ merchant_id: 'DEEP' })]);
    }, 1);
    expect(summary.files).toMatchObject({ imported: 2, ignored: 2, failed: 0 });
  });
});

describe('folders given oddly', () => {
  it('a folder symlink pointing back up does not loop, and no file is read twice', async () => {
    const { summary } = await importBesideGood((dir) => {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.symlinkSync(dir, path.join(dir, 'sub', 'back'));
      return path.join(dir, 'sub');
    });
    expect(summary).toMatchObject({ accepted: 5, duplicates: 0 });
  });

  it('a folder given twice, or with one of its files, is read once', async () => {
    const dir = tempDir();
    const good = writeCsv(dir, 'good.csv', GOOD_ROWS);
    const engine = await openEngine();
    const summary = await engine.request('importPaths', { paths: [dir, good, dir + path.sep] });
    expect(summary).toMatchObject({ rows_read: 5, accepted: 5, duplicates: 0, files: { imported: 1 } });
    expect(summary.file_records).toHaveLength(1);
  });
});

describe('a file deleted during the import', () => {
  const tuning = { batchRows: 500, progressMs: 10 };

  it('a file deleted before its turn fails clearly and the others import whole', async () => {
    const dir = tempDir();
    const files = writeDataset(dir, { files: 6, rowsPerFile: 20_000, seed: 7 });
    const last = files[files.length - 1];
    const engine = await openEngine(newDbPath(), { tuning });
    let deletedWhile: string | null = null;
    engine.onProgress((p) => {
      if (deletedWhile === null && p.current_file !== null && p.files_done < 3) {
        deletedWhile = p.current_file;
        fs.unlinkSync(last);
      }
    });
    const summary = await engine.request('importPaths', { paths: [dir] });
    expect(deletedWhile, 'no progress event came early enough to delete the last file mid-import').not.toBeNull();

    expectClearFailure(recordFor(summary, last), ['unreadable']);
    for (const f of files.slice(0, -1)) expect(recordFor(summary, f).status).toBe('imported');
    const fresh = await importFresh(files.slice(0, -1));
    const now = await metricsOf(engine);
    expect(contract(now.metrics)).toEqual(contract(fresh.metrics));
    expect(now.coverage.events).toBe(fresh.response.coverage.events);
  });

  it('the file being read, deleted, is either imported whole or not at all', async () => {
    const dir = tempDir();
    const files = writeDataset(dir, { files: 4, rowsPerFile: 20_000, seed: 8 });
    const victim = files[1];
    const saved = fs.readFileSync(victim);
    const engine = await openEngine(newDbPath(), { tuning });
    let deleted = false;
    engine.onProgress((p) => {
      if (!deleted && p.current_file === victim && p.rows_read > 25_000) {
        deleted = true;
        fs.unlinkSync(victim);
      }
    });
    const summary = await engine.request('importPaths', { paths: [dir] });
    expect(deleted, 'no progress event while the second file was being read').toBe(true);

    // Rebuild the files the ledger says were imported, in the same order, and import them afresh.
    const copy = tempDir();
    const imported = summary.file_records.filter((r) => r.status === 'imported').map((r) => r.path);
    expect(imported).toEqual(expect.arrayContaining([files[0], files[2], files[3]]));
    const rec = recordFor(summary, victim);
    if (rec.status !== 'imported') expectClearFailure(rec, ['unreadable', 'interrupted', 'internal']);
    const copies = imported.map((p) => writeFile(copy, path.basename(p), p === victim ? saved : fs.readFileSync(p)));
    const fresh = await importFresh(copies);
    expect(contract((await metricsOf(engine)).metrics)).toEqual(contract(fresh.metrics));
  });
});

describe('the database disk', () => {
  it('a database in a read-only folder is refused clearly and no file is created', async (ctx) => {
    const mnt = mountTmpfs(path.join(tempDir(), 'ro'), 1024 * 1024);
    if (!mnt.ok) {
      console.warn(`skipped: ${mnt.reason}`);
      return ctx.skip();
    }
    remount(mnt.dir, 'ro');
    const db = path.join(mnt.dir, 'new.db');
    const err = await openEngine(db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(['read_only', 'db_unavailable']).toContain((err as AppError).code);
    expect((err as AppError).message).toMatch(/\w{3,}.*\w{3,}/);
    expect(fs.readdirSync(mnt.dir)).toEqual([]);
  });

  it('a database on a disk that became read-only: a clear error on import, and nothing corrupted', async (ctx) => {
    const mnt = mountTmpfs(path.join(tempDir(), 'rodb'), 16 * 1024 * 1024);
    if (!mnt.ok) {
      console.warn(`skipped: ${mnt.reason}`);
      return ctx.skip();
    }
    const dir = tempDir();
    const good = writeCsv(dir, 'good.csv', GOOD_ROWS);
    const more = writeCsv(dir, 'more.csv', [row({ merchant_id: 'MORE', amount: '1000.00' })]);
    const db = path.join(mnt.dir, 'x.db');
    const first = await openEngine(db);
    await first.request('importPaths', { paths: [good] });
    const before = await metricsOf(first);
    await first.close();

    remount(mnt.dir, 'ro');
    const reopened = await openEngine(db).then(
      (e) => ({ engine: e, error: null }),
      (e: unknown) => ({ engine: null, error: e }),
    );
    if (reopened.engine === null) {
      // Refusing to open is fine if it says why.
      expect(reopened.error).toBeInstanceOf(AppError);
      expect(['read_only', 'db_unavailable']).toContain((reopened.error as AppError).code);
    } else {
      const r = await reopened.engine.call('importPaths', { paths: [more] });
      if (r.ok) {
        expect(r.value.status).toBe('failed');
        const rec = recordFor(r.value, more);
        expect(rec.status).toBe('failed');
        expect(rec.error_code).toBe('read_only');
      } else {
        expect(['read_only', 'db_unavailable'], `got ${r.error.code}: ${r.error.message}`).toContain(r.error.code);
        expect(r.error.message).toMatch(/\w{3,}.*\w{3,}/);
      }
      await reopened.engine.close();
    }

    remount(mnt.dir, 'rw');
    const after = await openEngine(db);
    const now = await metricsOf(after);
    expect(contract(now.metrics)).toEqual(contract(before.metrics));
    expect(now.coverage.events).toBe(5);
    // And it still works.
    await after.request('importPaths', { paths: [more] });
    expect((await metricsOf(after)).metrics.top_merchant).toEqual({ merchant_id: 'MORE', total_volume: 1000 });
  });

  it('a read-only database file (immutable, since root ignores permissions): a clear error, nothing corrupted', async (ctx) => {
    const dir = tempDir();
    const good = writeCsv(dir, 'good.csv', GOOD_ROWS);
    const more = writeCsv(dir, 'more.csv', [row({ merchant_id: 'MORE', amount: '1000.00' })]);
    const db = path.join(tempDir(), 'locked.db');
    const first = await openEngine(db);
    await first.request('importPaths', { paths: [good] });
    const before = await metricsOf(first);
    await first.close();

    const lock = spawnSync('chattr', ['+i', db], { encoding: 'utf8' });
    if (lock.status !== 0) {
      console.warn(`skipped: cannot make the database file read-only here (${(lock.stderr || String(lock.error)).trim()})`);
      return ctx.skip();
    }
    try {
      const reopened = await openEngine(db).then(
        (e) => ({ engine: e, error: null }),
        (e: unknown) => ({ engine: null, error: e }),
      );
      if (reopened.engine === null) {
        expect(reopened.error).toBeInstanceOf(AppError);
        expect(['read_only', 'db_unavailable']).toContain((reopened.error as AppError).code);
        expect((reopened.error as AppError).message).toMatch(/\w{3,}.*\w{3,}/);
      } else {
        const r = await reopened.engine.call('importPaths', { paths: [more] });
        if (r.ok) {
          expect(r.value.status).toBe('failed');
          expect(recordFor(r.value, more).error_code).toBe('read_only');
        } else {
          expect(['read_only', 'db_unavailable'], `got ${r.error.code}: ${r.error.message}`).toContain(r.error.code);
        }
        await reopened.engine.close();
      }
    } finally {
      spawnSync('chattr', ['-i', db]);
    }
    const after = await openEngine(db);
    expect(contract((await metricsOf(after)).metrics)).toEqual(contract(before.metrics));
    await after.request('importPaths', { paths: [more] });
    expect((await metricsOf(after)).metrics.top_merchant).toEqual({ merchant_id: 'MORE', total_volume: 1000 });
  });

  it('a full disk: a clear disk_full error, whole files only, and the database still opens', async (ctx) => {
    const mnt = mountTmpfs(path.join(tempDir(), 'full'), 3 * 1024 * 1024);
    if (!mnt.ok) {
      console.warn(`skipped: ${mnt.reason}`);
      return ctx.skip();
    }
    const dir = tempDir();
    const good = writeCsv(dir, 'a_good.csv', GOOD_ROWS);
    const big = tempDir();
    const files = writeDataset(big, { files: 3, rowsPerFile: 20_000, seed: 9 });
    const db = path.join(mnt.dir, 'full.db');

    const engine = await openEngine(db);
    await engine.request('importPaths', { paths: [good] });
    const r = await engine.call('importPaths', { paths: [big] });
    let importedFiles: string[] = [];
    if (r.ok) {
      const failed = r.value.file_records.filter((f) => f.status === 'failed');
      expect(failed.length, 'the disk filled up, but no file failed').toBeGreaterThan(0);
      expect(failed.map((f) => f.error_code)).toContain('disk_full');
      for (const f of failed) expect(f.error_message ?? '').toMatch(/\w{3,}.*\w{3,}/);
      importedFiles = r.value.file_records.filter((f) => f.status === 'imported').map((f) => f.path);
    } else {
      expect(r.error.code, r.error.message).toBe('disk_full');
      expect(r.error.message).toMatch(/\w{3,}.*\w{3,}/);
      importedFiles = (await engine.request('getHistory', {})).sources.map((s) => s.path).filter((p) => p !== good);
    }
    const expected = await importFresh([good, ...importedFiles]);
    expect(contract((await metricsOf(engine)).metrics)).toEqual(contract(expected.metrics));
    await engine.close();

    const again = await openEngine(db);
    const now = await metricsOf(again);
    expect(contract(now.metrics)).toEqual(contract(expected.metrics));
    expect(now.coverage.events).toBe(expected.response.coverage.events);
  });
});
