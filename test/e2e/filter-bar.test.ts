// Issue 10's filter bar end to end in real Chromium against browser mode: every control by mouse and by
// keyboard, the URL round trip, compare on and off (numbers equal to the engine's getMetrics for the
// same request), click to filter, and back / forward / Ctrl+Z through filter changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ApiRequest, MetricName } from '../../shared/api';
import type { MetricsResponse } from '../../shared/metrics';
import type { DimensionsResponse, TrendResponse } from '../../shared/exploring';
import { METRIC_ORDER } from '../../shared/metric-definitions';
import { formatCount, formatDate, formatNaira } from '../../shared/format';
import { hasData, tableFor } from '../../renderer/src/panels/tables';
import { parseViewHash, serializeView } from '../../shared/url-state.js';
import { resolvePreset } from '../../shared/presets.js';
import { hasChromium, SKIP_MESSAGE } from './helpers/chromium';
import { api, ROOT, type RunningWeb } from './helpers/web-server';
import { closeDashboardRig, dashboardWaits, openDashboardRig, type DashboardRig } from './helpers/dashboard';
import { changeView } from '../../bench/window-speed';
import { dimensionValues, randomFilter } from '../../bench/explore';
import { Random } from '../../bench/random';
import { spread } from '../../bench/measure';
import { dayNumber } from '../../shared/filter';

const ARTIFACTS = path.join(ROOT, 'test-results');

