// getEvents lists exactly the events a number counts: for several filters, the getEvents query behind
// each metric's number re-aggregates to that number (sums, counts, distinct merchants), and kyc_not_next
// lists the merchants who reached a step but not the next (against the reference). Paging on a small
// data set: pages concatenate to exactly the events, each with the file and line it was written at.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventsRequest } from '../../shared/exploring.js';
import type { MetricFilter } from '../../shared/filter.js';
import { allRows } from '../helpers/engine.js';
import { merchantId, writeActivity } from './generate.js';
import { STEPS, datesBetween, evaluate, roundedRate, stepMerchants } from './reference.js';
import { importedDataSet } from './imported.js';

/** The last day of a YYYY-MM. */
const lastDay = (month: string) => new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).toISOString().slice(0, 10);

describe('getEvents re-aggregates to the numbers it drills from', () => {
  const days = datesBetween('2024-01-01', '2024-03-31').filter((_, i) => i % 3 === 0);
  const data = importedDataSet('mad-drill-', (dir) => writeActivity(dir, { seed: 77, days, rowsPerDay: () => 60, merchants: 60, idBase: 0x9000000 }));

  const FILTERS: MetricFilter[] = [
    {},
    { from: '2024-01-10', to: '2024-02-20' },
    { region: ['LAGOS', 'KANO'], exclude: { channel: ['WEB'] } },
    { from: '2024-02-01', tier: ['PREMIUM', 'STARTER'], exclude: { product: ['SAVINGS'] } },
    { to: '2024-03-01', channel: ['POS', 'USSD'], product: ['POS', 'KYC', 'AIRTIME'] },
    { merchant: [merchantId(1), merchantId(2), merchantId(3), merchantId(7)], from: '2024-01-01', to: '2024-03-31' },
  ];

  for (const F of FILTERS) {
    it(`under ${JSON.stringify(F)}`, async () => {
      const { metrics } = await data.engine.request('getMetrics', { filter: F });
      const ref = evaluate(data.ref.events, F);
      const one = (req: EventsRequest) => data.engine.request('getEvents', { limit: 1, ...req });

      expect((await one({ filter: F })).total).toBe(ref.coverage.events);

      // top merchants: SUCCESS events with an amount of that merchant sum to its volume
      expect(metrics.top_merchants.length).toBeGreaterThan(0);
      for (const t of metrics.top_merchants) {
        const r = await one({ filter: F, merchant: t.merchant_id, status: ['SUCCESS'], with_amount: true });
        expect(r.amount, t.merchant_id).toBe(t.total_volume);
        expect(r.merchants).toBe(1);
        expect(r.total).toBe(ref.selected.filter((e) => e.merchant === t.merchant_id && e.status === 'SUCCESS' && e.kobo !== null).length);
      }

      // monthly active merchants: distinct merchants of the SUCCESS events of the month within F
      expect(Object.keys(metrics.monthly_active_merchants).length).toBeGreaterThan(0);
      for (const [month, count] of Object.entries(metrics.monthly_active_merchants)) {
        const from = F.from && F.from > `${month}-01` ? F.from : `${month}-01`;
        const to = F.to && F.to < lastDay(month) ? F.to : lastDay(month);
        const r = await one({ filter: { ...F, from, to }, status: ['SUCCESS'] });
        expect(r.merchants, month).toBe(count);
      }

      // product adoption: distinct merchants of the product's events
      for (const [product, count] of Object.entries(metrics.product_adoption)) {
        const r = await one({ filter: { ...F, product: [product] } });
        expect(r.merchants, product).toBe(count);
      }

      // KYC funnel: distinct merchants of the step's events
      for (const [step] of STEPS) {
        const r = await one({ filter: F, kyc_step: step });
        expect(r.merchants, step).toBe(metrics.kyc_funnel[step]);
      }

      // failure rates: FAILED and SUCCESS counts give the rate and the order
      const counts: { product: string; failed: number; success: number }[] = [];
      for (const { product, failure_rate } of metrics.failure_rates) {
        const failed = (await one({ filter: { ...F, product: [product] }, status: ['FAILED'] })).total;
        const success = (await one({ filter: { ...F, product: [product] }, status: ['SUCCESS'] })).total;
        expect(failed + success, product).toBeGreaterThan(0);
        expect(roundedRate(failed, success), product).toBe(failure_rate);
        counts.push({ product, failed, success });
      }
      for (let i = 1; i < counts.length; i++) {
        const [a, b] = [counts[i - 1], counts[i]];
        const cmp = a.failed * (b.failed + b.success) - b.failed * (a.failed + a.success);
        expect(cmp > 0 || (cmp === 0 && a.product < b.product), `${a.product} before ${b.product}`).toBe(true);
      }

      // kyc_not_next: merchants who reached a step and not the next one, with that step's events
      for (let s = 0; s < STEPS.length - 1; s++) {
        const [step, type] = STEPS[s];
        const want = [...stepMerchants(ref.selected, type)].filter((m) => !stepMerchants(ref.selected, STEPS[s + 1][1]).has(m)).sort();
        const { total, rows } = await allRows(data.engine, { filter: F, kyc_step: step, kyc_not_next: true }, 50);
        expect([...new Set(rows.map((r) => r.merchant_id))].sort(), step).toEqual(want);
        expect(total).toBe(ref.selected.filter((e) => want.includes(e.merchant) && e.product === 'KYC' && e.status === 'SUCCESS' && e.event_type === type).length);
        for (const r of rows) expect([r.product, r.status, r.event_type]).toEqual(['KYC', 'SUCCESS', type]);
        expect((await one({ filter: F, kyc_step: step, kyc_not_next: true })).merchants).toBe(want.length);
      }
    });
  }
});

