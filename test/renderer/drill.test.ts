// The drill drawer in real Chromium against a fake engine: the exact getEvents request of each
// metric's number, the header (filter, clicked value, totals against the clicked number), a windowed
// table that loads pages as it scrolls, sorting, the CSV export of every row, Escape and focus return,
// and the gestures (Enter, double-click) on table rows, the headline and funnel steps.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EventsRequest } from '../../shared/exploring';
import type { DrillSpec } from '../../renderer/src/drill/drill-spec';
import { adoptionDrill, failureDrill, kycDrill, monthDrill, topMerchantDrill } from '../../renderer/src/drill/drill-spec';
import { hasChromium, SKIP_MESSAGE } from '../e2e/helpers/chromium';
import { useHarness } from './harness/open';
import { METRICS } from './fixtures';

const F = { from: '2024-01-15', to: '2024-03-10', region: ['LAGOS'] };

describe('drill requests follow README\'s drill table', () => {
  it('one request per number, the filter intersected or narrowed as the table says', () => {
    expect(topMerchantDrill(F, 'MRC-1', 10).variants.map((v) => v.request)).toEqual([{ filter: F, merchant: 'MRC-1', status: ['SUCCESS'], with_amount: true }]);
    // F ∩ the month: the later start, the earlier end.
    expect(monthDrill(F, '2024-01', '2024-01-31', 5).variants[0].request).toEqual({ filter: { ...F, from: '2024-01-15', to: '2024-01-31' }, status: ['SUCCESS'] });
    expect(monthDrill(F, '2024-03', '2024-03-31', 5).variants[0].request.filter).toEqual({ ...F, from: '2024-03-01', to: '2024-03-10' });
    expect(monthDrill({}, '2024-02', '2024-02-29', 5).variants[0].request.filter).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(adoptionDrill({ ...F, product: ['POS', 'KYC'] }, 'POS', 3).variants[0].request).toEqual({ filter: { ...F, product: ['POS'] } });
    expect(kycDrill(F, 'documents_submitted', 9, false).variants.map((v) => v.request)).toEqual([
      { filter: F, kyc_step: 'documents_submitted' },
      { filter: F, kyc_step: 'documents_submitted', kyc_not_next: true },
    ]);
    expect(kycDrill({}, 'tier_upgrades', 9, true).variants.map((v) => v.request)).toEqual([{ kyc_step: 'tier_upgrades' }]);
    expect(failureDrill(F, 'POS', 5).variants.map((v) => v.request)).toEqual([
      { filter: { ...F, product: ['POS'] }, status: ['FAILED'] },
      { filter: { ...F, product: ['POS'] }, status: ['SUCCESS'] },
    ]);
  });
});

