// Drill to the rows end to end, in real Chromium against browser mode over a generated data set
// imported through the CLI: every metric's number opens a drawer whose totals equal that number (and
// the engine's own getEvents answer for README's request), by keyboard and by double-click; the CSV
// export holds exactly those rows. Then Ctrl+K to a merchant's profile by keyboard, its numbers equal
// to getMerchant under the same filter, and the profile's URL opening the same view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { EventsRequest, EventsResponse, MerchantResponse, SearchMerchantsResponse } from '../../shared/exploring';
import type { MetricsResponse } from '../../shared/metrics';
import type { MetricFilter } from '../../shared/filter';
import { formatCount, formatDate, formatNaira, formatPercent } from '../../shared/format';
import { serializeRoute, serializeView } from '../../shared/url-state.js';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/chromium';
import { api, assertBuilt, CLI_JS, ROOT, startWeb, type RunningWeb } from './helpers/web-server';
import { makeDataset } from './helpers/data';

const ARTIFACTS = path.join(ROOT, 'test-results');

describe.skipIf(!hasChromium)(`drill to the rows end to end${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let tmp: string;
  let web: RunningWeb;
  let browser: Browser;
  let page: Page;
  let region: string;
  let filter: MetricFilter;
  let metrics: MetricsResponse;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-e2e-drill-'));
    const db = path.join(tmp, 'analytics.db');
    // Six weeks over two months, so a month drill meets the range's edges.
    const data = makeDataset(path.join(tmp, 'data'), { days: 42, rowsPerDay: 300, startDate: '2024-01-01', seed: 33 });
    execFileSync(process.execPath, [CLI_JS, 'import', '--db', db, '--json', data.dir], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
    web = await startWeb(db);
    const dims = (await api<{ dimensions: { region: { value: string }[] } }>(web, 'getDimensions', {})).value;
    region = dims.dimensions.region[0].value;
    filter = { from: '2024-01-10', to: '2024-02-05', region: [region] };
    metrics = (await api<MetricsResponse>(web, 'getMetrics', { filter })).value;
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${web.url}${serializeView({ filter })}`);
    await page.waitForSelector('[data-testid="dashboard"][data-pending="false"] [data-testid="filter-bar"][data-pending="false"]');
    await page.waitForSelector('[data-testid="panel-product_adoption"][data-state="data"]:not([aria-busy])');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const events = async (req: EventsRequest) => (await api<EventsResponse>(web, 'getEvents', { ...req, limit: 1 })).value;
  const drawer = () => page.getByTestId('drill-drawer');
  const counted = async () => {
    await page.waitForSelector('[data-testid="drill-counts"][data-ready="true"]');
    return {
      total: await page.getByTestId('drill-total').textContent(),
      merchants: await page.getByTestId('drill-merchants').textContent(),
      amount: await page.getByTestId('drill-amount').textContent(),
    };
  };
  /** Closes with Escape and checks focus went back to the element that opened it. */
  const closeBackTo = async (opener: Locator) => {
    await page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  };
  const row = (panel: string, i: number) => page.getByTestId(`panel-${panel}`).locator('tbody tr').nth(i);
  const enterOn = async (target: Locator) => {
    await target.focus();
    await page.keyboard.press('Enter');
    await drawer().waitFor();
  };

  it('the top merchant headline (double-click) and a top-merchants row (Enter): the volume equals the amount behind it', async () => {
    const top = metrics.metrics.top_merchant!;
    const headline = page.getByTestId('top-merchant-headline');
    await headline.dblclick();
    await drawer().waitFor();
    const c = await counted();
    expect(c.amount).toBe(formatNaira(top.total_volume));
    expect(await page.getByTestId('drill-match').getAttribute('data-match')).toBe('true');
    expect(await page.getByTestId('drill-filter').textContent()).toContain(`Region: ${region}`);
    expect(await page.getByTestId('drill-conditions').textContent()).toBe(`Events: Merchant: ${top.merchant_id} · Status: SUCCESS · With a valid amount`);
    const engine = await events({ filter, merchant: top.merchant_id, status: ['SUCCESS'], with_amount: true });
    expect(c.total).toBe(formatCount(engine.total));
    await page.waitForSelector('[data-testid="event-row"] [role="cell"]:not(.event-row-loading)');
    expect(await page.getByTestId('event-row').first().textContent()).toContain(top.merchant_id);
    await page.screenshot({ path: path.join(ARTIFACTS, 'drill-top-merchant-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'drill-top-merchant-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await closeBackTo(headline);

    const second = metrics.metrics.top_merchants[1];
    await enterOn(row('top_merchants', 1));
    expect((await counted()).amount).toBe(formatNaira(second.total_volume));
    await closeBackTo(row('top_merchants', 1));
  });

  it('a month of active merchants: the merchants behind it equal the count, the dates are the filter ∩ the month', async () => {
    const [month, n] = Object.entries(metrics.metrics.monthly_active_merchants)[0];
    expect(month).toBe('2024-01');
    await enterOn(row('monthly_active_merchants', 0));
    expect((await counted()).merchants).toBe(formatCount(n));
    expect(await page.getByTestId('drill-filter').textContent()).toContain('10 Jan 2024 – 31 Jan 2024');
    const engine = await events({ filter: { ...filter, to: '2024-01-31' }, status: ['SUCCESS'] });
    expect(engine.merchants).toBe(n);
    await closeBackTo(row('monthly_active_merchants', 0));
  });

  it('product adoption: every product row\'s merchants equal its count', async () => {
    const entries = Object.entries(metrics.metrics.product_adoption);
    for (let i = 0; i < entries.length; i++) {
      await enterOn(row('product_adoption', i));
      expect((await counted()).merchants, entries[i][0]).toBe(formatCount(entries[i][1]));
      expect(await page.getByTestId('drill-match').getAttribute('data-match')).toBe('true');
      await closeBackTo(row('product_adoption', i));
    }
  });

  it('each KYC funnel step (double-click): its merchants equal the step; "not the next" equals the engine\'s kyc_not_next', async () => {
    const steps = ['documents_submitted', 'verifications_completed', 'tier_upgrades'] as const;
    for (let i = 0; i < steps.length; i++) {
      const step = page.getByTestId('funnel-step').nth(i);
      await step.dblclick();
      await drawer().waitFor();
      expect((await counted()).merchants, steps[i]).toBe(formatCount(metrics.metrics.kyc_funnel[steps[i]]));
      if (i < steps.length - 1) {
        await page.getByLabel('Reached it, not the next step').check();
        await page.waitForSelector('[data-testid="drill-conditions"]:has-text("did not reach the next step")');
        const engine = await events({ filter, kyc_step: steps[i], kyc_not_next: true });
        expect((await counted()).merchants).toBe(formatCount(engine.merchants));
      }
      await closeBackTo(step);
    }
  });

  it('a failure rate: the failed and successful totals are the engine\'s and give the rate clicked', async () => {
    const r = metrics.metrics.failure_rates[0];
    await enterOn(row('failure_rates', 0));
    await page.waitForSelector('[data-testid="drill-rate"]');
    const f = { ...filter, product: [r.product] };
    const failed = await events({ filter: f, status: ['FAILED'] });
    const ok = await events({ filter: f, status: ['SUCCESS'] });
    expect(await page.getByTestId('drill-rate').textContent()).toContain(`${formatCount(failed.total)} failed, ${formatCount(ok.total)} successful: ${formatPercent(r.failure_rate)}`);
    expect((await counted()).total).toBe(formatCount(failed.total));
    await closeBackTo(row('failure_rates', 0));
  });

  it('Export CSV saves exactly the rows behind the number', async () => {
    const [product, n] = Object.entries(metrics.metrics.product_adoption)[0];
    await enterOn(row('product_adoption', 0));
    const c = await counted();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('drill-export').click()]);
    // The name says the rows and the filter they were taken under (the drill's own product included).
    expect(download.suggestedFilename()).toBe(`events_product_adoption_${product} ${filter.from}_${filter.to} region-${region} product-${product}.csv`);
    const file = path.join(tmp, 'export.csv');
    await download.saveAs(file);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(formatCount(lines.length - 1)).toBe(c.total);
    const merchants = new Set(lines.slice(1).map((l) => l.split(',')[1]));
    expect(merchants.size).toBe(n);
    await closeBackTo(row('product_adoption', 0));
    expect(pageErrors).toEqual([]);
  });

  /** The profile's numbers against getMerchant's answer for the same merchant and filter. */
  async function expectProfileEqual(id: string) {
    await page.waitForSelector(`[data-testid="merchant-profile"][data-merchant="${id}"][data-pending="false"] [data-testid="profile-summary"]`);
    const m = (await api<MerchantResponse>(web, 'getMerchant', { merchant_id: id, filter })).value;
    expect(await page.getByTestId('profile-volume').textContent()).toBe(formatNaira(m.volume));
    expect(await page.getByTestId('profile-rank').textContent()).toBe(`${formatCount(m.rank!)} of ${formatCount(m.ranked_merchants)}`);
    expect(await page.getByTestId('profile-events-count').textContent()).toBe(formatCount(m.events));
    for (const s of ['SUCCESS', 'FAILED', 'PENDING'] as const) expect(await page.getByTestId(`profile-status-${s}`).textContent()).toBe(formatCount(m.events_by_status[s]));
    const products = await page.$$eval('[data-testid="profile-products"] tbody tr', (trs) => trs.map((r) => r.querySelector('td')!.textContent));
    expect(products).toEqual(m.products.map((p) => p.product));
    expect(await page.getByTestId('profile-regions').locator('tbody tr').count()).toBe(m.regions.length);
    expect(await page.getByTestId('profile-months').getAttribute('data-months')).toBe(String(m.months.length));
    expect(await page.getByTestId('profile-dates').textContent()).toBe(`${formatDate(m.first_date)} – ${formatDate(m.last_date)}`);
    // Its events: as many as getMerchant counts.
    await page.waitForSelector('[data-testid="profile-events-total"]:not(:empty)');
    expect(await page.getByTestId('profile-events-total').textContent()).toBe(formatCount(m.events));
    return m;
  }

  it('Ctrl+K, type part of an id, arrows and Enter: the profile under the same filter equals getMerchant', async () => {
    const target = metrics.metrics.top_merchants[2].merchant_id;
    const query = target.slice(-4);
    const found = (await api<SearchMerchantsResponse>(web, 'searchMerchants', { query, limit: 10 })).value.merchants.map((x) => x.merchant_id);
    const at = found.indexOf(target);
    expect(at).toBeGreaterThanOrEqual(0);
    await page.getByTestId('panel-top_merchants').focus().catch(() => {});
    await page.keyboard.press('Control+k');
    await page.getByTestId('merchant-search').waitFor();
    await page.keyboard.type(query);
    await page.waitForSelector(`[data-testid="merchant-options"][data-settled="true"] [role="option"]`);
    expect(await page.getByTestId('merchant-options').getByRole('option').count()).toBe(found.length);
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction((h) => window.location.hash === h, serializeRoute({ filter }, target));
    await expectProfileEqual(target);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-title');
    await page.screenshot({ path: path.join(ARTIFACTS, 'merchant-profile-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'merchant-profile-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    // Back leaves the profile for the dashboard of the same view.
    await page.goBack();
    await page.waitForFunction((h) => window.location.hash === h, serializeView({ filter }));
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('merchant-profile').count()).toBe(0);
  });

  it('the profile\'s URL opens the same profile on a fresh page', async () => {
    const id = metrics.metrics.top_merchant!.merchant_id;
    const fresh = await page.context().newPage();
    const keep = page;
    page = fresh;
    try {
      await page.goto(`${web.url}${serializeRoute({ filter }, id)}`);
      await expectProfileEqual(id);
      expect(await page.getByRole('button', { name: 'Region', exact: true }).textContent()).toContain(region);
    } finally {
      page = keep;
      await fresh.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it('a merchant id in the drawer opens that merchant\'s profile under the dashboard\'s filter', async () => {
    await page.goto(`${web.url}${serializeView({ filter })}`);
    await page.waitForSelector('[data-testid="panel-top_merchants"][data-state="data"]:not([aria-busy])');
    await enterOn(page.getByTestId('panel-product_adoption').locator('tbody tr').first());
    await counted();
    const first = page.getByTestId('event-merchant').first();
    await first.waitFor();
    const id = (await first.textContent())!;
    await first.click();
    await drawer().waitFor({ state: 'detached' });
    // The drill's product narrowing belongs to the drill; the profile keeps the dashboard's view.
    await page.waitForFunction((h) => window.location.hash === h, serializeRoute({ filter }, id));
    await expectProfileEqual(id);
    expect(pageErrors).toEqual([]);
  });
});

