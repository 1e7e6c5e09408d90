// getEvents sorted by amount or merchant, both ways, paged anywhere (the first page, the middle, the
// last rows, beyond the end), against a brute-force sort written here: by amount (invalid amounts as
// below every valid one) or merchant id (text order), ties in date order (undated last), then file and
// line; descending is that order reversed. The engine keeps only the rows up to the page from the
// nearer end of the order, so pages on both sides of the middle are asked.
import { describe, expect, it } from 'vitest';
import type { EventSort } from '../../shared/exploring.js';
import type { MetricFilter } from '../../shared/filter.js';
import { COLUMNS, uuid, writeFile } from '../helpers/csv.js';
import { merchantId, writeActivity } from './generate.js';
import { datesBetween, select, type RefEvent } from './reference.js';
import { importedDataSet } from './imported.js';

/**
 * One more file with many ties: three merchants, four amounts (one invalid), two days and undated rows;
 * and three days after the others whose rows all have one amount (a run of days that a page by amount
 * must not pass over on the strength of their highest amount alone).
 */
function writeTies(dir: string): string {
  const lines = [COLUMNS.join(',')];
  for (let i = 0; i < 240; i++) {
    const ts = i % 17 === 0 ? 'NOT-A-DATE' : `2024-01-${i % 2 ? '05' : '06'}T10:00:00`;
    const amount = ['5.00', '5.00', '12.50', 'INVALID'][i % 4];
    lines.push([uuid(0x6100000 + i), merchantId(1 + (i % 3)), ts, 'POS', 'CARD_TRANSACTION', amount, 'SUCCESS', 'POS', 'LAGOS', 'STARTER'].join(','));
  }
  for (let i = 0; i < 90; i++) {
    lines.push([uuid(0x6200000 + i), merchantId(4 + (i % 5)), `2024-01-${13 + (i % 3)}T08:00:00`, 'BILLS', 'BILL_PAYMENT', '7.00', 'FAILED', 'WEB', 'KANO', 'VERIFIED'].join(','));
  }
  return writeFile(dir, 'activities_20240106.csv', lines.join('\n') + '\n');
}

describe('getEvents sorted by amount or merchant', () => {
  const days = datesBetween('2024-01-01', '2024-01-12').filter((d) => d !== '2024-01-06');
  const data = importedDataSet('mad-sort-', (dir) => [...writeActivity(dir, { seed: 515, days, rowsPerDay: () => 80, merchants: 40 }), writeTies(dir)]);

  /** The engine's order of matches before sorting: date (undated last), then file, then line. */
  const matchOrder = (a: RefEvent, b: RefEvent) =>
    (a.date ?? '\uffff') < (b.date ?? '\uffff') ? -1 : (a.date ?? '\uffff') > (b.date ?? '\uffff') ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;

  function sorted(selected: RefEvent[], sort: EventSort): RefEvent[] {
    const key = sort.replace('-', '');
    const byKey = (a: RefEvent, b: RefEvent) =>
      key === 'amount' ? (a.kobo ?? -1) - (b.kobo ?? -1) : a.merchant < b.merchant ? -1 : a.merchant > b.merchant ? 1 : 0;
    const up = [...selected].sort(matchOrder).sort((a, b) => byKey(a, b) || 0);
    return sort.startsWith('-') ? up.reverse() : up;
  }

  it('every page equals the brute-force order, for each sort and filter', async () => {
    const filters: MetricFilter[] = [
      {},
      { region: ['LAGOS'] },
      { from: '2024-01-04', to: '2024-01-09', product: ['POS', 'KYC'] },
      { merchant: [merchantId(1), merchantId(2)] },
      { from: '2024-01-13', to: '2024-01-15' },
    ];
    const sorts: EventSort[] = ['amount', '-amount', 'merchant', '-merchant'];
    let pages = 0;
    for (const filter of filters) {
      const want = select(data.ref.events, filter);
      expect(want.length, JSON.stringify(filter)).toBeGreaterThan(50);
      for (const sort of sorts) {
        const order = sorted(want, sort).map((e) => e.event_id.toLowerCase());
        const n = order.length;
        for (const [offset, limit] of [[0, 5], [3, 10], [Math.floor(n / 2) - 2, 7], [n - 4, 10], [n - 1, 1], [n + 2, 5], [0, n + 10]]) {
          const got = await data.engine.request('getEvents', { filter, sort, offset, limit });
          const label = `${JSON.stringify(filter)} ${sort} ${offset}+${limit}`;
          expect(got.total, label).toBe(n);
          expect(got.rows.map((r) => r.event_id.toLowerCase()), label).toEqual(order.slice(offset, offset + limit));
          pages++;
        }
      }
    }
    expect(pages).toBe(filters.length * 4 * 7);
  });
});
