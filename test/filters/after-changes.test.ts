// Filtered answers stay exact after the data changes under a running engine (a file forgotten, one
// more imported) and after a version-3 database is upgraded in place: each checked against brute force
// over the rows the test wrote.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MetricFilter } from '../../shared/filter.js';
import { tempDir } from '../helpers/csv.js';
import { newDbPath, openEngine } from '../helpers/engine.js';
import { loadMigrations } from '../../electron/engine/db/migrate.js';
import { rng } from '../helpers/dataset.js';
import { propertyDays, randomCase, writeActivity } from './generate.js';
import { metricDiffs, readEvents, referenceMetrics, select, type RefEvent } from './reference.js';

async function expectExact(engine: Awaited<ReturnType<typeof openEngine>>, events: RefEvent[], filters: MetricFilter[]) {
  const diffs: string[] = [];
  for (const filter of filters) {
    const got = await engine.request('getMetrics', { filter });
    diffs.push(...metricDiffs(got.metrics, referenceMetrics(select(events, filter)), JSON.stringify(filter)));
  }
  expect(diffs).toEqual([]);
}

function someFilters(seed: number, days: string[]): MetricFilter[] {
  const rand = rng(seed);
  return Array.from({ length: 25 }, () => randomCase(rand, days, 80).filter);
}

describe('filtered answers after changes', () => {
  const days = propertyDays().slice(0, 40);

  it('follow a forgotten file and a new import in the same engine', async () => {
    const dir = tempDir('mad-change-');
    const paths = writeActivity(dir, { seed: 5, days, rowsPerDay: () => 60, merchants: 80 });
    const engine = await openEngine();
    await engine.request('importPaths', { paths: [dir] });
    const filters = someFilters(21, days);
    // The index is built by the first filtered answer, before the changes below.
    await expectExact(engine, readEvents(paths).events, filters);

    const history = await engine.request('getHistory', {});
    const victim = history.sources.find((s) => s.path.endsWith(path.basename(paths[7])))!;
    const forgot = await engine.request('forgetFile', { source_id: victim.id });
    // Rows that were duplicates of the forgotten file's come back only when their files are read again.
    if (forgot.files_to_reimport.length) await engine.request('importPaths', { paths: forgot.files_to_reimport });
    const kept = paths.filter((p) => p !== paths[7]);
    await expectExact(engine, readEvents(kept).events, filters);

    // Imported again last, its ids already held by later files are duplicates now.
    await engine.request('importPaths', { paths: [paths[7]] });
    await expectExact(engine, readEvents([...kept, paths[7]], true).events, filters);
  });

  it('hold after a version-3 database is upgraded in place, whose events show no line', async () => {
    const dir = tempDir('mad-upgrade-');
    const paths = writeActivity(dir, { seed: 6, days, rowsPerDay: () => 50, merchants: 60 });
    const dbPath = newDbPath();
    const first = await openEngine(dbPath);
    await first.request('importPaths', { paths: [dir] });
    await first.close();
    // Make it what version 3 wrote: no line column, the index 004 dropped, none of the later tables, user_version 3.
    const db = new Database(dbPath);
    db.exec('ALTER TABLE event_blocks DROP COLUMN line; CREATE INDEX rejected_rows_file ON rejected_rows (import_file_id); DROP TABLE saved_views; DROP TABLE app_settings; DROP TABLE watched_folders; PRAGMA user_version = 3;');
    db.close();
    expect(fs.existsSync(dbPath)).toBe(true);

    const engine = await openEngine(dbPath);
    const check = new Database(dbPath, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    check.close();
    await expectExact(engine, readEvents(paths).events, someFilters(22, days));
    const page = await engine.request('getEvents', { filter: { from: days[3], to: days[3] }, limit: 3 });
    expect(page.rows.length).toBeGreaterThan(0);
    for (const r of page.rows) expect(r.source_line).toBeNull();
  });
});
