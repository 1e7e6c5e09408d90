// The five metric definitions on small hand-made data. Every expected value below was worked out by
// hand from the rows written in the same test (see the comments), not computed by code.
import { describe, expect, it } from 'vitest';
import { row, tempDir, writeCsv } from '../helpers/csv.js';
import type { Row } from '../helpers/csv.js';
import { metricsOf, openEngine } from '../helpers/engine.js';

async function metricsFor(rows: Row[]) {
  const file = writeCsv(tempDir(), 'activities_20240101.csv', rows);
  const engine = await openEngine();
  const summary = await engine.request('importPaths', { paths: [file] });
  expect(summary.status).toBe('done');
  return (await metricsOf(engine)).metrics;
}

const s = (merchant_id: string, amount: string, extra: Partial<Row> = {}) => row({ merchant_id, amount, status: 'SUCCESS', ...extra });
const times = (n: number, make: () => Row) => Array.from({ length: n }, make);

describe('top_merchant and top_merchants', () => {
  const rows = [
    s('MRC-005', '1000.00'),
    s('MRC-005', '234.56'), // MRC-005: 1234.56
    s('MRC-011', '1234.56'), // MRC-011: 1234.56, a tie: MRC-005 is the smaller id
    s('MRC-002', '999.99'),
    s('MRC-002', '5000.00', { status: 'FAILED' }),
    s('MRC-002', '7000.00', { status: 'PENDING' }), // MRC-002: 999.99 (only SUCCESS counts)
    s('MRC-007', '500.00'),
    s('MRC-007', ''),
    s('MRC-007', 'INVALID'), // MRC-007: 500.00 (NULL amounts excluded)
    s('MRC-003', '200.00'),
    s('MRC-003', '100.00', { status: ' success ' }), // MRC-003: 300.00
    s('MRC-004', '250.50'),
    s('MRC-006', '250.50'), // tie: MRC-004 before MRC-006
    s('MRC-008', '100.00'),
    s('MRC-009', '50.25'),
    s('MRC-010', '10.00'), // 10th place
    s('MRC-012', '5.00'), // 11th: not in the first 10
    s('MRC-013', '2.00'),
    ...times(10, () => s('MRC-001', '0.10')), // MRC-001: 1.00
    s('MRC-014', '100000.00', { status: 'FAILED' }), // never a SUCCESS: not ranked
    s('MRC-015', '', { status: 'SUCCESS' }), // only a NULL amount: not ranked
  ];

  it('is the merchant with the highest SUCCESS total, ties to the smaller merchant_id, exact to 2 dp', async () => {
    const m = await metricsFor(rows);
    expect(m.top_merchant).toEqual({ merchant_id: 'MRC-005', total_volume: 1234.56 });
  });

  it('lists the first 10 in the same order with the same shape', async () => {
    const m = await metricsFor(rows);
    expect(m.top_merchants).toEqual([
      { merchant_id: 'MRC-005', total_volume: 1234.56 },
      { merchant_id: 'MRC-011', total_volume: 1234.56 },
      { merchant_id: 'MRC-002', total_volume: 999.99 },
      { merchant_id: 'MRC-007', total_volume: 500 },
      { merchant_id: 'MRC-003', total_volume: 300 },
      { merchant_id: 'MRC-004', total_volume: 250.5 },
      { merchant_id: 'MRC-006', total_volume: 250.5 },
      { merchant_id: 'MRC-008', total_volume: 100 },
      { merchant_id: 'MRC-009', total_volume: 50.25 },
      { merchant_id: 'MRC-010', total_volume: 10 },
    ]);
  });

  it('is null with an empty list when no SUCCESS event has an amount', async () => {
    const m = await metricsFor([s('M-1', '10.00', { status: 'FAILED' }), s('M-2', '')]);
    expect(m.top_merchant).toBeNull();
    expect(m.top_merchants).toEqual([]);
  });
});

