// Importing the same folders again, importing a changed file, and forgetting a file: the metrics must
// always equal those of a fresh import of the files that are in the database.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { line, row, tempDir, uuid, writeCsv } from '../helpers/csv.js';
import type { Row } from '../helpers/csv.js';
import { contract, importFresh, metricsOf, openEngine } from '../helpers/engine.js';
import { recordFor } from '../helpers/ledger.js';

let n = 0;
/** Rows spread over merchants, products, statuses and months so any change shows in some metric. */
function varied(count: number, tag: string): Row[] {
  const products = ['POS', 'AIRTIME', 'BILLS', 'KYC', 'SAVINGS'];
  const statuses = ['SUCCESS', 'SUCCESS', 'FAILED', 'PENDING'];
  const kycTypes = ['DOCUMENT_SUBMITTED', 'VERIFICATION_COMPLETED', 'TIER_UPGRADE'];
  return Array.from({ length: count }, (_, i) => {
    n++;
    const product = products[n % products.length];
    return row({
      merchant_id: `${tag}-${n % 7}`,
      product,
      event_type: product === 'KYC' ? kycTypes[n % 3] : 'TRANSACTION',
      status: statuses[(n >> 1) % statuses.length],
      amount: `${(n * 37) % 1000}.${String(n % 100).padStart(2, '0')}`,
      event_timestamp: `2024-0${1 + (i % 6)}-1${n % 10}T12:00:00`,
    });
  });
}

describe('importing again', () => {
  it('marks unchanged files unchanged and adds nothing', async () => {
    const dir = tempDir();
    const a = writeCsv(dir, 'a.csv', varied(20, 'A'));
    const b = writeCsv(dir, 'sub/b.csv', [...varied(20, 'B'), row({ status: 'NOPE' })]);

    const engine = await openEngine();
    const first = await engine.request('importPaths', { paths: [dir] });
    const before = await metricsOf(engine);
    const second = await engine.request('importPaths', { paths: [dir] });
    const after = await metricsOf(engine);

    expect(first.files.imported).toBe(2);
    expect(second.status).toBe('done');
    expect(second.files).toMatchObject({ imported: 0, unchanged: 2, failed: 0 });
    expect(second.accepted).toBe(0);
    expect(recordFor(second, a).status).toBe('unchanged');
    expect(recordFor(second, b).status).toBe('unchanged');
    expect(contract(after.metrics)).toEqual(contract(before.metrics));
    expect(after.coverage.events).toBe(before.coverage.events);
    expect(after.coverage.events).toBe(40);
    expect((await engine.request('getHistory', {})).sources).toHaveLength(2);
  });

  it('imports a changed file again: new events added, known event_ids counted as duplicates', async () => {
    const dir = tempDir();
    const a = writeCsv(dir, 'a.csv', varied(10, 'A'));
    const bRows = varied(10, 'B');
    const b = writeCsv(dir, 'b.csv', bRows);

    const engine = await openEngine();
    await engine.request('importPaths', { paths: [dir] });

    const added = [row({ merchant_id: 'NEW-1', amount: '123.45' }), row({ merchant_id: 'NEW-2', product: 'MONIEBOOK' })];
    fs.appendFileSync(b, added.map((r) => line(r) + '\n').join(''));
    const second = await engine.request('importPaths', { paths: [dir] });

    expect(recordFor(second, a).status).toBe('unchanged');
    expect(recordFor(second, b)).toMatchObject({ status: 'imported', rows_read: 12, accepted: 2, duplicates: 10 });
    expect(second).toMatchObject({ accepted: 2, duplicates: 10 });
    const now = await metricsOf(engine);
    expect(now.coverage.events).toBe(22);
    const fresh = await importFresh([a, b]);
    expect(contract(now.metrics)).toEqual(contract(fresh.metrics));
    expect(now.metrics.product_adoption.MONIEBOOK).toBe(1);
  });
});

describe('what counts as changed', () => {
  it('a file only touched (same content, new modification time) is unchanged', async () => {
    const dir = tempDir();
    const a = writeCsv(dir, 'a.csv', varied(5, 'A'));
    const engine = await openEngine();
    await engine.request('importPaths', { paths: [a] });
    const later = new Date(Date.now() + 3600_000);
    fs.utimesSync(a, later, later);
    const again = await engine.request('importPaths', { paths: [a] });
    expect(recordFor(again, a).status).toBe('unchanged');
  });

  it('a same-size edit with the old modification time restored is still seen by its content', async () => {
    const dir = tempDir();
    const rows = varied(5, 'A');
    const a = writeCsv(dir, 'a.csv', rows);
    const engine = await openEngine();
    await engine.request('importPaths', { paths: [a] });
    const before = fs.statSync(a);

    // Replace the last row's event_id by a new one of the same length: one new event.
    const text = fs.readFileSync(a, 'utf8');
    const last = rows[rows.length - 1].event_id;
    const edited = text.replace(last, uuid());
    expect(edited.length).toBe(text.length);
    fs.writeFileSync(a, edited);
    fs.utimesSync(a, before.atime, before.mtime);

    const again = await engine.request('importPaths', { paths: [a] });
    expect(recordFor(again, a)).toMatchObject({ status: 'imported', accepted: 1, duplicates: 4 });
    expect((await metricsOf(engine)).coverage.events).toBe(6);
  });

  it('a changed row with a known event_id is a duplicate: the stored event keeps its first values', async () => {
    const dir = tempDir();
    const a = writeCsv(dir, 'a.csv', [row({ merchant_id: 'M-KEEP', amount: '10.00' }), row({ merchant_id: 'M-OTHER', amount: '1.00' })]);
    const engine = await openEngine();
    await engine.request('importPaths', { paths: [a] });
    fs.writeFileSync(a, fs.readFileSync(a, 'utf8').replace('10.00', '99.00'));
    const again = await engine.request('importPaths', { paths: [a] });
    expect(recordFor(again, a)).toMatchObject({ status: 'imported', accepted: 0, duplicates: 2 });
    expect((await metricsOf(engine)).metrics.top_merchant).toEqual({ merchant_id: 'M-KEEP', total_volume: 10 });
  });
});