describe.skipIf(!hasChromium)(`filter bar, URL and comparison end to end${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let web: RunningWeb;
  let page: Page;
  let dims: DimensionsResponse;
  const pageErrors: string[] = [];
  let rig: DashboardRig | undefined;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // Seven weeks from 1 Jan 2024 with two days missing, so ranges, months and gaps all have something to show.
    rig = await openDashboardRig('mad-e2e-filter-', { days: 49, rowsPerDay: 400, startDate: '2024-01-01', seed: 21, skipDays: ['2024-01-10', '2024-02-05'] }, pageErrors);
    ({ web, page, dims } = rig);
  });

  afterAll(async () => {
    await closeDashboardRig(rig ?? {});
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const hash = () => page.evaluate(() => window.location.hash);
  const open = (h: string) => page.goto(`${web.url}${h}`);
  const { settled, untilHash } = dashboardWaits(() => page);
  const engine = async (req: ApiRequest<'getMetrics'>) => (await api<MetricsResponse>(web, 'getMetrics', req)).value;
  const rows = (name: MetricName) =>
    page.$$eval(`[data-testid="panel-${name}"] tbody tr`, (trs) => trs.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '')));
  /** Every panel's table equals the engine's answer to the same request, formatted by the window's own rules. */
  async function expectPanelsEqual(req: ApiRequest<'getMetrics'>) {
    const r = await engine(req);
    for (const name of METRIC_ORDER) {
      // A panel with nothing to show has no table (its empty text instead).
      const expected = hasData(name, r.metrics) ? tableFor(name, r.metrics, r.compare?.metrics).rows : [];
      expect(await rows(name), name).toEqual(expected);
    }
    return r;
  }
  const viewOfHash = async () => {
    const v = parseViewHash(await hash()).view;
    return { ...(Object.keys(v.filter).length ? { filter: v.filter } : {}), ...(v.compare ? { compare: v.compare } : {}) } as ApiRequest<'getMetrics'>;
  };

  it('opening a URL shows that view, equal to the engine', async () => {
    const region = dims.dimensions.region[0].value;
    const channel = dims.dimensions.channel[1].value;
    const h = serializeView({ filter: { from: '2024-01-15', to: '2024-01-28', region: [region], exclude: { channel: [channel] } }, compare: 'previous' });
    await open(h);
    await settled();
    expect(await hash()).toBe(h);
    expect(await page.getByRole('button', { name: 'Region', exact: true }).textContent()).toContain(region);
    expect(await page.getByTestId('date-range-dates').textContent()).toBe(`${formatDate('2024-01-15')} – ${formatDate('2024-01-28')}`);
    expect(await page.getByLabel('Compare', { exact: true }).inputValue()).toBe('previous');
    const chips = await page.getByTestId('filter-chip').allTextContents();
    expect(chips.map((c) => c.replace(/×$/, ''))).toEqual([`${formatDate('2024-01-15')} – ${formatDate('2024-01-28')}`, `Region: ${region}`, `Channel: not ${channel}`]);
    const r = await expectPanelsEqual({ filter: { from: '2024-01-15', to: '2024-01-28', region: [region], exclude: { channel: [channel] } }, compare: 'previous' });
    expect(r.compare).toBeDefined();
    // The comparison columns carry the engine's previous-period numbers.
    const adoption = await rows('product_adoption');
    const first = Object.keys(r.metrics.product_adoption)[0];
    expect(adoption[0][2]).toBe(formatCount(r.compare!.metrics.product_adoption[first] ?? 0));
    expect(await page.getByTestId('top-merchant-volume').textContent()).toBe(formatNaira(r.metrics.top_merchant!.total_volume));
    expect(await page.getByTestId('coverage-files').textContent()).toBe(`${r.coverage.files} files`);
    // The trend follows the same view: two weeks by day, the previous two weeks overlaid.
    const trendReq = { grain: 'day', filter: { from: '2024-01-15', to: '2024-01-28', region: [region], exclude: { channel: [channel] } }, compare: 'previous' };
    const trend = (await api<TrendResponse>(web, 'getTrend', trendReq)).value;
    await page.waitForSelector(`[data-testid="panel-trend"][data-state="data"][data-buckets="${trend.buckets.length}"]:not([aria-busy])`);
    expect(await page.getByTestId('panel-trend').getAttribute('data-grain')).toBe('day');
    expect(trend.buckets).toHaveLength(14);
    expect(trend.compare?.buckets).toHaveLength(14);
    await shot('filter-url-compare-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('filter-url-compare-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('Date range by mouse: a preset counted back from the last day with data, then Custom dates', async () => {
    await open('#/');
    await settled();
    await page.getByLabel('Date range', { exact: true }).selectOption('last-7');
    const r = resolvePreset('last-7', dims.last_date)!;
    await untilHash(serializeView({ filter: { from: r.from, to: r.to }, preset: 'last-7' }));
    expect(await page.getByTestId('date-range-dates').textContent()).toBe(`${formatDate(r.from)} – ${formatDate(r.to)}`);
    await expectPanelsEqual({ filter: { from: r.from, to: r.to } });

    await page.getByLabel('Date range', { exact: true }).selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2024-01-03');
    await untilHash(serializeView({ filter: { from: '2024-01-03', to: r.to } }));
    await page.getByLabel('To', { exact: true }).fill('2024-01-20');
    await untilHash(serializeView({ filter: { from: '2024-01-03', to: '2024-01-20' } }));
    // 10 Jan has no file: the coverage line names it.
    expect(await page.getByTestId('coverage-missing').textContent()).toBe('1 day has no data: 10 Jan');
    expect(await page.getByTestId('coverage-range').textContent()).toBe(`${formatDate('2024-01-03')} – ${formatDate('2024-01-20')}`);
    await expectPanelsEqual({ filter: { from: '2024-01-03', to: '2024-01-20' } });
  });

  it('Date range and Compare by keyboard: "/" focuses the bar, arrows pick', async () => {
    await open('#/');
    await settled();
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Date range');
    // All data is the last preset but one: ArrowDown moves to Custom, whose two date inputs appear.
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[aria-label="From"]');
    expect(await page.getByLabel('Date range', { exact: true }).inputValue()).toBe('custom');
    await settled();
    // Ctrl+L also comes here, from anywhere; Home picks the first preset.
    await page.getByTestId('tab-dashboard').focus();
    await page.keyboard.press('Control+l');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Date range');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => (document.querySelector('[aria-label="Date range"]') as HTMLSelectElement).value === 'last-7');
    const r = resolvePreset('last-7', dims.last_date)!;
    await untilHash(serializeView({ filter: { from: r.from, to: r.to }, preset: 'last-7' }));
    // Tab along the bar to Compare, then choose "Previous period" with the arrow key.
    await page.getByLabel('Compare', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await untilHash(serializeView({ filter: { from: r.from, to: r.to }, preset: 'last-7', compare: 'previous' }));
    expect(await page.getByTestId('compare-dates').textContent()).toContain('with');
    const res = await expectPanelsEqual({ filter: { from: r.from, to: r.to }, compare: 'previous' });
    expect(await page.getByTestId('panel-failure_rates').getByRole('columnheader').allTextContents()).toEqual(['Product', 'Failure rate', 'Previous', 'Change']);
    const fr = res.metrics.failure_rates[0];
    const prev = res.compare!.metrics.failure_rates.find((p) => p.product === fr.product);
    if (prev) expect((await rows('failure_rates'))[0][3]).toMatch(/ pp$/);
    await page.keyboard.press('ArrowUp');
    await untilHash(serializeView({ filter: { from: r.from, to: r.to }, preset: 'last-7' }));
    expect(await page.getByTestId('panel-failure_rates').getAttribute('data-compare')).toBe('off');
    await expectPanelsEqual({ filter: { from: r.from, to: r.to } });
  });

  it('Region, Channel, Tier and Product by mouse: counts, include, exclude, chips and Clear all', async () => {
    await open('#/');
    await settled();
    const tier = dims.dimensions.tier[0];
    await page.getByRole('button', { name: 'Tier', exact: true }).click();
    const popover = page.getByTestId('filter-tier-popover');
    expect(await popover.locator('.filter-option').first().textContent()).toBe(`${tier.value}${formatCount(tier.events)}`);
    await popover.locator(`input[data-value="${tier.value}"]`).check();
    await untilHash(serializeView({ filter: { tier: [tier.value] } }));
    await expectPanelsEqual({ filter: { tier: [tier.value] } });
    // Product counts now follow the tier filter (getDimensions under the other filters).
    const underTier = (await api<DimensionsResponse>(web, 'getDimensions', { filter: { tier: [tier.value] } })).value;
    await page.getByRole('button', { name: 'Product', exact: true }).click();
    const product = underTier.dimensions.product[0];
    expect(await page.getByTestId('filter-product-popover').locator('.filter-option').first().textContent()).toBe(`${product.value}${formatCount(product.events)}`);
    await page.getByTestId('filter-product-popover').getByLabel('All but these').check();
    await page.getByTestId('filter-product-popover').locator(`input[data-value="${product.value}"]`).check();
    await untilHash(serializeView({ filter: { tier: [tier.value], exclude: { product: [product.value] } } }));
    await expectPanelsEqual({ filter: { tier: [tier.value], exclude: { product: [product.value] } } });
    expect(await page.getByRole('button', { name: 'Product', exact: true }).textContent()).toContain(`not ${product.value}`);
    await page.getByRole('button', { name: `Remove Tier: ${tier.value}` }).click();
    await untilHash(serializeView({ filter: { exclude: { product: [product.value] } } }));
    const region = dims.dimensions.region[1].value;
    await page.getByRole('button', { name: 'Region', exact: true }).click();
    await page.getByTestId('filter-region-popover').locator(`input[data-value="${region}"]`).check();
    await untilHash(serializeView({ filter: { region: [region], exclude: { product: [product.value] } } }));
    await shot('filter-bar-chips-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('filter-bar-chips-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await page.getByTestId('filter-clear-all').click();
    await untilHash('#/');
    await expectPanelsEqual({});
  });

  it('Channel by keyboard: Enter opens, type-ahead and Enter pick, Escape closes and returns focus', async () => {
    await open('#/');
    await settled();
    const channel = dims.dimensions.channel[0].value;
    await page.getByRole('button', { name: 'Channel', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search channel values');
    await page.keyboard.type(channel.slice(0, 3).toLowerCase());
    await page.keyboard.press('Enter');
    await untilHash(serializeView({ filter: { channel: [channel] } }));
    // Down to the list, Space toggles the value off again.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await untilHash('#/');
    await page.keyboard.press('Space');
    await untilHash(serializeView({ filter: { channel: [channel] } }));
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('filter-channel-popover').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Channel');
    // The chip's remove button works from the keyboard too.
    await page.getByRole('button', { name: `Remove Channel: ${channel}` }).focus();
    await page.keyboard.press('Enter');
    await untilHash('#/');
  });

  it('click to filter: a product in adoption, Alt-click excludes, again removes; a month sets its dates', async () => {
    await open('#/');
    await settled();
    const adoption = page.getByTestId('panel-product_adoption');
    const first = (await rows('product_adoption'))[0][0];
    const second = (await rows('product_adoption'))[1][0];
    expect(await adoption.getByRole('button', { name: first, exact: true }).getAttribute('title')).toContain('Click to filter');
    await adoption.getByRole('button', { name: first, exact: true }).click();
    await untilHash(serializeView({ filter: { product: [first] } }));
    await expectPanelsEqual({ filter: { product: [first] } });
    await adoption.getByRole('button', { name: first, exact: true }).click();
    await untilHash('#/');
    await page.getByTestId('panel-failure_rates').getByRole('button', { name: second, exact: true }).click({ modifiers: ['Alt'] });
    await untilHash(serializeView({ filter: { exclude: { product: [second] } } }));
    await expectPanelsEqual({ filter: { exclude: { product: [second] } } });
    await page.getByRole('button', { name: `Remove Product: not ${second}` }).click();
    await untilHash('#/');
    await page.getByTestId('panel-monthly_active_merchants').getByRole('button', { name: 'Feb 2024' }).click();
    await untilHash(serializeView({ filter: { from: '2024-02-01', to: '2024-02-29' } }));
    // The data ends on 18 Feb: the rest of the month is named as days without data, as a span.
    expect(await page.getByTestId('coverage-missing').textContent()).toBe('12 days have no data: 5, 19–29 Feb');
    await expectPanelsEqual({ filter: { from: '2024-02-01', to: '2024-02-29' } });
  });

  it('back and forward, and Ctrl+Z / Ctrl+Shift+Z, step through filter changes', async () => {
    await open('#/');
    await settled();
    const [a, b] = dims.dimensions.region.map((r) => r.value);
    await page.getByRole('button', { name: 'Region', exact: true }).click();
    await page.getByTestId('filter-region-popover').locator(`input[data-value="${a}"]`).check();
    const h1 = serializeView({ filter: { region: [a] } });
    await untilHash(h1);
    await page.getByTestId('filter-region-popover').locator(`input[data-value="${b}"]`).check();
    const h2 = serializeView({ filter: { region: [a, b] } });
    await untilHash(h2);
    await page.keyboard.press('Escape');
    await page.goBack();
    await untilHash(h1);
    await expectPanelsEqual({ filter: { region: [a] } });
    await page.goForward();
    await untilHash(h2);
    await expectPanelsEqual(await viewOfHash());
    await page.getByTestId('tab-dashboard').focus();
    await page.keyboard.press('Control+z');
    await untilHash(h1);
    await page.keyboard.press('Control+z');
    await untilHash('#/');
    await expectPanelsEqual({});
    // Undo stops where the app started instead of leaving the page.
    await page.keyboard.press('Control+z');
    await settled();
    expect(await hash()).toBe('#/');
    await page.keyboard.press('Control+Shift+z');
    await untilHash(h1);
    expect(await page.getByRole('button', { name: 'Region', exact: true }).textContent()).toContain(a);
    expect(pageErrors).toEqual([]);
  });

  // Issue 10 asks the window's speed recorded in the e2e run, without timed assertions: the figures go
  // to test-results/e2e-window-speed.json (the year's figures come from bench/window-speed.ts, which
  // measures the same way). What is asserted is that every change shows its answer.
  it('records filter change to painted over random changes, and every change shows its answer', async () => {
    await open('#/');
    await settled();
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks?: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks!.push(e.duration))).observe({ type: 'longtask' });
    });
    const rnd = new Random(3);
    const painted: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < 30; i++) {
      const { filter, compare } = randomFilter(rnd, dayNumber(dims.first_date!)!, dayNumber(dims.last_date!)!, dimensionValues(dims));
      const [p, a] = await changeView(page, filter, compare);
      expect(Number.isNaN(p), `change ${i} never showed its answer`).toBe(false);
      painted.push(p);
      answered.push(a);
    }
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const figures = {
      changes: painted.length,
      painted_ms: spread(painted),
      last_answer_arrived_ms: spread(answered),
      long_tasks: { count: longTasks.length, over_50_ms: longTasks.filter((t) => t > 50).length },
    };
    fs.writeFileSync(path.join(ARTIFACTS, 'e2e-window-speed.json'), JSON.stringify(figures, null, 2));
    console.log(`window speed (e2e data set): ${JSON.stringify(figures)}`);
    expect(pageErrors).toEqual([]);
  });
});