describe('monthly_active_merchants', () => {
  it('counts distinct merchants with a SUCCESS event per month as written, months ascending, undated rows excluded', async () => {
    const m = await metricsFor([
      s('A', '1', { event_timestamp: '2024-03-15T08:00:00.123+01:00' }), // A: 2024-03
      s('B', '1', { event_timestamp: '2024-03-01', status: 'success' }), // B: 2024-03
      s('A', '1', { event_timestamp: '2024-01-05T10:00:00' }), // A: 2024-01
      s('A', '1', { event_timestamp: '2024-01-20' }), // A again in 2024-01: once
      s('B', '1', { event_timestamp: '2024-01-31T23:30:00-05:00' }), // B: 2024-01 as written (Feb in UTC)
      s('C', '1', { event_timestamp: '2024-01-10', status: 'FAILED' }), // not SUCCESS
      s('D', '1', { event_timestamp: '2024-01-11', status: 'PENDING' }), // not SUCCESS
      s('C', '1', { event_timestamp: '2024-02-01 00:00:00' }), // C: 2024-02
      s('E', '1', { event_timestamp: '' }), // no timestamp: excluded
      s('F', '1', { event_timestamp: 'NOT-A-DATE' }), // excluded
      s('G', '1', { event_timestamp: '2024-02-30' }), // no such day: excluded
      s('E', '', { event_timestamp: '2023-12-31T23:59:59Z' }), // E: 2023-12 (a NULL amount still counts)
    ]);
    expect(m.monthly_active_merchants).toEqual({ '2023-12': 1, '2024-01': 2, '2024-02': 1, '2024-03': 2 });
    expect(Object.keys(m.monthly_active_merchants)).toEqual(['2023-12', '2024-01', '2024-02', '2024-03']);
  });
});

describe('product_adoption', () => {
  it('counts distinct merchants per product with any status, count descending, ties by product name', async () => {
    const m = await metricsFor([
      row({ merchant_id: 'A', product: 'POS' }),
      row({ merchant_id: 'A', product: 'POS', status: 'FAILED' }),
      row({ merchant_id: 'B', product: 'POS', status: 'PENDING' }),
      row({ merchant_id: 'C', product: 'POS' }), // POS: A, B, C = 3
      row({ merchant_id: 'A', product: 'BILLS' }),
      row({ merchant_id: 'D', product: 'BILLS', status: 'PENDING' }),
      row({ merchant_id: 'E', product: 'bills', status: 'FAILED' }), // BILLS: A, D, E = 3 (ties POS: BILLS first)
      row({ merchant_id: 'B', product: 'AIRTIME', status: 'failed' }), // AIRTIME: 1
      row({ merchant_id: 'A', product: 'KYC', event_type: 'DOCUMENT_SUBMITTED' }),
      row({ merchant_id: 'B', product: 'KYC', event_type: 'TIER_UPGRADE', status: 'FAILED' }),
      row({ merchant_id: 'C', product: 'KYC', event_type: 'OTHER', status: 'PENDING' }),
      row({ merchant_id: 'D', product: 'KYC', event_type: 'VERIFICATION_COMPLETED' }), // KYC: 4
      row({ merchant_id: 'F', product: 'SAVINGS' }), // SAVINGS: 1
      row({ merchant_id: 'G', product: 'card_payment' }),
      row({ merchant_id: 'G', product: ' Card_Payment ' }), // CARD_PAYMENT: 1
      row({ merchant_id: 'H', product: 'MONIEBOOK', amount: 'INVALID', event_timestamp: '' }), // MONIEBOOK: 1 (kept row)
      row({ merchant_id: 'Z', product: 'SAVINGS', status: 'DONE' }), // rejected: not counted
      row({ merchant_id: 'f', product: 'SAVINGS' }), // merchant ids are compared as written: f is not F
    ]);
    expect(m.product_adoption).toEqual({ KYC: 4, BILLS: 3, POS: 3, SAVINGS: 2, AIRTIME: 1, CARD_PAYMENT: 1, MONIEBOOK: 1 });
    expect(Object.keys(m.product_adoption)).toEqual(['KYC', 'BILLS', 'POS', 'SAVINGS', 'AIRTIME', 'CARD_PAYMENT', 'MONIEBOOK']);
  });
});

describe('kyc_funnel', () => {
  it('counts distinct merchants with a SUCCESS KYC event of each type', async () => {
    const kyc = (merchant_id: string, event_type: string, status = 'SUCCESS', extra: Partial<Row> = {}) =>
      row({ merchant_id, product: 'KYC', event_type, status, ...extra });
    const m = await metricsFor([
      kyc('A', 'DOCUMENT_SUBMITTED'),
      kyc('A', 'VERIFICATION_COMPLETED'),
      kyc('A', 'TIER_UPGRADE'),
      kyc('B', 'document_submitted', 'success'),
      kyc('B', 'DOCUMENT_SUBMITTED'), // B twice: once
      kyc('C', 'DOCUMENT_SUBMITTED', 'FAILED'), // not SUCCESS
      kyc('C', 'VERIFICATION_COMPLETED'),
      kyc('D', 'TIER_UPGRADE', 'PENDING'), // not SUCCESS
      row({ merchant_id: 'E', product: 'POS', event_type: 'DOCUMENT_SUBMITTED' }), // not a KYC event
      kyc('F', 'DOCUMENT_SUBMITTED', 'SUCCESS', { event_timestamp: '', amount: 'INVALID' }), // kept row counts
      kyc('G', 'OTHER_STEP'),
    ]);
    // documents_submitted: A, B, F; verifications_completed: A, C; tier_upgrades: A.
    expect(m.kyc_funnel).toEqual({ documents_submitted: 3, verifications_completed: 2, tier_upgrades: 1 });
  });
});