describe('getEvents pages', () => {
  const data = importedDataSet(
    'mad-pages-',
    (dir) => writeActivity(dir, { seed: 5, days: ['2024-02-27', '2024-02-28', '2024-02-29'], rowsPerDay: (d) => (d === '2024-02-28' ? 25 : 16), merchants: 12, idBase: 0xa000000 }),
    60_000,
  );

  it('pages of 7 concatenate to every event exactly once, each with its file and line, in date order', async () => {
    expect(data.ref.events.length).toBeGreaterThan(40);
    const { total, rows } = await allRows(data.engine, {}, 7);
    expect(total).toBe(data.ref.events.length);
    expect(rows.length).toBe(data.ref.events.length);
    expect(new Set(rows.map((r) => r.event_id.toLowerCase())).size).toBe(data.ref.events.length);
    const byId = new Map(data.ref.events.map((e) => [e.event_id.toLowerCase(), e]));
    for (const r of rows) {
      const e = byId.get(r.event_id.toLowerCase());
      expect(e, r.event_id).toBeDefined();
      if (!e) continue;
      expect(path.basename(r.source_file)).toBe(path.basename(e.file));
      expect(r.source_line, r.event_id).toBe(e.line);
      expect([r.merchant_id, r.product, r.status, r.event_type]).toEqual([e.merchant, e.product, e.status, e.event_type]);
      expect(r.amount).toBe(e.kobo === null ? null : e.kobo / 100);
      expect(r.event_timestamp === null ? null : r.event_timestamp.slice(0, 10)).toBe(e.date);
      expect([r.region.trim().toUpperCase(), r.channel.trim().toUpperCase(), r.merchant_tier.trim().toUpperCase()]).toEqual([e.region, e.channel, e.tier]);
    }
    const dates = rows.flatMap((r) => (r.event_timestamp ? [r.event_timestamp.slice(0, 10)] : []));
    expect(dates).toEqual([...dates].sort());
  });

  it('a filtered listing pages the same way, and -amount sorts by amount descending', async () => {
    const F: MetricFilter = { from: '2024-02-28', to: '2024-02-29', exclude: { product: ['KYC'] } };
    const want = evaluate(data.ref.events, F).selected;
    const { total, rows } = await allRows(data.engine, { filter: F, sort: '-amount' }, 5);
    expect(total).toBe(want.length);
    expect(rows.map((r) => r.event_id.toLowerCase()).sort()).toEqual(want.map((e) => e.event_id.toLowerCase()).sort());
    const amounts = rows.flatMap((r) => (r.amount === null ? [] : [r.amount]));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });
});
