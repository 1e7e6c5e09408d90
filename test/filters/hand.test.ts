// Hand-computed answers on a data set of 19 rows (17 events): one case per filter kind, each comparison
// kind (with the 29 February case of 'year'), the empty selection, the events without a valid timestamp,
// and the requests that must be refused as bad_request. Every expected value is written out literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';
import type { CompareSpec, MetricFilter } from '../../shared/filter.js';
import type { Metrics } from '../../shared/metrics.js';
import { row, tempDir, uuid, writeCsv } from '../helpers/csv.js';
import { contract, newDbPath } from '../helpers/engine.js';

const M1 = 'MRC-000001';
const M2 = 'MRC-000002';
const M3 = 'MRC-000003';
const M4 = 'MRC-000004';
const id = (n: number) => uuid(0x5000 + n);
const pos = { product: 'POS', event_type: 'CARD_TRANSACTION' };
const kyc = (type: string) => ({ product: 'KYC', event_type: type, amount: '' });
const m1 = { merchant_id: M1, channel: 'POS', region: 'LAGOS', merchant_tier: 'VERIFIED' };
const m2 = { merchant_id: M2, channel: 'APP', region: 'ABUJA', merchant_tier: 'PREMIUM' };
const m3 = { merchant_id: M3, channel: 'POS', region: 'KANO', merchant_tier: 'STARTER' };
const m4 = { merchant_id: M4, channel: 'APP', region: 'LAGOS', merchant_tier: 'STARTER' };

// E<n> is the event of row n; rows 17 (no merchant: rejected) and 18 (a duplicate of row 1's id) are not events.
const ROWS = [
  row({ ...m1, ...pos, event_id: id(1), event_timestamp: '2024-01-30T09:00:00', amount: '100.50' }),
  row({ ...m2, ...pos, event_id: id(2), event_timestamp: '2024-01-31T23:30:00-05:00', amount: '200.00' }),
  row({ ...m1, event_id: id(3), event_timestamp: '2024-02-01T08:00:00', product: 'AIRTIME', event_type: 'AIRTIME_PURCHASE', amount: '50.25', status: 'FAILED', channel: 'USSD' }),
  row({ ...m3, event_id: id(4), event_timestamp: '2024-02-01T12:00:00', product: 'BILLS', event_type: 'BILL_PAYMENT', amount: '300.00', region: 'Kano' }),
  row({ ...m2, ...pos, event_id: id(5), event_timestamp: '2024-02-28T10:00:00', amount: '150.00' }),
  row({ ...m3, ...pos, event_id: id(6), event_timestamp: '2024-02-29T10:00:00', amount: '75.00' }),
  row({ ...m4, ...kyc('DOCUMENT_SUBMITTED'), event_id: id(7), event_timestamp: '2024-02-29T11:00:00' }),
  row({ ...m4, ...kyc('VERIFICATION_COMPLETED'), event_id: id(8), event_timestamp: '2024-03-01T09:00:00' }),
  row({ ...m1, ...kyc('DOCUMENT_SUBMITTED'), event_id: id(9), event_timestamp: '2024-03-01T10:00:00', channel: 'USSD' }),
  row({ ...m1, ...kyc('VERIFICATION_COMPLETED'), event_id: id(10), event_timestamp: '2024-03-02T10:00:00', status: 'FAILED', channel: 'USSD' }),
  row({ ...m2, ...pos, event_id: id(11), event_timestamp: '2024-03-02T11:00:00', amount: '400.00', status: 'PENDING' }),
  row({ ...m3, ...pos, event_id: id(12), event_timestamp: 'NOT-A-DATE', amount: '500.00' }),
  row({ ...m4, event_id: id(13), event_timestamp: '', product: 'AIRTIME', event_type: 'AIRTIME_PURCHASE', amount: '20.00', status: 'FAILED' }),
  row({ ...m2, ...pos, event_id: id(14), event_timestamp: '2023-02-28T10:00:00', amount: '60.00' }),
  row({ ...m1, ...pos, event_id: id(15), event_timestamp: '2023-03-01T10:00:00', amount: '70.00' }),
  row({ ...m1, ...pos, event_id: id(16), event_timestamp: '2024-02-28T12:00:00', amount: 'INVALID' }),
  row({ ...m1, ...pos, event_id: id(17), merchant_id: '', event_timestamp: '2024-02-01T10:00:00', amount: '999.00' }),
  row({ ...m4, ...pos, event_id: id(1).toUpperCase(), event_timestamp: '2024-02-01T10:00:00', amount: '5000.00' }),
  row({ ...m4, ...kyc('TIER_UPGRADE'), event_id: id(19), event_timestamp: '2024-03-02T12:00:00' }),
];

