// The summaries kept up to date during imports, cancels and forgets must equal their definition as
// SQL GROUP BYs over the stored events, and so must the engine's own rebuild (its crash repair).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';
import { rebuildSummaries, SummaryState } from '../../electron/engine/import/summaries.js';
import { migrate } from '../../electron/engine/db/migrate.js';
import { materializeEvents } from '../helpers/stored-events.js';

const TABLES = ['s_volume', 's_month', 's_adoption', 's_kyc', 's_status', 's_day', 'm_month', 'm_adoption', 'm_kyc'];

function snapshot(db: Database.Database) {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all()]));
}

const MONTH = "CAST(strftime('%Y%m', ts / 1000.0, 'unixepoch') AS INTEGER)";
const DAY = "CAST(strftime('%Y%m%d', ts / 1000.0, 'unixepoch') AS INTEGER)";

/** Each summary table as its definition: a GROUP BY over the stored events. */
function definedBySql(db: Database.Database) {
  const q = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
  const s_month = q(`SELECT ${MONTH} AS month, merchant, count(*) FROM events WHERE status = 0 AND ts IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`);
  const s_adoption = q('SELECT product, merchant, count(*) FROM events GROUP BY 1, 2 ORDER BY 1, 2');
  const s_kyc = q(`SELECT k.id, e.merchant, count(*) FROM events e JOIN labels l ON l.id = e.event_type AND l.kind = 'event_type'
                   JOIN kyc_steps k ON k.event_type = l.text WHERE e.product = 6 AND e.status = 0 GROUP BY 1, 2 ORDER BY 1, 2`);
  const distinct = (rows: unknown[][]) => {
    const m = new Map<unknown, number>();
    for (const r of rows) m.set(r[0], (m.get(r[0]) ?? 0) + 1);
    return [...m].map(([k, n]) => [k, n]);
  };
  return {
    s_volume: q('SELECT merchant, sum(amount), count(*) FROM events WHERE status = 0 AND amount IS NOT NULL GROUP BY 1 ORDER BY 1'),
    s_month,
    s_adoption,
    s_kyc,
    s_status: q('SELECT product, status, count(*) FROM events GROUP BY 1, 2 ORDER BY 1, 2'),
    s_day: q(`SELECT ${DAY} AS day, count(*) FROM events WHERE ts IS NOT NULL GROUP BY 1 ORDER BY 1`),
    m_month: distinct(s_month),
    m_adoption: distinct(s_adoption),
    m_kyc: distinct(s_kyc),
  };
}

const PRODUCTS = ['POS', 'AIRTIME', 'BILLS', 'CARD_PAYMENT', 'SAVINGS', 'MONIEBOOK', 'KYC'];
const TYPES = ['DOCUMENT_SUBMITTED', 'VERIFICATION_COMPLETED', 'TIER_UPGRADE', 'SALE'];
const STATUSES = ['SUCCESS', 'FAILED', 'PENDING', 'success'];

/** A small deterministic data set with every kind of row: duplicates, bad timestamps and amounts, KYC steps. */
function writeDays(dir: string, days: number, rowsPerDay: number, seed: number): void {
  let x = seed;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % n;
  };
  const ids: string[] = [];
  for (let d = 0; d < days; d++) {
    const lines = ['event_id,merchant_id,event_timestamp,product,event_type,amount,status,channel,region,merchant_tier'];
    for (let r = 0; r < rowsPerDay; r++) {
      const reuse = ids.length > 10 && rnd(50) === 0;
      const id = reuse ? ids[rnd(ids.length)] : `${(d * 100000 + r).toString(16).padStart(8, '0')}-0000-4000-8000-${rnd(1e6).toString(16).padStart(12, '0')}`;
      ids.push(id);
      const day = `2024-${String(1 + ((d * 13) % 12)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`;
      const tsv = rnd(40) === 0 ? 'NOT-A-DATE' : `${day}T${String(rnd(24)).padStart(2, '0')}:15:00`;
      const amount = rnd(40) === 0 ? 'INVALID' : `${rnd(100000)}.${rnd(100)}`;
      lines.push([id, `MRC-${String(rnd(60)).padStart(6, '0')}`, tsv, PRODUCTS[rnd(7)], TYPES[rnd(4)], amount, STATUSES[rnd(4)], 'APP', 'LAGOS', 'STARTER'].join(','));
    }
    fs.writeFileSync(path.join(dir, `activities_2024${String(100 + d).slice(1)}01.csv`), lines.join('\n') + '\n');
  }
}

