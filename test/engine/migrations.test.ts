// Opening databases: a new one is created and migrated, an existing one keeps its data, and a newer or
// foreign one is refused clearly and left untouched.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api.js';
import { row, tempDir, writeCsv, writeFile } from '../helpers/csv.js';
import { metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import { sha256 } from '../helpers/ledger.js';

async function openError(db: string): Promise<AppError> {
  const err = await openEngine(db).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `opening ${db} should have been refused`).toBeInstanceOf(AppError);
  return err as AppError;
}

function userVersion(db: string): number {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.pragma('user_version', { simple: true }) as number;
  } finally {
    conn.close();
  }
}

describe('opening a database', () => {
  it('creates and migrates a new one, sets user_version, and keeps data across reopening', async () => {
    const db = newDbPath();
    const file = writeCsv(tempDir(), 'a.csv', [row({ merchant_id: 'M-1', amount: '2.50' })]);
    const engine = await openEngine(db);
    await engine.request('importPaths', { paths: [file] });
    await engine.close();
    const version = userVersion(db);
    expect(version).toBeGreaterThan(0);

    const again = await openEngine(db);
    expect((await metricsOf(again)).metrics.top_merchant).toEqual({ merchant_id: 'M-1', total_volume: 2.5 });
    await again.close();
    expect(userVersion(db)).toBe(version);
  });

  it('refuses a database newer than the code (db_newer) and leaves it untouched', async () => {
    const db = newDbPath();
    const engine = await openEngine(db);
    await engine.close();
    const conn = new Database(db);
    conn.pragma(`user_version = ${userVersion(db) + 100}`);
    conn.close();
    const before = sha256(db);

    const err = await openError(db);
    expect(err.code).toBe('db_newer');
    expect(err.message).toMatch(/newer/i);
    expect(sha256(db)).toBe(before);
  });

  it('refuses a file that is not a database (db_foreign) and leaves it untouched', async () => {
    const dir = tempDir();
    for (const [name, content] of [
      ['notes.db', 'These are my notes, not a database.\n'],
      ['image.db', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 5000 }, (_, i) => i % 251)])],
    ] as const) {
      const db = writeFile(dir, name, content);
      const before = sha256(db);
      const err = await openError(db);
      expect(err.code).toBe('db_foreign');
      expect(err.message).toMatch(/\w{3,}.*\w{3,}/);
      expect(sha256(db)).toBe(before);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith(name) && f !== name)).toEqual([]);
    }
  });

  it('refuses another program’s SQLite database (db_foreign) and leaves it untouched', async () => {
    const db = path.join(tempDir(), 'other.db');
    const conn = new Database(db);
    conn.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");
    conn.close();
    const before = sha256(db);

    const err = await openError(db);
    expect(err.code).toBe('db_foreign');
    expect(sha256(db)).toBe(before);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT name FROM sqlite_master ORDER BY name').all()).toEqual([{ name: 'customers' }]);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    check.close();
  });

  it('refuses a database path in a folder that does not exist, or that is a folder, clearly and without creating anything', async () => {
    const dir = tempDir();
    const missing = await openError(path.join(dir, 'no', 'such', 'x.db'));
    expect(missing.code).toBe('db_unavailable');
    expect(missing.message).toMatch(/\w{3,}.*\w{3,}/);
    expect(fs.readdirSync(dir)).toEqual([]);

    const folder = await openError(dir);
    expect(['db_unavailable', 'db_foreign']).toContain(folder.code);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