const v = (merchant_id: string, total_volume: number) => ({ merchant_id, total_volume });
const fr = (product: string, failure_rate: number) => ({ product, failure_rate });
const kycOf = (documents_submitted: number, verifications_completed: number, tier_upgrades: number) => ({ documents_submitted, verifications_completed, tier_upgrades });

const EMPTY: Metrics = {
  top_merchant: null,
  top_merchants: [],
  monthly_active_merchants: {},
  product_adoption: {},
  kyc_funnel: kycOf(0, 0, 0),
  failure_rates: [],
};

const ALL: Metrics = {
  top_merchant: v(M3, 875),
  top_merchants: [v(M3, 875), v(M2, 410), v(M1, 170.5)],
  monthly_active_merchants: { '2023-02': 1, '2023-03': 1, '2024-01': 2, '2024-02': 4, '2024-03': 2 },
  product_adoption: { POS: 3, AIRTIME: 2, KYC: 2, BILLS: 1 },
  kyc_funnel: kycOf(2, 1, 1),
  failure_rates: [fr('AIRTIME', 100), fr('KYC', 20), fr('BILLS', 0), fr('POS', 0)],
};

let engine: EngineClient;

beforeAll(async () => {
  const dir = tempDir('mad-hand-');
  writeCsv(dir, 'activities_20240229.csv', ROWS);
  engine = await EngineClient.open(newDbPath());
  const s = await engine.request('importPaths', { paths: [dir] });
  expect([s.accepted, s.rejected, s.duplicates]).toEqual([17, 1, 1]);
}, 60_000);

afterAll(async () => {
  await engine?.close();
});

async function ask(filter: MetricFilter, compare?: CompareSpec) {
  return engine.request('getMetrics', compare ? { filter, compare } : { filter });
}

/** Keys in order too: months ascending, adoption by count then name. */
function expectMetrics(got: Metrics, want: Metrics) {
  expect(contract(got)).toEqual(want);
  expect(Object.keys(got.monthly_active_merchants)).toEqual(Object.keys(want.monthly_active_merchants));
  expect(Object.keys(got.product_adoption)).toEqual(Object.keys(want.product_adoption));
}

