// The XLSX exports read back with exceljs: numeric cells with naira, count and percent formats, months
// and timestamps as dates, the comparison columns, the About sheet, and formula-looking text
// neutralised. Every expected number is counted here from the rows this test writes, not by the engine.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv, type Row } from '../helpers/csv.js';
import { ROOT, newDbPath } from '../helpers/engine.js';
import type { Metrics } from '../../shared/metrics.js';
import { EngineClient } from '../../electron/engine/client.js';
import type { MetricFilter } from '../../shared/filter.js';

const HOSTILE = '=HYPERLINK("x")';
const MERCHANTS = ['MRC-A', 'MRC-B', 'MRC-C', 'MRC-D', HOSTILE, '-MRC-E'];
const PRODUCTS = ['POS', 'AIRTIME', 'BILLS'];
const STATUSES = ['SUCCESS', 'SUCCESS', 'FAILED', 'PENDING'];
// Days with files; the period is 2024-01-16..2024-01-31 and its previous period 2023-12-31..2024-01-15.
const DAYS = ['2024-01-02', '2024-01-05', '2024-01-09', '2024-01-15', '2024-01-16', '2024-01-18', '2024-01-23', '2024-01-31'];
const FILTER: MetricFilter = { from: '2024-01-16', to: '2024-01-31', region: ['LAGOS', 'KANO'] };
const PREV = { from: '2023-12-31', to: '2024-01-15' };

let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};

const written: Row[] = [];
let engine: EngineClient;
let dir: string;
const dbPath = newDbPath();

beforeAll(async () => {
  dir = tempDir();
  for (const day of DAYS) {
    const rows: (Row | string)[] = [];
    for (let i = 0; i < 40; i++) {
      const r = row({
        merchant_id: MERCHANTS[rand(MERCHANTS.length)],
        product: PRODUCTS[rand(PRODUCTS.length)],
        status: STATUSES[rand(STATUSES.length)],
        amount: `${1 + rand(50000)}.${String(rand(100)).padStart(2, '0')}`,
        event_timestamp: `${day}T${String(rand(24)).padStart(2, '0')}:15:30`,
      });
      rows.push(r);
      written.push(r);
    }
    if (day === '2024-01-18') {
      // One rejected row (no merchant) and one kept with a warning (an amount that is not a number).
      rows.push(row({ merchant_id: '', event_timestamp: `${day}T09:00:00` }));
      const warned = row({ merchant_id: 'MRC-A', region: 'LAGOS', amount: 'abc', event_timestamp: `${day}T09:00:00` });
      rows.push(warned);
      written.push({ ...warned, amount: '' });
    }
    writeCsv(dir, `activities_${day.replace(/-/g, '')}.csv`, rows);
  }
  // One engine for the whole file (openEngine's closes after each test).
  engine = await EngineClient.open(dbPath);
  await engine.request('importPaths', { paths: [dir] });
});

afterAll(() => engine?.close());

// ---- the brute-force reference --------------------------------------------------------------------
const inRange = (r: Row, from: string, to: string) => r.event_timestamp.slice(0, 10) >= from && r.event_timestamp.slice(0, 10) <= to;
const selected = (from: string, to: string) => written.filter((r) => inRange(r, from, to) && FILTER.region!.includes(r.region.toUpperCase()));
const kobo = (a: string) => Math.round(Number(a) * 100);

function topVolumes(rows: Row[]): { merchant: string; naira: number }[] {
  const sum = new Map<string, number>();
  for (const r of rows) if (r.status === 'SUCCESS' && r.amount !== '') sum.set(r.merchant_id, (sum.get(r.merchant_id) ?? 0) + kobo(r.amount));
  return [...sum].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10).map(([merchant, k]) => ({ merchant, naira: k / 100 }));
}

function failureRate(rows: Row[], product: string): number {
  const f = rows.filter((r) => r.product === product && r.status === 'FAILED').length;
  const s = rows.filter((r) => r.product === product && r.status === 'SUCCESS').length;
  return Math.floor((f * 2000 + (f + s)) / (2 * (f + s))) / 10;
}

function adoption(rows: Row[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of PRODUCTS) {
    const n = new Set(rows.filter((r) => r.product === p).map((r) => r.merchant_id)).size;
    if (n) out.set(p, n);
  }
  return out;
}

// ---- reading the workbook back ---------------------------------------------------------------------
async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

function sheetRows(ws: ExcelJS.Worksheet): ExcelJS.Cell[][] {
  const out: ExcelJS.Cell[][] = [];
  ws.eachRow((r) => {
    const cells: ExcelJS.Cell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(r.getCell(c));
    out.push(cells);
  });
  return out;
}