describe('summaries', () => {
  it('equal their SQL definition, and the rebuild, after imports, a re-import and a forget', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-sum-'));
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    writeDays(data, 6, 400, 7);
    const dbPath = path.join(dir, 'db.sqlite');
    const engine = await EngineClient.open(dbPath, { tuning: { batchRows: 97 } });
    try {
      await engine.request('importPaths', { paths: [path.join(data, 'activities_20240101.csv'), path.join(data, 'activities_20240201.csv')] });
      await engine.request('importPaths', { paths: [data] });
      const history = await engine.request('getHistory', {});
      await engine.request('forgetFile', { source_id: history.sources[2].id });
      const check = new Database(dbPath);
      const incremental = snapshot(check);
      expect(incremental.s_volume.length).toBeGreaterThan(10);
      expect(incremental.s_kyc.length).toBeGreaterThan(0);
      expect(materializeEvents(check)).toBeGreaterThan(1000);
      expect(incremental).toEqual(definedBySql(check));
      check.exec('DELETE FROM s_volume; DELETE FROM s_month; DELETE FROM m_month;');
      check.transaction(() => rebuildSummaries(check))();
      expect(snapshot(check)).toEqual(incremental);
      check.close();
    } finally {
      await engine.close();
    }
  });

  it('are written a hundred rows to a statement, with a tick between statements for progress', () => {
    const db = new Database(':memory:');
    migrate(db);
    const state = new SummaryState();
    state.ensureMerchants(1234);
    // Merchants 1..1234: SUCCESS POS in January 2024, so each has a volume, a month and an adoption row.
    for (let m = 1; m <= 1234; m++) state.add(m, 0, 0, -1, 202401, 20240101, m * 100);
    let ticks = 0;
    state.write(db, () => ticks++);
    expect(db.prepare('SELECT count(*), sum(kobo) FROM s_volume').raw().get()).toEqual([1234, (1234 * 1235 * 100) / 2]);
    expect(db.prepare('SELECT count(*) FROM s_month WHERE month = 202401').pluck().get()).toBe(1234);
    expect(db.prepare('SELECT count(*) FROM s_adoption WHERE product = 0').pluck().get()).toBe(1234);
    // 12 full statements in each of the three tables; the 34 rows left over go one by one.
    expect(ticks).toBe(36);
    db.close();
  });

  it("count a file's new merchants straight into the import's state, and take them back when the file is rolled back", () => {
    const tables = (s: SummaryState) => {
      const db = new Database(':memory:');
      migrate(db);
      s.write(db);
      const t = snapshot(db);
      db.close();
      return t;
    };
    let x = 3;
    const rnd = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 8) % n;
    };
    // Merchants 1..5,000 were stored before the file; the file stores 5,001..100,000 and meets old ones too.
    type Ev = [number, number, number, number, number, number, number];
    const ev = (m: number): Ev => {
      const product = rnd(7);
      const status = rnd(3);
      const month = rnd(5) === 0 ? 0 : 202401 + rnd(3);
      return [m, product, status, product === 6 && status === 0 ? rnd(3) : -1, month, month === 0 ? 0 : month * 100 + 1 + rnd(28), rnd(9) === 0 ? NaN : rnd(1e6)];
    };
    const before = Array.from({ length: 20_000 }, () => ev(1 + rnd(5_000)));
    const file = Array.from({ length: 150_000 }, () => ev(rnd(4) === 0 ? 1 + rnd(5_000) : 5_001 + rnd(95_000)));
    const counted = (...sets: Ev[][]) => {
      const s = new SummaryState();
      s.ensureMerchants(100_000);
      for (const e of sets.flat()) s.add(...e);
      return s;
    };
    const withFile = (then: (main: SummaryState, f: SummaryState) => void) => {
      const main = counted(before);
      const f = new SummaryState();
      f.countNewInto(main, 5_001);
      f.ensureMerchants(100_000);
      for (const e of file) f.add(...e);
      // The file's own counters cover only the merchants stored before it.
      expect(f.capacity).toBeLessThan(2 * 5_001);
      then(main, f);
      return tables(main);
    };
    expect(withFile((main, f) => main.merge(f))).toEqual(tables(counted(before, file)));
    expect(withFile((_, f) => f.dropNew())).toEqual(tables(counted(before)));
  });
});