describe('hand-computed filtered metrics', () => {
  it('no filter: every event (undated ones too)', async () => {
    const r = await engine.request('getMetrics', {});
    expectMetrics(r.metrics, ALL);
    expect(r.coverage.events).toBe(17);
  });

  it('from only: 2024-02-29 onwards, undated events left out', async () => {
    const r = await ask({ from: '2024-02-29' });
    expectMetrics(r.metrics, {
      top_merchant: v(M3, 75),
      top_merchants: [v(M3, 75)],
      monthly_active_merchants: { '2024-02': 2, '2024-03': 2 },
      product_adoption: { KYC: 2, POS: 2 },
      kyc_funnel: kycOf(2, 1, 1),
      failure_rates: [fr('KYC', 20), fr('POS', 0)],
    });
    expect(r.coverage.events).toBe(7);
    expect(r.coverage.undated_events).toBe(2);
  });

  it('to only: up to 2024-01-31, the date as written (23:30 at -05:00 is still 31 January)', async () => {
    const r = await ask({ to: '2024-01-31' });
    expectMetrics(r.metrics, {
      top_merchant: v(M2, 260),
      top_merchants: [v(M2, 260), v(M1, 170.5)],
      monthly_active_merchants: { '2023-02': 1, '2023-03': 1, '2024-01': 2 },
      product_adoption: { POS: 2 },
      kyc_funnel: kycOf(0, 0, 0),
      failure_rates: [fr('POS', 0)],
    });
    expect(r.coverage.events).toBe(4);
    expect(r.coverage.first_date).toBe('2023-02-28');
    expect(r.coverage.last_date).toBe('2024-01-31');
  });

  it('from and to: February 2024, both ends inclusive', async () => {
    const r = await ask({ from: '2024-02-01', to: '2024-02-29' });
    expectMetrics(r.metrics, {
      top_merchant: v(M3, 375),
      top_merchants: [v(M3, 375), v(M2, 150)],
      monthly_active_merchants: { '2024-02': 4 },
      product_adoption: { POS: 3, AIRTIME: 1, BILLS: 1, KYC: 1 },
      kyc_funnel: kycOf(1, 0, 0),
      failure_rates: [fr('AIRTIME', 100), fr('BILLS', 0), fr('KYC', 0), fr('POS', 0)],
    });
    expect(r.coverage.events).toBe(6);
    expect(r.coverage.warnings).toBe(2);
    expect(r.coverage.first_date).toBe('2024-02-01');
    expect(r.coverage.last_date).toBe('2024-02-29');
  });

  it('days without data inside the range', async () => {
    const r = await ask({ from: '2024-01-30', to: '2024-02-03' });
    expect(r.coverage.events).toBe(4);
    expect(r.coverage.days_without_data).toEqual(['2024-02-02', '2024-02-03']);
  });

  const KANO: Metrics = {
    top_merchant: v(M3, 875),
    top_merchants: [v(M3, 875)],
    monthly_active_merchants: { '2024-02': 1 },
    product_adoption: { BILLS: 1, POS: 1 },
    kyc_funnel: kycOf(0, 0, 0),
    failure_rates: [fr('BILLS', 0), fr('POS', 0)],
  };

  it('region include: KANO also keeps the row written "Kano"', async () => {
    const r = await ask({ region: ['KANO'] });
    expectMetrics(r.metrics, KANO);
    expect(r.coverage.events).toBe(3);
  });

  it('region include written in lower case ("kano") selects the same events: values compare case-insensitively', async () => {
    const r = await ask({ region: ['kano'] });
    expectMetrics(r.metrics, KANO);
    expect(r.coverage.events).toBe(3);
  });

  it("a merchant's regions are one per value as filters compare them: KANO and Kano are one region, not a change", async () => {
    const profile = await engine.request('getMerchant', { merchant_id: M3, filter: {} });
    // Rows 4 (Kano, 1 Feb), 6 (KANO, 29 Feb) and 12 (KANO, undated).
    expect(profile.regions).toEqual([{ value: 'KANO', events: 3, first_date: '2024-02-01', last_date: '2024-02-29' }]);
  });

  it('a trend whose open range lies beyond the data has no buckets, and still its explicit comparison (not an error)', async () => {
    for (const filter of [{ from: '2025-01-01' }, { to: '2023-01-01' }]) {
      for (const grain of ['day', 'week', 'month'] as const) {
        expect(await engine.request('getTrend', { filter, grain })).toEqual({ grain, from: null, to: null, buckets: [] });
      }
    }
    const compared = await engine.request('getTrend', { filter: { from: '2025-01-01' }, grain: 'month', compare: { from: '2024-02-01', to: '2024-02-29' } });
    expect(compared.buckets).toEqual([]);
    const february = await engine.request('getTrend', { filter: { from: '2024-02-01', to: '2024-02-29' }, grain: 'month' });
    expect(compared.compare?.buckets).toEqual(february.buckets);
    // Rows 3, 4, 5, 6, 7 and 16.
    expect(february.buckets.map((b) => b.events)).toEqual([6]);
  });

  it('channel include: USSD', async () => {
    const r = await ask({ channel: ['USSD'] });
    expectMetrics(r.metrics, {
      top_merchant: null,
      top_merchants: [],
      monthly_active_merchants: { '2024-03': 1 },
      product_adoption: { AIRTIME: 1, KYC: 1 },
      kyc_funnel: kycOf(1, 0, 0),
      failure_rates: [fr('AIRTIME', 100), fr('KYC', 50)],
    });
    expect(r.coverage.events).toBe(3);
  });

  it('tier include: PREMIUM', async () => {
    const r = await ask({ tier: ['PREMIUM'] });
    expectMetrics(r.metrics, {
      top_merchant: v(M2, 410),
      top_merchants: [v(M2, 410)],
      monthly_active_merchants: { '2023-02': 1, '2024-01': 1, '2024-02': 1 },
      product_adoption: { POS: 1 },
      kyc_funnel: kycOf(0, 0, 0),
      failure_rates: [fr('POS', 0)],
    });
    expect(r.coverage.events).toBe(4);
  });

  it('product include: KYC', async () => {
    const r = await ask({ product: ['KYC'] });
    expectMetrics(r.metrics, {
      top_merchant: null,
      top_merchants: [],
      monthly_active_merchants: { '2024-02': 1, '2024-03': 2 },
      product_adoption: { KYC: 2 },
      kyc_funnel: kycOf(2, 1, 1),
      failure_rates: [fr('KYC', 20)],
    });
    expect(r.coverage.events).toBe(5);
  });

  it('exclude a region: LAGOS', async () => {
    const r = await ask({ exclude: { region: ['LAGOS'] } });
    expectMetrics(r.metrics, {
      top_merchant: v(M3, 875),
      top_merchants: [v(M3, 875), v(M2, 410)],
      monthly_active_merchants: { '2023-02': 1, '2024-01': 1, '2024-02': 2 },
      product_adoption: { POS: 2, BILLS: 1 },
      kyc_funnel: kycOf(0, 0, 0),
      failure_rates: [fr('BILLS', 0), fr('POS', 0)],
    });
    expect(r.coverage.events).toBe(7);
  });

  it('exclude products: POS and KYC', async () => {
    const r = await ask({ exclude: { product: ['POS', 'KYC'] } });
    expectMetrics(r.metrics, {
      top_merchant: v(M3, 300),
      top_merchants: [v(M3, 300)],
      monthly_active_merchants: { '2024-02': 1 },
      product_adoption: { AIRTIME: 2, BILLS: 1 },
      kyc_funnel: kycOf(0, 0, 0),
      failure_rates: [fr('AIRTIME', 100), fr('BILLS', 0)],
    });
    expect(r.coverage.events).toBe(3);
  });

  it('merchant: MRC-000001', async () => {
    const r = await ask({ merchant: [M1] });
    expectMetrics(r.metrics, {
      top_merchant: v(M1, 170.5),
      top_merchants: [v(M1, 170.5)],
      monthly_active_merchants: { '2023-03': 1, '2024-01': 1, '2024-02': 1, '2024-03': 1 },
      product_adoption: { AIRTIME: 1, KYC: 1, POS: 1 },
      kyc_funnel: kycOf(1, 0, 0),
      failure_rates: [fr('AIRTIME', 100), fr('KYC', 50), fr('POS', 0)],
    });
    expect(r.coverage.events).toBe(6);
  });

  it('events without a valid timestamp: kept without dates, left out with dates, and counted in the coverage', async () => {
    const undated = await ask({ merchant: [M3] });
    expect(undated.metrics.top_merchant).toEqual(v(M3, 875));
    expect(undated.coverage.events).toBe(3);
    expect(undated.coverage.undated_events).toBe(1);
    const dated = await ask({ merchant: [M3], from: '2024-01-01', to: '2024-12-31' });
    expect(dated.metrics.top_merchant).toEqual(v(M3, 375));
    expect(dated.coverage.events).toBe(2);
    expect(dated.coverage.undated_events).toBe(1);
    const airtime = await ask({ product: ['AIRTIME'], to: '2024-12-31' });
    expect(airtime.metrics.product_adoption).toEqual({ AIRTIME: 1 });
    expect(airtime.metrics.failure_rates).toEqual([fr('AIRTIME', 100)]);
    expect((await ask({ product: ['AIRTIME'] })).metrics.product_adoption).toEqual({ AIRTIME: 2 });
  });

  it('unknown values select nothing (not an error): region, channel, tier, product, merchant', async () => {
    for (const filter of [{ region: ['ATLANTIS'] }, { channel: ['FAX'] }, { tier: ['GOLD'] }, { product: ['CRYPTO'] }, { merchant: ['MRC-999999'] }]) {
      const r = await engine.call('getMetrics', { filter });
      expect(r.ok, JSON.stringify(filter)).toBe(true);
      if (!r.ok) continue;
      expectMetrics(r.value.metrics, EMPTY);
      expect(r.value.coverage.events).toBe(0);
    }
  });

  it('the empty selection has the empty shape: null, empty lists and objects, zeros', async () => {
    const r = await ask({ from: '2025-01-01', to: '2025-01-31' });
    expectMetrics(r.metrics, EMPTY);
    expect(r.coverage.events).toBe(0);
    expect(r.coverage.first_date).toBeNull();
    expect(r.coverage.last_date).toBeNull();
  });
});

