// More distinct merchants than the importer keeps texts of (MERCHANT_TEXTS_KEPT): each parse thread and
// the writer start their merchant numbering over part-way, and a later session finds most stored
// merchants only in the table. Every merchant must still get one id and every count stay exact: the
// summaries are checked against a brute-force count of the rows written here.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MERCHANT_TEXTS_KEPT } from '../../electron/engine/import/texts-kept.js';
import { tempDir, uuid } from '../helpers/csv.js';
import { newDbPath, openEngine } from '../helpers/engine.js';

const HEADER = 'event_id,merchant_id,event_timestamp,product,event_type,amount,status,channel,region,merchant_tier';
const PRODUCTS = ['POS', 'AIRTIME', 'BILLS', 'CARD_PAYMENT', 'SAVINGS', 'MONIEBOOK', 'KYC'];
const KYC_TYPES = ['DOCUMENT_SUBMITTED', 'VERIFICATION_COMPLETED', 'TIER_UPGRADE', 'OTHER_STEP'];
const STATUSES = ['SUCCESS', 'FAILED', 'PENDING'];

/** The summaries as a brute-force count of the rows: "table key merchant" -> count (kobo sums under "kobo"). */
class Reference {
  readonly n = new Map<string, number>();
  readonly merchants = new Set<string>();
  private bump(key: string, by = 1) {
    this.n.set(key, (this.n.get(key) ?? 0) + by);
  }
  count(code: string, product: number, kycType: number, month: number, kobo: number, status: number) {
    this.merchants.add(code);
    this.bump(`s_adoption ${product} ${code}`);
    if (status !== 0) return;
    this.bump(`s_volume n ${code}`);
    this.bump(`s_volume kobo ${code}`, kobo);
    this.bump(`s_month ${month} ${code}`);
    if (product === 6 && kycType < 3) this.bump(`s_kyc ${kycType} ${code}`);
  }
}

/** Merchant i's id: mostly numbered (the parse thread's table), one in five another shape (its Map). */
const code = (i: number) => (i % 5 === 4 ? `m${(i * 2654435761) % 4294967296}x` : `MRC-${String(i).padStart(7, '0')}`);

function writeFile(dir: string, day: number, merchants: number[], ref: Reference, seed: number): string {
  let x = seed;
  const rnd = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const lines = [HEADER];
  for (const i of merchants) {
    const product = rnd(7);
    const kycType = product === 6 ? rnd(4) : -1;
    const type = product === 6 ? KYC_TYPES[kycType] : 'SALE';
    const month = 1 + rnd(3);
    const kobo = rnd(10_000_000);
    const status = rnd(3);
    const amount = `${Math.floor(kobo / 100)}.${String(kobo % 100).padStart(2, '0')}`;
    lines.push([uuid(), code(i), `2024-0${month}-0${1 + rnd(9)}T10:00:00`, PRODUCTS[product], type, amount, STATUSES[status], 'APP', 'LAGOS', 'STARTER'].join(','));
    ref.count(code(i), product, kycType, 202400 + month, kobo, status);
  }
  const file = path.join(dir, `activities_2024010${day}.csv`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** The stored summaries in the reference's keys. */
function stored(dbPath: string): Map<string, number> {
  const db = new Database(dbPath, { readonly: true });
  const out = new Map<string, number>();
  const read = (sql: string, key: (r: (string | number)[]) => string, value: (r: (string | number)[]) => number) => {
    for (const r of db.prepare(sql).raw().iterate() as Iterable<(string | number)[]>) out.set(key(r), value(r));
  };
  const join = 'JOIN merchants m ON m.id = s.merchant';
  read(`SELECT m.code, s.n FROM s_volume s ${join}`, (r) => `s_volume n ${r[0]}`, (r) => r[1] as number);
  read(`SELECT m.code, s.kobo FROM s_volume s ${join}`, (r) => `s_volume kobo ${r[0]}`, (r) => r[1] as number);
  read(`SELECT s.product, m.code, s.n FROM s_adoption s ${join}`, (r) => `s_adoption ${r[0]} ${r[1]}`, (r) => r[2] as number);
  read(`SELECT s.month, m.code, s.n FROM s_month s ${join}`, (r) => `s_month ${r[0]} ${r[1]}`, (r) => r[2] as number);
  read(`SELECT s.step, m.code, s.n FROM s_kyc s ${join}`, (r) => `s_kyc ${r[0]} ${r[1]}`, (r) => r[2] as number);
  out.set('merchants', db.prepare('SELECT count(*) FROM merchants').pluck().get() as number);
  db.close();
  return out;
}

function differences(want: Map<string, number>, got: Map<string, number>): string[] {
  const keys = new Set([...want.keys(), ...got.keys()]);
  return [...keys].filter((k) => want.get(k) !== got.get(k)).slice(0, 5).map((k) => `${k}: want ${want.get(k)}, got ${got.get(k)}`);
}

describe('a file with more merchants than the importer keeps texts of', () => {
  it('gives each merchant one id and exact summaries, across threads, files and sessions', async () => {
    const K = MERCHANT_TEXTS_KEPT;
    const dir = tempDir('mad-many-');
    const ref = new Reference();
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
    let x = 99;
    const pick = (n: number, below: number) =>
      Array.from({ length: n }, () => {
        x = (Math.imul(x, 22695477) + 1) >>> 0;
        return (x >>> 4) % below;
      });
    // Thread 0 reads days 1 and 3, thread 1 day 2. Day 1 alone passes the bound; days 2 and 3 repeat
    // merchants numbered before a start-over, after it, and by the other thread.
    const files = [
      writeFile(dir, 1, [...range(0, K + 20_000), ...pick(5_000, K + 20_000)], ref, 1),
      writeFile(dir, 2, [...pick(30_000, 2 * K), ...range(0, 2_000)], ref, 2),
      writeFile(dir, 3, [...pick(40_000, 2 * K + 10_000), ...range(0, 2_000)], ref, 3),
    ];
    const dbPath = newDbPath();
    const engine = await openEngine(dbPath, { tuning: { batchRows: 4096 } });
    const first = await engine.request('importPaths', { paths: files });
    expect(first.status).toBe('done');
    expect(first.files.imported).toBe(3);
    // A later session's cache holds only some of the stored merchants: the rest are found in the table.
    const later = writeFile(dir, 4, [...pick(20_000, 2 * K + 20_000), ...range(2 * K + 20_000, 2 * K + 25_000)], ref, 4);
    await engine.close();
    const again = await openEngine(dbPath);
    expect((await again.request('importPaths', { paths: [later] })).status).toBe('done');

    const want = new Map(ref.n);
    want.set('merchants', ref.merchants.size);
    expect(ref.merchants.size).toBeGreaterThan(K + 25_000);
    const got = stored(dbPath);
    expect(differences(want, got)).toEqual([]);
    expect(got.size).toBe(want.size);
  });
});
