// A folder with thousands of other files (a home folder) is searched for CSVs; the ledger keeps how
// many other files there were and a short sample of their names, not every name.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv, writeFile } from '../helpers/csv.js';
import { newDbPath, openEngine } from '../helpers/engine.js';

describe('files that are not CSV below a folder', () => {
  it('are counted in full, and at most 100 names are kept', async () => {
    const dir = tempDir();
    writeCsv(dir, 'data/a.csv', [row()]);
    for (let i = 0; i < 250; i++) writeFile(dir, `other/note-${String(i).padStart(3, '0')}.txt`, 'x');
    const db = newDbPath();
    const engine = await openEngine(db);
    const summary = await engine.request('importPaths', { paths: [dir] });
    expect(summary.files).toMatchObject({ imported: 1, ignored: 250 });
    expect(summary.ignored_paths).toHaveLength(100);
    expect(summary.ignored_paths[0]).toMatch(/note-000\.txt$/);
    const history = await engine.request('getHistory', {});
    expect(history.imports[0].files_ignored).toBe(250);
    await engine.close();

    const stored = new Database(db, { readonly: true });
    const ignored = stored.prepare('SELECT ignored FROM imports').pluck().get() as string;
    stored.close();
    expect(ignored.length).toBeLessThan(100 * 200);
    expect(JSON.parse(ignored)).toMatchObject({ count: 250 });
  });
});