describe.skipIf(!hasChromium)(`drill drawer in Chromium${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  const getPage = useHarness();
  let page: Page;
  beforeAll(() => {
    page = getPage();
  });

  const eventCalls = () => page.evaluate(() => window.harness.apiCalls.filter((c) => c.name === 'getEvents').map((c) => c.request as EventsRequest));
  const open = async (spec: DrillSpec, total: number) => {
    await page.evaluate(([s, t]) => {
      window.harness.fakeEngine({ total: t });
      window.harness.drill(s);
    }, [spec, total] as const);
    await page.getByTestId('opener').click();
    await page.waitForSelector('[data-testid="drill-counts"][data-ready="true"]');
  };

  it('the header states the filter, the clicked value and the totals against the clicked number', async () => {
    await open(adoptionDrill(F, 'POS', 7), 1234);
    const drawer = page.getByTestId('drill-drawer');
    expect(await drawer.getAttribute('open')).not.toBeNull();
    expect(await page.getByTestId('drill-clicked').textContent()).toBe('POS: 7 merchants');
    expect(await page.getByTestId('drill-filter').textContent()).toBe('Filter: 15 Jan 2024 – 10 Mar 2024 · Region: LAGOS · Product: POS');
    expect(await page.getByTestId('drill-total').textContent()).toBe('1,234');
    expect(await page.getByTestId('drill-merchants').textContent()).toBe('7');
    expect(await page.getByTestId('drill-match').getAttribute('data-match')).toBe('true');
    expect((await eventCalls())[0]).toEqual({ filter: { ...F, product: ['POS'] }, sort: 'time', offset: 0, limit: 200 });
    // Focus is inside the dialog, on Close.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('drill-close');
  });

  it('a mismatch is said, not hidden', async () => {
    await open(adoptionDrill({}, 'POS', 8), 10);
    expect(await page.getByTestId('drill-match').getAttribute('data-match')).toBe('false');
    expect(await page.getByTestId('drill-match').textContent()).toContain('differs from the clicked 8');
  });

  it('only the rows in view are in the DOM; scrolling loads the pages it reaches', async () => {
    await open(topMerchantDrill({}, 'MRC-1', 1), 100_000);
    const scroller = page.getByTestId('event-scroller');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="event-row"] [role="cell"]:not(.event-row-loading)').length > 0);
    expect(await page.getByTestId('event-row').count()).toBeLessThan(80);
    expect(await page.getByTestId('event-row').first().textContent()).toContain('2024-01-01T10:00:00.000');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="event-row"]')).some((r) => r.textContent?.includes('activities_20240101.csv:100001')));
    expect(await page.getByTestId('event-row').count()).toBeLessThan(80);
    const offsets = (await eventCalls()).map((c) => c.offset);
    expect(offsets).toContain(99_800);
    // Only the first page and the pages at the bottom, not everything in between.
    expect(offsets.length).toBeLessThan(5);
    expect(await scroller.getAttribute('aria-rowcount')).toBe('100001');
  });

  it('five million events: the scrollbar stands for all of them and the bottom shows the last row', async () => {
    await open(topMerchantDrill({}, 'MRC-1', 1), 5_000_000);
    const scroller = page.getByTestId('event-scroller');
    expect(await scroller.evaluate((el) => el.scrollHeight)).toBeLessThan(16_000_000);
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="event-row"]')).some((r) => r.textContent?.includes('activities_20240101.csv:5000001')));
    // The last row is inside the visible box, not below it.
    const inView = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="event-scroller"]')!.getBoundingClientRect();
      const last = Array.from(document.querySelectorAll('[data-testid="event-row"]')).find((r) => r.textContent?.includes(':5000001'))!.getBoundingClientRect();
      return last.bottom <= box.bottom + 1 && last.top >= box.top;
    });
    expect(inView).toBe(true);
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForFunction(() => window.harness.apiCalls.some((c) => c.name === 'getEvents' && ((c.request as { offset?: number }).offset ?? 0) > 2_000_000 && ((c.request as { offset?: number }).offset ?? 0) < 3_000_000));
    await page.keyboard.press('Escape');
  });

  it('sorting by a column asks the engine in that order from the top; again reverses', async () => {
    await open(topMerchantDrill({}, 'MRC-1', 1), 500);
    await page.getByTestId('sort-amount').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="event-row"]')?.textContent?.includes('MRC') || document.querySelector('[data-testid="event-row"]')?.textContent?.includes('HYPERLINK'));
    expect((await eventCalls()).at(-1)).toMatchObject({ sort: '-amount', offset: 0 });
    expect(await page.getByRole('columnheader', { name: /Amount/ }).getAttribute('aria-sort')).toBe('descending');
    await page.getByTestId('sort-amount').click();
    expect(await page.getByRole('columnheader', { name: /Amount/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByTestId('sort-merchant').click();
    await page.getByTestId('sort-time').click();
    await page.getByTestId('sort-time').click();
    expect((await eventCalls()).map((c) => c.sort)).toEqual(['time', '-amount', 'amount', 'merchant', 'time', '-time']);
  });

  it('Export CSV fetches every page and saves exactly those rows, formula-looking cells neutralised', async () => {
    await open(topMerchantDrill({ region: ['LAGOS'] }, 'MRC-1', 1), 12_345);
    await page.getByTestId('drill-export').click();
    await page.waitForFunction(() => window.harness.apiCalls.some((c) => c.name === 'saveFile'));
    const save = await page.evaluate(() => window.harness.apiCalls.find((c) => c.name === 'saveFile')!.request as { filename: string; content: string });
    expect(save.filename).toBe('events_top_merchant_MRC-1 region-LAGOS.csv');
    const lines = save.content.trimEnd().split('\r\n');
    expect(lines).toHaveLength(12_346);
    expect(lines[0]).toBe('event_id,merchant_id,event_timestamp,product,event_type,amount,status,channel,region,merchant_tier,source_file,source_line');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    const exportCalls = (await eventCalls()).filter((c) => c.limit === 10_000);
    expect(exportCalls.map((c) => c.offset)).toEqual([0, 10_000]);
    expect(exportCalls[0]).toMatchObject({ filter: { region: ['LAGOS'] }, merchant: 'MRC-1', status: ['SUCCESS'], with_amount: true });
  });

  it('Export XLSX asks the engine for exactly the drill\'s rows in its sort and saves the workbook under a name with the filter', async () => {
    await open(topMerchantDrill({ region: ['LAGOS'] }, 'MRC-1', 1), 12_345);
    await page.getByTestId('sort-amount').click();
    await page.getByTestId('drill-export-xlsx').click();
    await page.waitForFunction(() => window.harness.apiCalls.some((c) => c.name === 'saveBinaryFile'));
    const calls = await page.evaluate(() => window.harness.apiCalls.filter((c) => c.name === 'getEventsXlsx' || c.name === 'saveBinaryFile'));
    expect(calls[0].request).toEqual({ filter: { region: ['LAGOS'] }, merchant: 'MRC-1', status: ['SUCCESS'], with_amount: true, sort: '-amount' });
    expect(calls[1].request).toEqual({ filename: 'events_top_merchant_MRC-1 region-LAGOS.xlsx', base64: 'UEsDBA==' });
  });

  it('Escape closes the drawer and gives focus back to what opened it', async () => {
    await open(monthDrill({}, '2024-01', '2024-01-31', 7), 3);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="drill-drawer"]', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('opener');
  });

  it('Tab stays inside the open drawer', async () => {
    await open(monthDrill({}, '2024-01', '2024-01-31', 7), 3);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => !!document.activeElement?.closest('[data-testid="drill-drawer"]') || document.activeElement === document.body);
      expect(inside).toBe(true);
    }
    await page.keyboard.press('Escape');
  });

  it('a failure rate shows both lists, their totals and the rate they make', async () => {
    await open(failureDrill({}, 'POS', 100), 4);
    expect(await page.getByTestId('drill-rate').textContent()).toContain('4 failed, 4 successful: 50.0%');
    await page.getByLabel('Successful events').check();
    await page.waitForFunction(() => (window.harness.apiCalls.at(-1)?.request as { status?: string[] } | undefined)?.status !== undefined);
    const statuses = (await eventCalls()).map((c) => c.status?.[0]);
    expect(statuses).toContain('SUCCESS');
    expect(statuses).toContain('FAILED');
    expect(await page.getByTestId('drill-conditions').textContent()).toBe('Events: Status: SUCCESS');
    await page.keyboard.press('Escape');
  });

  it('Enter on a table row, double-click on the headline and on a funnel step open their drills', async () => {
    await page.evaluate((m) => window.harness.panel('product_adoption', { status: 'ready', data: m }, [], { region: ['LAGOS'] }), METRICS);
    const row = page.getByTestId('panel-product_adoption').locator('tbody tr').nth(1);
    await row.focus();
    await page.keyboard.press('Enter');
    const first = Object.entries(METRICS.metrics.product_adoption)[1];
    expect(await page.evaluate(() => window.harness.drillSpec()?.variants[0].request)).toEqual({ filter: { region: ['LAGOS'], product: [first[0]] } });
    expect(await page.evaluate(() => window.harness.drillSpec()?.variants[0].expected)).toBe(first[1]);
    // Enter on the row's filter button still filters (and opens nothing new).
    await page.evaluate(() => window.harness.calls.splice(0));
    await page.getByTestId('panel-product_adoption').getByRole('button', { name: 'KYC', exact: true }).press('Enter');
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('pick:product:KYC');

    await page.evaluate((m) => window.harness.panel('top_merchants', { status: 'ready', data: m }, [], {}), METRICS);
    await page.getByTestId('top-merchant-headline').dblclick();
    expect(await page.evaluate(() => window.harness.drillSpec()?.variants[0].request)).toEqual({ merchant: 'MRC-009405', status: ['SUCCESS'], with_amount: true });

    await page.evaluate((m) => window.harness.panel('kyc_funnel', { status: 'ready', data: m }, [], {}), METRICS);
    await page.getByTestId('funnel-step').nth(1).dblclick();
    const spec = await page.evaluate(() => window.harness.drillSpec());
    expect(spec?.variants.map((v) => v.request)).toEqual([{ kyc_step: 'verifications_completed' }, { kyc_step: 'verifications_completed', kyc_not_next: true }]);
    expect(spec?.variants[0].expected).toBe(947);
  });

  it('double-click on a bar opens that bar\'s drill (the chart\'s own order), and does not filter twice', async () => {
    await page.evaluate((m) => window.harness.panel('product_adoption', { status: 'ready', data: m }, [], { region: ['LAGOS'] }), METRICS);
    await page.evaluate(() => window.harness.calls.splice(0));
    const pt = await page.evaluate(() => window.harness.barPoint(0, 0));
    // A person's double-click, the two clicks a moment apart (Chart.js handles one event per animation
    // frame, so Playwright's instant dblclick would hide the first click).
    await page.mouse.click(pt.x, pt.y);
    await page.waitForFunction(() => window.harness.calls.length > 0);
    await page.mouse.down({ clickCount: 2 });
    await page.mouse.up({ clickCount: 2 });
    await page.waitForFunction(() => window.harness.drillSpec()?.metric === 'Product adoption');
    // The chart sorts by count: its first bar is the most used product.
    const [product, n] = Object.entries(METRICS.metrics.product_adoption).sort((a, b) => b[1] - a[1])[0];
    expect(await page.evaluate(() => window.harness.drillSpec()?.variants[0].request)).toEqual({ filter: { region: ['LAGOS'], product: [product] } });
    expect(await page.evaluate(() => window.harness.drillSpec()?.variants[0].expected)).toBe(n);
    // The first click of the double-click filtered once; the second did not take it out again.
    expect(await page.evaluate(() => window.harness.calls)).toEqual([`pick:product:${product}`]);
  });
});