const header = (ws: ExcelJS.Worksheet) => sheetRows(ws)[0].map((c) => c.value);
const about = (wb: ExcelJS.Workbook) => new Map(sheetRows(wb.getWorksheet('About')!).slice(1).map(([k, v]) => [String(k.value), v]));

describe('the dashboard as XLSX', () => {
  it('has numeric cells with naira, count and percent formats, months as dates, and the comparison columns', async () => {
    const file = await engine.request('getXlsx', { filter: FILTER, compare: 'previous' });
    expect(file.filename).toBe('merchant_analytics 2024-01-16_2024-01-31 region-LAGOS-KANO vs-previous.xlsx');
    const wb = await workbook(file.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Top merchant', 'Monthly active merchants', 'Product adoption', 'KYC funnel', 'Failure rates']);

    const top = wb.getWorksheet('Top merchant')!;
    expect(header(top)).toEqual(['rank', 'merchant_id', 'total_volume', 'previous_total_volume', 'change', 'change_percent']);
    const cur = topVolumes(selected(FILTER.from!, FILTER.to!));
    const prev = topVolumes(selected(PREV.from, PREV.to));
    const body = sheetRows(top).slice(1);
    expect(body.length).toBe(cur.length);
    expect(cur.some((c) => c.merchant === HOSTILE)).toBe(true);
    body.forEach(([rank, merchant, volume, previous, change, pct], i) => {
      expect(rank.type).toBe(ExcelJS.ValueType.Number);
      expect(rank.value).toBe(i + 1);
      // Formula-looking ids are text with a leading quote, never a formula.
      const id = cur[i].merchant;
      expect(merchant.type).toBe(ExcelJS.ValueType.String);
      expect(merchant.value).toBe(/^[=+\-@]/.test(id) ? `'${id}` : id);
      expect(volume.type).toBe(ExcelJS.ValueType.Number);
      expect(volume.value).toBe(cur[i].naira);
      expect(volume.numFmt).toBe('"₦"#,##0.00');
      const before = prev.find((p) => p.merchant === id);
      if (!before) {
        expect(previous.value).toBeNull();
        return;
      }
      expect(previous.value).toBe(before.naira);
      expect(previous.numFmt).toBe('"₦"#,##0.00');
      const delta = kobo(String(cur[i].naira)) - kobo(String(before.naira));
      expect(change.value).toBe(delta / 100);
      expect(change.numFmt).toBe('"₦"#,##0.00');
      expect(pct.value as number).toBeCloseTo(delta / kobo(String(before.naira)), 12);
      expect(pct.numFmt).toBe('0.0%');
    });

    const monthly = sheetRows(wb.getWorksheet('Monthly active merchants')!);
    expect(monthly[0].map((c) => c.value)).toEqual(['month', 'active_merchants', 'previous_active_merchants', 'previous_month', 'change', 'change_percent']);
    const [month, n, prevN, prevMonth] = monthly[1];
    expect(month.value).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(month.numFmt).toBe('mmm yyyy');
    expect(n.value).toBe(new Set(selected(FILTER.from!, FILTER.to!).filter((r) => r.status === 'SUCCESS').map((r) => r.merchant_id)).size);
    expect(n.numFmt).toBe('#,##0');
    // The previous period starts on 31 Dec 2023, which has no events: its first month is January.
    expect(prevMonth.value).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(prevN.value).toBe(new Set(selected(PREV.from, PREV.to).filter((r) => r.status === 'SUCCESS').map((r) => r.merchant_id)).size);

    const adopted = sheetRows(wb.getWorksheet('Product adoption')!).slice(1);
    const refAdoption = adoption(selected(FILTER.from!, FILTER.to!));
    expect(new Map(adopted.map(([p, m]) => [p.value, m.value]))).toEqual(refAdoption);

    const rates = sheetRows(wb.getWorksheet('Failure rates')!);
    expect(rates[0].map((c) => c.value)).toEqual(['product', 'failure_rate_percent', 'previous_failure_rate_percent', 'change_points']);
    for (const [product, rate, previous, points] of rates.slice(1)) {
      const p = String(product.value);
      expect(rate.type).toBe(ExcelJS.ValueType.Number);
      expect(rate.value as number).toBeCloseTo(failureRate(selected(FILTER.from!, FILTER.to!), p) / 100, 12);
      expect(rate.numFmt).toBe('0.0%');
      expect(previous.value as number).toBeCloseTo(failureRate(selected(PREV.from, PREV.to), p) / 100, 12);
      expect(points.value as number).toBeCloseTo(failureRate(selected(FILTER.from!, FILTER.to!), p) - failureRate(selected(PREV.from, PREV.to), p), 9);
      expect(points.numFmt).toBe('0.0" pp"');
    }
  });

  it('has an About sheet with the view, the files, days without data and the rows rejected or kept with a warning', async () => {
    const before = Date.now();
    const wb = await workbook((await engine.request('getXlsx', { filter: FILTER, compare: 'previous' })).base64);
    const a = about(wb);
    const made = a.get('Made (local time)')!.value as Date;
    expect(made).toBeInstanceOf(Date);
    // Written as the local wall clock, which exceljs reads back as that time in UTC.
    const localWall = before - new Date(before).getTimezoneOffset() * 60_000;
    expect(Math.abs(made.getTime() - localWall)).toBeLessThan(5 * 60_000);
    expect(a.get('Period')!.value).toBe('2024-01-16 to 2024-01-31');
    expect(a.get('Filters')!.value).toBe('Region LAGOS, KANO');
    expect(a.get('Comparison')!.value).toBe('compared with the previous period (2023-12-31 to 2024-01-15)');
    const inPeriod = DAYS.filter((d) => d >= FILTER.from! && d <= FILTER.to!);
    expect(a.get('Source files')!.value).toBe(inPeriod.length);
    for (const d of inPeriod) expect(a.has(`  ${dir}/activities_${d.replace(/-/g, '')}.csv`)).toBe(true);
    expect(a.get('Source folders')!.value).toBe(dir);
    const empty: string[] = [];
    for (let d = 16; d <= 31; d++) if (!DAYS.includes(`2024-01-${d}`)) empty.push(`2024-01-${d}`);
    expect(a.get('Days without data')!.value).toBe(empty.length);
    expect(a.get('Days without data (dates)')!.value).toBe(empty.join(', '));
    expect(a.get('Rows rejected')!.value).toBe(1);
    expect(a.get('Rejected: Missing merchant id')!.value).toBe(1);
    expect(a.get('Rows kept with a warning')!.value).toBe(1);
    expect(a.get('Kept with a warning: Invalid amount')!.value).toBe(1);
    expect(a.get('First day with data')!.value).toEqual(new Date('2024-01-16T00:00:00Z'));
    expect(a.get('Events')!.value).toBe(selected(FILTER.from!, FILTER.to!).length);
  });

  it('has no comparison columns when the comparison is off', async () => {
    const wb = await workbook((await engine.request('getXlsx', { filter: { from: FILTER.from } })).base64);
    expect(header(wb.getWorksheet('Top merchant')!)).toEqual(['rank', 'merchant_id', 'total_volume']);
    expect(header(wb.getWorksheet('KYC funnel')!)).toEqual(['step', 'merchants', 'conversion_percent']);
    expect(about(wb).get('Comparison')!.value).toBe('none');
  });

  it('gives the same comparison columns in the panel CSV', async () => {
    const csv = await engine.request('getCsv', { target: 'top_merchants', filter: FILTER, compare: 'previous' });
    expect(csv.filename).toBe('top_merchants 2024-01-16_2024-01-31 region-LAGOS-KANO vs-previous.csv');
    const lines = csv.content.trimEnd().split('\r\n');
    expect(lines[0]).toBe('rank,merchant_id,total_volume,previous_total_volume,change,change_percent');
    const cur = topVolumes(selected(FILTER.from!, FILTER.to!));
    expect(lines[1].split(',').slice(0, 3)).toEqual(['1', /^[=+\-@]/.test(cur[0].merchant) ? `"'${cur[0].merchant.replace(/"/g, '""')}"` : cur[0].merchant, cur[0].naira.toFixed(2)]);
  });
});

describe('the events of a drill as XLSX', () => {
  it('holds exactly the drill rows with timestamps as dates, amounts as naira and ids neutralised', async () => {
    const request = { filter: FILTER, status: ['SUCCESS' as const], sort: 'merchant' as const };
    const file = await engine.request('getEventsXlsx', request);
    const ref = selected(FILTER.from!, FILTER.to!).filter((r) => r.status === 'SUCCESS');
    expect(file.total).toBe(ref.length);
    expect(file.rows).toBe(ref.length);
    const wb = await workbook(file.base64);
    const rows = sheetRows(wb.getWorksheet('Events')!);
    expect(rows[0].map((c) => c.value)).toEqual(['event_id', 'merchant_id', 'event_timestamp', 'product', 'event_type', 'amount', 'status', 'channel', 'region', 'merchant_tier', 'source_file', 'source_line']);
    expect(rows.length - 1).toBe(ref.length);
    const byId = new Map(ref.map((r) => [r.event_id, r]));
    for (const [id, merchant, ts, , , amount] of rows.slice(1)) {
      const r = byId.get(String(id.value))!;
      expect(r, String(id.value)).toBeDefined();
      expect(merchant.value).toBe(/^[=+\-@]/.test(r.merchant_id) ? `'${r.merchant_id}` : r.merchant_id);
      expect(ts.value).toEqual(new Date(`${r.event_timestamp}Z`));
      expect(ts.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      if (r.amount === '') expect(amount.value).toBeNull();
      else {
        expect(amount.value).toBe(kobo(r.amount) / 100);
        expect(amount.numFmt).toBe('"₦"#,##0.00');
      }
    }
    expect(about(wb).get('Events matching')!.value).toBe(ref.length);
    expect(about(wb).get('Status')!.value).toBe('SUCCESS');
    expect(about(wb).has('Note')).toBe(false);
  });

  it("stops at Excel's row limit and says so", async () => {
    // The same database through an engine whose sheet limit is 25 rows, so the limit is reached.
    const small = await EngineClient.open(dbPath, { tuning: { xlsxMaxRows: 25 } });
    try {
      // The drill's time order: by the time as written (one format, so as text), ties in file order,
      // which is the order this test wrote them (the sort is stable).
      const at = (r: Row) => r.event_timestamp;
      const ref = selected(FILTER.from!, FILTER.to!).sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
      expect(ref.length).toBeGreaterThan(25);
      const file = await small.request('getEventsXlsx', { filter: FILTER });
      expect([file.rows, file.total]).toEqual([25, ref.length]);
      const wb = await workbook(file.base64);
      const rows = sheetRows(wb.getWorksheet('Events')!).slice(1);
      expect(rows).toHaveLength(25);
      expect(rows.map((r) => r[0].value)).toEqual(ref.slice(0, 25).map((r) => r.event_id));
      expect(about(wb).get('Note')!.value).toBe(`Excel holds at most 25 rows a sheet, so this file has the first 25 of ${ref.length} events. Export CSV for all of them.`);
    } finally {
      await small.close();
    }
  });
});

// The three real days in ../shared/fixtures/real-sample, when the folder is there: the workbook's
// cells equal expected.json, the file's own answer written by hand.
const SAMPLE = path.resolve(ROOT, '..', 'shared', 'fixtures', 'real-sample');
const samplePresent = fs.existsSync(path.join(SAMPLE, 'expected.json'));
if (!samplePresent) console.warn(`real-sample XLSX test skipped: ${SAMPLE}/expected.json not found`);

describe.skipIf(!samplePresent)('the real sample as XLSX', () => {
  it('holds expected.json in numeric cells, and its rejected and warned rows in the About sheet', async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'expected.json'), 'utf8')) as {
      top10: Metrics['top_merchants'];
      monthly_active_merchants: Record<string, number>;
      product_adoption: Record<string, number>;
      kyc_funnel: Metrics['kyc_funnel'];
      failure_rates: Metrics['failure_rates'];
      stats: { rejected: number; invalid_timestamp: number; invalid_amount: number };
    };
    const real = await EngineClient.open(newDbPath());
    try {
      await real.request('importPaths', { paths: [SAMPLE] });
      const wb = await workbook((await real.request('getXlsx', {})).base64);
      const values = (name: string) => sheetRows(wb.getWorksheet(name)!).slice(1).map((r) => r.map((c) => c.value));
      expect(values('Top merchant')).toEqual(expected.top10.map((t, i) => [i + 1, t.merchant_id, t.total_volume]));
      expect(values('Monthly active merchants')).toEqual(Object.entries(expected.monthly_active_merchants).map(([m, n]) => [new Date(`${m}-01T00:00:00Z`), n]));
      expect(values('Product adoption')).toEqual(Object.entries(expected.product_adoption));
      expect(values('KYC funnel').map((r) => r[1])).toEqual([expected.kyc_funnel.documents_submitted, expected.kyc_funnel.verifications_completed, expected.kyc_funnel.tier_upgrades]);
      const rates = values('Failure rates');
      expect(rates.map((r) => r[0])).toEqual(expected.failure_rates.map((f) => f.product));
      rates.forEach((r, i) => expect(r[1] as number).toBeCloseTo(expected.failure_rates[i].failure_rate / 100, 12));
      const a = about(wb);
      expect(a.get('Rows rejected')!.value).toBe(expected.stats.rejected);
      const rejectedByReason = [...a].filter(([k]) => k.startsWith('Rejected: ')).reduce((n, [, c]) => n + (c.value as number), 0);
      expect(rejectedByReason).toBe(expected.stats.rejected);
      expect(a.get('Kept with a warning: Invalid timestamp')?.value ?? 0).toBe(expected.stats.invalid_timestamp);
      expect(a.get('Kept with a warning: Invalid amount')?.value ?? 0).toBe(expected.stats.invalid_amount);
      expect(a.get('Source files')!.value).toBe(fs.readdirSync(SAMPLE).filter((f) => f.endsWith('.csv')).length);
    } finally {
      await real.close();
    }
  });
});