describe('failure_rates', () => {
  const ev = (product: string, status: string, n: number) => times(n, () => row({ product, status }));

  it('is FAILED / (SUCCESS + FAILED) × 100 at 1 dp, PENDING excluded, sorted by the exact rate', async () => {
    const m = await metricsFor([
      ...ev('POS', 'SUCCESS', 2),
      ...ev('POS', 'FAILED', 1),
      ...ev('POS', 'PENDING', 5), // 1/3 = 33.33 -> 33.3
      ...ev('AIRTIME', 'SUCCESS', 5),
      ...ev('AIRTIME', 'failed', 1), // 1/6 = 16.667 -> 16.7
      ...ev('SAVINGS', 'SUCCESS', 174),
      ...ev('SAVINGS', 'FAILED', 35), // 35/209 = 16.746 -> 16.7, but above AIRTIME's exact rate
      ...ev('BILLS', 'SUCCESS', 3), // 0/3 -> 0
      ...ev('MONIEBOOK', 'PENDING', 3), // neither SUCCESS nor FAILED: omitted
      ...ev('KYC', 'FAILED', 2), // 2/2 -> 100
      ...ev('CARD_PAYMENT', 'SUCCESS', 15),
      ...ev('CARD_PAYMENT', 'FAILED', 1), // 1/16 = 6.25 -> 6.3 (half-up)
      ...ev('POS', 'FAIL', 4), // rejected (invalid_status): not counted
    ]);
    expect(m.failure_rates).toEqual([
      { product: 'KYC', failure_rate: 100 },
      { product: 'POS', failure_rate: 33.3 },
      { product: 'SAVINGS', failure_rate: 16.7 },
      { product: 'AIRTIME', failure_rate: 16.7 },
      { product: 'CARD_PAYMENT', failure_rate: 6.3 },
      { product: 'BILLS', failure_rate: 0 },
    ]);
  });

  it('rounds the exact rate half-up, also where binary floating point would round down', async () => {
    const m = await metricsFor([
      ...ev('POS', 'FAILED', 3),
      ...ev('POS', 'SUCCESS', 1997), // 3/2000 = 0.15% exactly -> 0.2
      ...ev('BILLS', 'FAILED', 1),
      ...ev('BILLS', 'SUCCESS', 79), // 1/80 = 1.25% -> 1.3
      ...ev('AIRTIME', 'FAILED', 7),
      ...ev('AIRTIME', 'SUCCESS', 1993), // 7/2000 = 0.35% -> 0.4
    ]);
    expect(m.failure_rates).toEqual([
      { product: 'BILLS', failure_rate: 1.3 },
      { product: 'AIRTIME', failure_rate: 0.4 },
      { product: 'POS', failure_rate: 0.2 },
    ]);
  });

  it('breaks exact ties by product name', async () => {
    const m = await metricsFor([
      ...ev('POS', 'SUCCESS', 1),
      ...ev('POS', 'FAILED', 1), // 50
      ...ev('BILLS', 'SUCCESS', 2),
      ...ev('BILLS', 'FAILED', 2), // 50
      ...ev('AIRTIME', 'SUCCESS', 1),
      ...ev('AIRTIME', 'FAILED', 3), // 75
      ...ev('MONIEBOOK', 'PENDING', 1), // omitted
    ]);
    expect(m.failure_rates).toEqual([
      { product: 'AIRTIME', failure_rate: 75 },
      { product: 'BILLS', failure_rate: 50 },
      { product: 'POS', failure_rate: 50 },
    ]);
  });
});

describe('an empty database', () => {
  it('has empty metrics of the documented shapes', async () => {
    const engine = await openEngine();
    const { metrics, coverage } = await metricsOf(engine);
    expect(metrics).toMatchObject({
      top_merchant: null,
      top_merchants: [],
      monthly_active_merchants: {},
      product_adoption: {},
      kyc_funnel: { documents_submitted: 0, verifications_completed: 0, tier_upgrades: 0 },
      failure_rates: [],
    });
    expect(coverage).toMatchObject({ files: 0, events: 0, first_date: null, last_date: null });
  });
});
