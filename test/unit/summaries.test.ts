// The summaries kept up to date during imports, cancels and forgets must equal a rebuild from the
// stored events by SQL (which is also how they are repaired after a crash).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';
import { rebuildSummaries } from '../../electron/engine/import/summaries.js';

const TABLES = ['s_volume', 's_month', 's_adoption', 's_kyc', 's_status', 's_day', 'm_month', 'm_adoption', 'm_kyc'];

function snapshot(db: Database.Database) {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all()]));
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
  it('equal a rebuild from events after imports, a re-import and a forget', async () => {
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
      check.transaction(() => rebuildSummaries(check))();
      expect(snapshot(check)).toEqual(incremental);
      check.close();
    } finally {
      await engine.close();
    }
  });
});