describe('forgetFile', () => {
  it('removes one file’s events and every metric follows exactly', async () => {
    const dir = tempDir();
    const a = writeCsv(dir, 'a.csv', varied(15, 'A'));
    const b = writeCsv(dir, 'b.csv', varied(15, 'B'));
    const c = writeCsv(dir, 'c.csv', varied(15, 'C'));

    const engine = await openEngine();
    const full = await engine.request('importPaths', { paths: [dir] });
    const fullMetrics = await metricsOf(engine);
    const sources = (await engine.request('getHistory', {})).sources;
    const sourceB = sources.find((s) => s.path === b);
    expect(sourceB).toBeDefined();

    const forgot = await engine.request('forgetFile', { source_id: sourceB!.id });
    expect(forgot.events_removed).toBe(recordFor(full, b).accepted);
    expect(forgot.source_ids).toContain(sourceB!.id);

    const after = await metricsOf(engine);
    const fresh = await importFresh([a, c]);
    expect(contract(after.metrics)).toEqual(contract(fresh.metrics));
    expect(after.coverage).toMatchObject({ files: 2, events: 30 });
    expect((await engine.request('getHistory', {})).sources.map((s) => s.path).sort()).toEqual([a, c]);

    // Importing the forgotten file again brings everything back.
    const again = await engine.request('importPaths', { paths: [b] });
    expect(recordFor(again, b)).toMatchObject({ status: 'imported', accepted: 15 });
    expect(contract((await metricsOf(engine)).metrics)).toEqual(contract(fullMetrics.metrics));
  });

  it('names the files whose duplicates of the forgotten rows were skipped, and importing them again restores those rows', async () => {
    const dir = tempDir();
    const shared = uuid();
    const a = writeCsv(dir, 'a.csv', [row({ event_id: shared, merchant_id: 'M-1', amount: '10.00' }), ...varied(5, 'A')]);
    const b = writeCsv(dir, 'b.csv', [row({ event_id: shared, merchant_id: 'M-1', amount: '20.00' }), ...varied(5, 'B')]);

    const engine = await openEngine();
    await engine.request('importPaths', { paths: [dir] });
    const sourceA = (await engine.request('getHistory', {})).sources.find((s) => s.path === a)!;
    const forgot = await engine.request('forgetFile', { source_id: sourceA.id });
    expect(forgot.files_to_reimport).toEqual([b]);

    await engine.request('importPaths', { paths: forgot.files_to_reimport });
    const now = await metricsOf(engine);
    const fresh = await importFresh([b]);
    expect(contract(now.metrics)).toEqual(contract(fresh.metrics));
    expect(now.coverage.events).toBe(6);
  });

  it('forgetting every stored version of a changed file leaves exactly the other files', async () => {
    const dir = tempDir();
    const a = writeCsv(dir, 'a.csv', varied(10, 'A'));
    const b = writeCsv(dir, 'b.csv', varied(10, 'B'));
    const engine = await openEngine();
    await engine.request('importPaths', { paths: [dir] });
    fs.appendFileSync(b, varied(3, 'B2').map((r) => line(r) + '\n').join(''));
    await engine.request('importPaths', { paths: [dir] });
    expect((await metricsOf(engine)).coverage.events).toBe(23);

    for (let i = 0; i < 5; i++) {
      const left = (await engine.request('getHistory', {})).sources.filter((s) => s.path === b);
      if (left.length === 0) break;
      await engine.request('forgetFile', { source_id: left[0].id });
    }
    expect((await engine.request('getHistory', {})).sources.map((s) => s.path)).toEqual([a]);
    const now = await metricsOf(engine);
    const fresh = await importFresh([a]);
    expect(contract(now.metrics)).toEqual(contract(fresh.metrics));
    expect(now.coverage.events).toBe(10);
  });

  it('answers an unknown source id with not_found and changes nothing', async () => {
    const dir = tempDir();
    writeCsv(dir, 'a.csv', varied(5, 'A'));
    const engine = await openEngine();
    await engine.request('importPaths', { paths: [path.join(dir, 'a.csv')] });
    const before = await metricsOf(engine);
    const r = await engine.call('forgetFile', { source_id: 999_999 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not_found');
    expect(await metricsOf(engine)).toEqual(before);
  });
});