describe('hand-computed comparisons', () => {
  it("previous: 2024-03-01..02 against the two days before, 2024-02-28..29", async () => {
    const r = await ask({ from: '2024-03-01', to: '2024-03-02' }, 'previous');
    expectMetrics(r.metrics, {
      top_merchant: null,
      top_merchants: [],
      monthly_active_merchants: { '2024-03': 2 },
      product_adoption: { KYC: 2, POS: 1 },
      kyc_funnel: kycOf(1, 1, 1),
      failure_rates: [fr('KYC', 25)],
    });
    expect(r.compare?.from).toBe('2024-02-28');
    expect(r.compare?.to).toBe('2024-02-29');
    expectMetrics(r.compare!.metrics, {
      top_merchant: v(M2, 150),
      top_merchants: [v(M2, 150), v(M3, 75)],
      monthly_active_merchants: { '2024-02': 4 },
      product_adoption: { POS: 3, KYC: 1 },
      kyc_funnel: kycOf(1, 0, 0),
      failure_rates: [fr('KYC', 0), fr('POS', 0)],
    });
    expect(r.compare!.coverage.events).toBe(4);
  });

  it('year: 2024-02-28..2024-03-01 against 2023-02-28..2023-03-01', async () => {
    const r = await ask({ from: '2024-02-28', to: '2024-03-01' }, 'year');
    expectMetrics(r.metrics, {
      top_merchant: v(M2, 150),
      top_merchants: [v(M2, 150), v(M3, 75)],
      monthly_active_merchants: { '2024-02': 4, '2024-03': 2 },
      product_adoption: { POS: 3, KYC: 2 },
      kyc_funnel: kycOf(2, 1, 0),
      failure_rates: [fr('KYC', 0), fr('POS', 0)],
    });
    expect([r.compare?.from, r.compare?.to]).toEqual(['2023-02-28', '2023-03-01']);
    expectMetrics(r.compare!.metrics, {
      top_merchant: v(M1, 70),
      top_merchants: [v(M1, 70), v(M2, 60)],
      monthly_active_merchants: { '2023-02': 1, '2023-03': 1 },
      product_adoption: { POS: 2 },
      kyc_funnel: kycOf(0, 0, 0),
      failure_rates: [fr('POS', 0)],
    });
    expect(r.compare!.coverage.events).toBe(2);
  });

  it('year on a leap day: 2024-02-29 is compared with 2023-02-28', async () => {
    const r = await ask({ from: '2024-02-29', to: '2024-02-29' }, 'year');
    expectMetrics(r.metrics, {
      top_merchant: v(M3, 75),
      top_merchants: [v(M3, 75)],
      monthly_active_merchants: { '2024-02': 2 },
      product_adoption: { KYC: 1, POS: 1 },
      kyc_funnel: kycOf(1, 0, 0),
      failure_rates: [fr('KYC', 0), fr('POS', 0)],
    });
    expect([r.compare?.from, r.compare?.to]).toEqual(['2023-02-28', '2023-02-28']);
    expectMetrics(r.compare!.metrics, {
      top_merchant: v(M2, 60),
      top_merchants: [v(M2, 60)],
      monthly_active_merchants: { '2023-02': 1 },
      product_adoption: { POS: 1 },
      kyc_funnel: kycOf(0, 0, 0),
      failure_rates: [fr('POS', 0)],
    });
    expect(r.compare!.coverage.events).toBe(1);
  });

  it('explicit dates: the other filters stay (ABUJA in January 2024)', async () => {
    const r = await ask({ region: ['ABUJA'] }, { from: '2024-01-01', to: '2024-01-31' });
    expectMetrics(r.metrics, {
      top_merchant: v(M2, 410),
      top_merchants: [v(M2, 410)],
      monthly_active_merchants: { '2023-02': 1, '2024-01': 1, '2024-02': 1 },
      product_adoption: { POS: 1 },
      kyc_funnel: kycOf(0, 0, 0),
      failure_rates: [fr('POS', 0)],
    });
    expect([r.compare?.from, r.compare?.to]).toEqual(['2024-01-01', '2024-01-31']);
    expectMetrics(r.compare!.metrics, {
      top_merchant: v(M2, 200),
      top_merchants: [v(M2, 200)],
      monthly_active_merchants: { '2024-01': 1 },
      product_adoption: { POS: 1 },
      kyc_funnel: kycOf(0, 0, 0),
      failure_rates: [fr('POS', 0)],
    });
    expect(r.compare!.coverage.events).toBe(1);
  });
});

