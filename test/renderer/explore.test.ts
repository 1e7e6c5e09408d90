// Issue 10's new states in real Chromium: the filter bar (names, presets with their dates, facets with
// counts, type-ahead, include/exclude, chips, a link only partly understood), the coverage line of a
// selection, comparison columns and headline, pending panels, click to filter, the funnel's wording.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MetricsResponse } from '../../shared/metrics';
import { hasChromium, SKIP_MESSAGE } from '../e2e/helpers/chromium';
import { useHarness } from './harness/open';
import { DIMENSIONS, METRICS, METRICS_COMPARE } from './fixtures';

describe.skipIf(!hasChromium)(`exploring components in Chromium${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  const getPage = useHarness();
  let page: Page;
  beforeAll(() => {
    page = getPage();
  });

  const lastCall = () => page.evaluate(() => window.harness.calls.at(-1));
  const cells = (name: string) =>
    page.$$eval(`[data-testid="panel-${name}"] tbody tr`, (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent)));

  it('the filter bar has its six controls under their exact names, and the resolved dates', async () => {
    await page.evaluate((d) => window.harness.filterBar({ filter: { from: '2024-03-02', to: '2024-03-31' }, preset: 'last-30' }, d), DIMENSIONS);
    for (const name of ['Region', 'Channel', 'Tier', 'Product']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Date range', exact: true }).inputValue()).toBe('last-30');
    expect(await page.getByRole('combobox', { name: 'Compare', exact: true }).isEnabled()).toBe(true);
    expect(await page.getByTestId('date-range-dates').textContent()).toBe('2 Mar 2024 – 31 Mar 2024');
    await page.getByLabel('Compare', { exact: true }).selectOption('year');
    expect(await lastCall()).toBe('view:#/?from=2024-03-02&to=2024-03-31&compare=year&preset=last-30');
    expect(await page.getByTestId('compare-dates').textContent()).toBe('with 2 Mar 2023 – 31 Mar 2023');
    await page.getByLabel('Date range', { exact: true }).selectOption('last-month');
    expect(await lastCall()).toBe('view:#/?from=2024-03-02&to=2024-03-31&compare=year&preset=last-month');
  });

  it('without dates, Compare is off and says why; All data names the whole span', async () => {
    await page.evaluate((d) => window.harness.filterBar({ filter: {} }, d), DIMENSIONS);
    expect(await page.getByLabel('Date range', { exact: true }).inputValue()).toBe('all');
    expect(await page.getByTestId('date-range-dates').textContent()).toBe('1 Jan 2024 – 31 Mar 2024, and undated rows');
    const compare = page.getByLabel('Compare', { exact: true });
    expect(await compare.isDisabled()).toBe(true);
    expect(await compare.getAttribute('title')).toBe('Choose a date range to compare it with another period');
    expect(await page.getByTestId('filter-chips').count()).toBe(0);
  });

  it('a dimension lists every value with its count, finds by typing, includes and excludes', async () => {
    await page.evaluate((d) => window.harness.filterBar({ filter: {} }, d), DIMENSIONS);
    await page.getByRole('button', { name: 'Region', exact: true }).click();
    const pop = page.getByTestId('filter-region-popover');
    expect(await pop.locator('.filter-option').allTextContents()).toEqual(['LAGOS120,000', 'ABUJA80,000', 'KANO30,500']);
    await pop.getByLabel('Search region values').fill('ab');
    expect(await pop.locator('.filter-option').allTextContents()).toEqual(['ABUJA80,000']);
    await pop.getByLabel('Search region values').press('Enter');
    expect(await lastCall()).toBe('view:#/?region=ABUJA');
    await pop.getByLabel('Search region values').fill('zz');
    expect(await pop.textContent()).toContain('No region matches “zz”.');
    await pop.getByLabel('Search region values').fill('');
    await pop.getByLabel('All but these').check();
    expect(await lastCall()).toBe('view:#/?exclude-region=ABUJA');
    expect(await page.getByRole('button', { name: 'Region', exact: true }).textContent()).toContain('not ABUJA');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('filter-region-popover').count()).toBe(0);
  });

  it('a chip per active value with its own remove button, and Clear all', async () => {
    await page.evaluate(
      (d) => window.harness.filterBar({ filter: { from: '2024-01-01', to: '2024-01-31', region: ['LAGOS'], exclude: { product: ['KYC'] }, merchant: ['MRC-1'] } }, d),
      DIMENSIONS,
    );
    expect(await page.locator('[data-testid="filter-chip"] > span').allTextContents()).toEqual(['1 Jan 2024 – 31 Jan 2024', 'Region: LAGOS', 'Product: not KYC', 'Merchant: MRC-1']);
    await page.getByRole('button', { name: 'Remove Product: not KYC' }).click();
    expect(await lastCall()).toBe('view:#/?from=2024-01-01&to=2024-01-31&region=LAGOS&merchant=MRC-1');
    await page.getByRole('button', { name: 'Remove 1 Jan 2024 – 31 Jan 2024' }).click();
    expect(await lastCall()).toBe('view:#/?region=LAGOS&merchant=MRC-1');
    await page.getByTestId('filter-clear-all').click();
    expect(await lastCall()).toBe('view:#/');
  });

  it('a link only partly understood says what was left out', async () => {
    await page.evaluate((d) => window.harness.filterBar({ filter: {} }, d, 'This link\'s view was partly understood: "colour" is not a filter (ignored).'), DIMENSIONS);
    expect(await page.getByTestId('url-error').textContent()).toContain('"colour" is not a filter');
  });

  it('the coverage line follows the selection: warnings, undated rows and the days without data, named', async () => {
    await page.evaluate(() =>
      window.harness.coverage(
        { first_date: '2024-01-01', last_date: '2024-01-31', files: 26, events: 650_000, rejected_rows: 12, warnings: 40, undated_events: 0, days_without_data: ['2024-01-05', '2024-01-10', '2024-01-18', '2024-01-24', '2024-01-31'] },
        { from: '2024-01-01', to: '2024-01-31' },
      ),
    );
    const line = page.getByTestId('coverage');
    expect(await line.getByTestId('coverage-range').textContent()).toBe('1 Jan 2024 – 31 Jan 2024');
    expect(await line.getByTestId('coverage-warnings').textContent()).toBe('40 rows kept with a warning');
    expect(await line.getByTestId('coverage-undated').count()).toBe(0);
    expect(await line.getByTestId('coverage-missing').textContent()).toBe('5 days have no data: 5, 10, 18, 24, 31 Jan');
    await line.getByTestId('coverage-rejected').click();
    expect(await lastCall()).toBe('rejected');
    // Undated rows under a date range are left out, and said so; no gap line when there is no gap.
    await page.evaluate(() => window.harness.coverage({ first_date: '2024-01-01', last_date: '2024-01-31', files: 26, events: 650_000, rejected_rows: 0, warnings: 0, undated_events: 3 }, { from: '2024-01-01', to: '2024-01-31' }));
    expect(await line.getByTestId('coverage-undated').textContent()).toBe('3 undated rows left out');
    expect(await line.getByTestId('coverage-missing').count()).toBe(0);
    await page.evaluate(() => window.harness.coverage({ first_date: '2024-01-01', last_date: '2024-01-31', files: 26, events: 650_000, rejected_rows: 12, warnings: 40, days_without_data: ['2024-01-05'] }));
    expect(await line.getByTestId('coverage-missing').textContent()).toBe('1 day has no data: 5 Jan');
  });

  it('with Compare on, tables show previous, change and change %; rates in points; 0 before reads "new"', async () => {
    const show = (name: string) => page.evaluate(([n, m]) => window.harness.panel(n as never, { status: 'ready', data: m as MetricsResponse }), [name, METRICS_COMPARE] as const);
    await show('top_merchants');
    expect(await page.getByTestId('panel-top_merchants').getByRole('columnheader').allTextContents()).toEqual(['Rank', 'Merchant', 'Successful volume', 'Previous', 'Change', 'Change %']);
    expect(await cells('top_merchants')).toEqual([
      ['1', 'MRC-009405', '₦151,233,885.45', '₦151,233,885.40', '+₦0.05', '+0.0%'],
      ['2', 'MRC-000543', '₦22,458,810.39', '₦100,000,000.10', '−₦77,541,189.71', '−77.5%'],
      ['3', 'MRC-008256', '₦19,321,084.20', '—', '—', '—'],
    ]);
    expect(await page.getByTestId('top-merchant-compare').textContent()).toBe('Previous period: MRC-000543 ₦100,000,000.10 · change +₦51,233,885.35 (+51.2%)');
    await show('monthly_active_merchants');
    expect(await cells('monthly_active_merchants')).toEqual([
      ['Jan 2024', '9,776', '9,000 (Jan 2024)', '+776', '+8.6%'],
      ['Feb 2024', '9,801', '—', '—', '—'],
      ['Mar 2024', '10,012', '—', '—', '—'],
    ]);
    await show('product_adoption');
    const adoption = await cells('product_adoption');
    expect(adoption[0]).toEqual(['KYC', '1,752', '0', '+1,752', 'new']);
    expect(adoption[2]).toEqual(['BILLS', '4,327', '4,327', '0', '0.0%']);
    expect(adoption.flat().join(' ')).not.toMatch(/Infinity|NaN/);
    await show('kyc_funnel');
    expect(await cells('kyc_funnel')).toEqual([
      ['Documents submitted', '1,147', '—', '1,000', '+147', '+14.7%'],
      ['Verifications completed', '947', '82.6%', '1,000', '−53', '−5.3%'],
      ['Tier upgrades', '512', '54.1%', '600', '−88', '−14.7%'],
    ]);
    await show('failure_rates');
    expect(await page.getByTestId('panel-failure_rates').getByRole('columnheader').allTextContents()).toEqual(['Product', 'Failure rate', 'Previous', 'Change']);
    expect(await cells('failure_rates')).toEqual([
      ['AIRTIME', '5.3%', '4.9%', '+0.4 pp'],
      ['POS', '5.0%', '5.5%', '−0.5 pp'],
      ['KYC', '4.8%', '—', '—'],
    ]);
    // The chart overlays the previous period as a second dataset.
    expect(await page.evaluate(async () => (await window.harness.charts()).length)).toBe(1);
  });

  it('while an answer is pending the panel keeps its numbers, busy at once and dimmed after a moment', async () => {
    // Read in the same task as the render: the panel is busy, and not dimmed yet (a quick answer does not flicker).
    const shown = await page.evaluate((m) => {
      window.harness.panel('failure_rates', { status: 'loading', data: m });
      const p = document.querySelector('[data-testid="panel-failure_rates"]')!;
      return { busy: p.getAttribute('aria-busy'), className: p.className };
    }, METRICS);
    expect(shown.busy).toBe('true');
    expect(shown.className).not.toContain('panel-pending');
    const panel = page.getByTestId('panel-failure_rates');
    // Dimming then fades in (a short transition), so wait for where it settles.
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="panel-failure_rates"]')!).opacity === '0.55');
    expect(await panel.getAttribute('class')).toContain('panel-pending');
    expect((await cells('failure_rates'))[0]).toEqual(['AIRTIME', '5.3%']);
    // The answer brings it back at once.
    const back = await page.evaluate((m) => {
      window.harness.panel('failure_rates', { status: 'ready', data: m });
      const p = document.querySelector('[data-testid="panel-failure_rates"]')!;
      return { busy: p.getAttribute('aria-busy'), className: p.className, opacity: getComputedStyle(p).opacity };
    }, METRICS);
    expect(back.busy).toBeNull();
    expect(back.className).not.toContain('panel-pending');
    expect(back.opacity).toBe('1');
  });

  it('click to filter: products and months are buttons with a hint; Ctrl adds, Alt excludes; the selection is highlighted', async () => {
    await page.evaluate((m) => window.harness.panel('product_adoption', { status: 'ready', data: m }, ['POS']), METRICS);
    const panel = page.getByTestId('panel-product_adoption');
    const pos = panel.getByRole('button', { name: 'POS', exact: true });
    expect(await pos.getAttribute('title')).toContain('Ctrl+click adds to the selection, Alt+click excludes');
    expect(await pos.getAttribute('aria-pressed')).toBe('true');
    expect(await panel.locator('tr.row-selected').count()).toBe(1);
    await panel.getByRole('button', { name: 'KYC', exact: true }).click();
    expect(await lastCall()).toBe('pick:product:KYC');
    await panel.getByRole('button', { name: 'KYC', exact: true }).click({ modifiers: ['Control'] });
    expect(await lastCall()).toBe('pick:product:KYC:add');
    await panel.getByRole('button', { name: 'KYC', exact: true }).click({ modifiers: ['Alt'] });
    expect(await lastCall()).toBe('pick:product:KYC:exclude');
    expect(await panel.locator('.chart').getAttribute('title')).toContain('Click to filter');
    await page.evaluate((m) => window.harness.panel('monthly_active_merchants', { status: 'ready', data: m }), METRICS);
    await page.getByTestId('panel-monthly_active_merchants').getByRole('button', { name: 'Feb 2024' }).click();
    expect(await lastCall()).toBe('pick:month:2024-02');
    // The top merchants table is not a filter (no merchant dimension in the bar yet): plain text.
    await page.evaluate((m) => window.harness.panel('top_merchants', { status: 'ready', data: m }), METRICS);
    expect(await page.getByTestId('panel-top_merchants').locator('.cell-pick').count()).toBe(0);
  });

  it('the KYC funnel says "continued" and never rounds a rate below 100% up to 100.0%', async () => {
    const m = structuredClone(METRICS);
    m.metrics.kyc_funnel = { documents_submitted: 10_000, verifications_completed: 9_999, tier_upgrades: 9_999 };
    await page.evaluate((d) => window.harness.panel('kyc_funnel', { status: 'ready', data: d }), m);
    expect(await page.getByTestId('funnel-conversion').allTextContents()).toEqual(['99.9% continued', '100.0% continued']);
  });
});