describe('requests refused as bad_request, with a message naming what to fix', () => {
  const cases: [string, MetricFilter | Record<string, unknown>, unknown, RegExp][] = [
    ['a date that does not exist', { from: '2024-02-30' }, undefined, /from/],
    ['a month 13', { to: '2024-13-01' }, undefined, /to/],
    ['a date written another way', { from: '2024/01/01' }, undefined, /from/],
    ['from after to', { from: '2024-03-01', to: '2024-02-01' }, undefined, /from|to/],
    ['an unknown key', { regio: ['LAGOS'] }, undefined, /regio/],
    ['an unknown key in exclude', { exclude: { merchant: [M1] } }, undefined, /merchant/],
    ['a list that is not a list', { region: 'LAGOS' }, undefined, /region/],
    ['previous without dates', {}, 'previous', /from|to/],
    ['previous with only from', { from: '2024-02-01' }, 'previous', /from|to/],
    ['year with only to', { to: '2024-02-01' }, 'year', /from|to/],
    ['an unknown comparison', { from: '2024-02-01', to: '2024-02-02' }, 'week', /compare|previous|year/],
    ['an explicit comparison whose from is after its to', {}, { from: '2024-02-05', to: '2024-02-01' }, /from|to/],
    ['an explicit comparison with a bad date', {}, { from: '2024-02-30', to: '2024-03-01' }, /from/],
  ];
  for (const [what, filter, compare, mentions] of cases) {
    it(what, async () => {
      const request = (compare === undefined ? { filter } : { filter, compare }) as { filter: MetricFilter; compare?: CompareSpec };
      const r = await engine.call('getMetrics', request);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('bad_request');
      expect(r.error.message).toMatch(mentions);
    });
  }
});
