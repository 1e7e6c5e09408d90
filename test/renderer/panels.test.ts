// The dashboard's pieces in real Chromium: every panel's loading, error, empty and data states, the
// exact formatting of its numbers, its chart, its definition; the import summary, progress and history.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { METRIC_DEFINITIONS } from '../../shared/metric-definitions';
import { hasChromium, SKIP_MESSAGE } from '../e2e/helpers/chromium';
import { useHarness } from './harness/open';
import { EMPTY_METRICS, HISTORY, METRICS, METRICS_COMPARE, SUMMARY } from './fixtures';

describe.skipIf(!hasChromium)(`renderer components in Chromium${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  const getPage = useHarness();
  let page: Page;
  beforeAll(() => {
    page = getPage();
  });

  const panel = (name: string) => page.locator(`[data-testid="panel-${name}"]`);
  const cells = (name: string) =>
    page.$$eval(`[data-testid="panel-${name}"] tbody tr`, (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent)));

  it('shows a loading skeleton while metrics load', async () => {
    for (const name of Object.keys(METRIC_DEFINITIONS)) {
      await page.evaluate((n) => window.harness.panel(n as never, { status: 'loading' }), name);
      expect(await panel(name).getAttribute('data-state')).toBe('loading');
      expect(await panel(name).locator('[aria-busy="true"]').count()).toBe(1);
      expect(await panel(name).locator('table').count()).toBe(0);
    }
  });

  it('shows the error in words with a working Try again', async () => {
    await page.evaluate(() => window.harness.panel('failure_rates', { status: 'error', error: 'The database file is locked by another program.' }));
    expect(await panel('failure_rates').getAttribute('data-state')).toBe('error');
    expect(await panel('failure_rates').getByRole('alert').textContent()).toContain('The database file is locked by another program.');
    await panel('failure_rates').getByRole('button', { name: 'Try again' }).click();
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('retry:failure_rates');
  });

  it('keeps the earlier numbers visible when a refresh fails', async () => {
    await page.evaluate((m) => window.harness.panel('failure_rates', { status: 'error', error: 'Refresh failed.', data: m }), METRICS);
    expect(await panel('failure_rates').getAttribute('data-state')).toBe('data');
    expect(await panel('failure_rates').textContent()).toContain('Showing earlier numbers: Refresh failed.');
    expect((await cells('failure_rates'))[0]).toEqual(['AIRTIME', '5.3%']);
  });

  it('says so when a metric has no data, and disables its export', async () => {
    const expected: Record<string, string> = {
      top_merchants: 'No successful events with an amount yet.',
      monthly_active_merchants: 'No successful events with a valid date yet.',
      product_adoption: 'No events yet.',
      kyc_funnel: 'No successful KYC events yet.',
      failure_rates: 'No successful or failed events yet.',
    };
    for (const [name, text] of Object.entries(expected)) {
      await page.evaluate(([n, m]) => window.harness.panel(n as never, { status: 'ready', data: m as never }), [name, EMPTY_METRICS] as const);
      expect(await panel(name).getAttribute('data-state')).toBe('empty');
      expect(await panel(name).textContent()).toContain(text);
      expect(await panel(name).getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
    }
  });

  it('top merchant: headline in naira to the kobo, chart and table of the top 10', async () => {
    await page.evaluate((m) => window.harness.panel('top_merchants', { status: 'ready', data: m }), METRICS);
    expect(await page.getByTestId('top-merchant-id').textContent()).toBe('MRC-009405');
    expect(await page.getByTestId('top-merchant-volume').textContent()).toBe('₦151,233,885.45');
    expect(await cells('top_merchants')).toEqual([
      ['1', 'MRC-009405', '₦151,233,885.45'],
      ['2', 'MRC-000543', '₦22,458,810.39'],
      ['3', 'MRC-008256', '₦19,321,084.20'],
    ]);
    const [chart] = await page.evaluate(() => window.harness.charts());
    expect(chart.labels).toEqual(['MRC-009405', 'MRC-000543', 'MRC-008256']);
    expect(chart.values).toEqual([151233885.45, 22458810.39, 19321084.2]);
    await panel('top_merchants').getByRole('button', { name: 'Export CSV' }).click();
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('export:top_merchants');
  });

  it('monthly active merchants: months in words, counts with separators, a line over time', async () => {
    await page.evaluate((m) => window.harness.panel('monthly_active_merchants', { status: 'ready', data: m }), METRICS);
    expect(await cells('monthly_active_merchants')).toEqual([
      ['Jan 2024', '9,776'],
      ['Feb 2024', '9,801'],
      ['Mar 2024', '10,012'],
    ]);
    const [chart] = await page.evaluate(() => window.harness.charts());
    expect(chart.labels).toEqual(['Jan 2024', 'Feb 2024', 'Mar 2024']);
    expect(chart.values).toEqual([9776, 9801, 10012]);
  });

  it('product adoption: horizontal bars sorted descending', async () => {
    await page.evaluate((m) => window.harness.panel('product_adoption', { status: 'ready', data: m }), METRICS);
    const [chart] = await page.evaluate(() => window.harness.charts());
    expect(chart.horizontal).toBe(true);
    expect(chart.labels).toEqual(['BILLS', 'POS', 'AIRTIME', 'KYC']);
    expect(chart.values).toEqual([4327, 4314, 2564, 1752]);
    expect(await cells('product_adoption')).toContainEqual(['BILLS', '4,327']);
  });

  it('a comparison turns a chart full width: it draws the answer once, at the new width', async () => {
    await page.evaluate((m) => window.harness.panel('failure_rates', { status: 'ready', data: m }), METRICS);
    await page.waitForSelector('[data-testid="panel-failure_rates"] canvas');
    await page.waitForFunction(() => !document.querySelector('[data-drawing]'));
    const narrow = await page.evaluate(() => document.querySelector('[data-testid="panel-failure_rates"] canvas')!.parentElement!.clientWidth);
    for (const [m, datasets] of [[METRICS_COMPARE, 2], [METRICS, 1]] as const) {
      const r = await page.evaluate((next) => window.harness.redraw('failure_rates', { status: 'ready', data: next }), m);
      expect(r.datasets).toBe(datasets);
      if (datasets === 2) expect(r.box).toBeGreaterThan(narrow);
      else expect(r.box).toBe(narrow);
      expect(r.chart).toBe(r.box);
      expect(r.draws).toBe(1);
    }
  });

  it('KYC funnel: three steps with the conversion between them', async () => {
    await page.evaluate((m) => window.harness.panel('kyc_funnel', { status: 'ready', data: m }), METRICS);
    expect(await cells('kyc_funnel')).toEqual([
      ['Documents submitted', '1,147', '—'],
      ['Verifications completed', '947', '82.6%'],
      ['Tier upgrades', '512', '54.1%'],
    ]);
    const funnel = await page.$$eval('.funnel-step', (steps) => steps.map((s) => s.textContent));
    // "continued", not a downward arrow (which read as a drop of that size).
    expect(funnel).toEqual(['1,147Documents submitted', '82.6% continued947Verifications completed', '54.1% continued512Tier upgrades']);
    // Bars are as wide as their share of the first step.
    const widths = await page.$$eval('.funnel-bar', (bars) => bars.map((b) => b.getBoundingClientRect().width));
    expect(widths[0]).toBeGreaterThan(widths[1]);
    expect(widths[1]).toBeGreaterThan(widths[2]);
  });

  it('failure rates: one decimal with a percent sign, in the engine order', async () => {
    await page.evaluate((m) => window.harness.panel('failure_rates', { status: 'ready', data: m }), METRICS);
    expect(await cells('failure_rates')).toEqual([
      ['AIRTIME', '5.3%'],
      ['POS', '5.0%'],
      ['KYC', '4.8%'],
    ]);
    const [chart] = await page.evaluate(() => window.harness.charts());
    expect(chart.labels).toEqual(['AIRTIME', 'POS', 'KYC']);
  });

  it('each info button states the exact definition; Escape hides it', async () => {
    for (const [name, def] of Object.entries(METRIC_DEFINITIONS)) {
      await page.evaluate(([n, m]) => window.harness.panel(n as never, { status: 'ready', data: m as never }), [name, METRICS] as const);
      const button = panel(name).getByRole('button', { name: `How ${def.title} is calculated` });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await button.click();
      expect(await panel(name).getByTestId('definition').locator('p').textContent()).toBe(def.definition);
      await button.press('Escape');
      expect(await panel(name).getByTestId('definition').count()).toBe(0);
    }
  });

  it('import summary: files, rows, reasons and failed files with their messages', async () => {
    await page.evaluate(() => window.harness.stubActions());
    await page.evaluate((s) => window.harness.summary(s, '2 files not ending in .csv were left out.'), SUMMARY);
    const s = page.getByTestId('import-summary');
    expect(await s.getByTestId('summary-imported').textContent()).toBe('3');
    expect(await s.getByTestId('summary-unchanged').textContent()).toBe('1');
    expect(await s.getByTestId('summary-failed').textContent()).toBe('1');
    expect(await s.getByTestId('summary-accepted').textContent()).toBe('76,935');
    expect(await s.getByTestId('summary-rejected').textContent()).toBe('8');
    const text = await s.textContent();
    expect(text).toContain('Invalid product 5');
    expect(text).toContain('Missing merchant id 3');
    expect(text).toContain('Invalid timestamp 14');
    expect(text).toContain('Invalid amount 15');
    expect(text).toContain('activities_20240104.csv: The file has no amount, status column.');
    expect(text).toContain('2 files not ending in .csv were left out.');
    await s.getByTestId('open-rejected').click();
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('rejected:7');
  });

  it('import summary: a drop without CSV files says so', async () => {
    const none = { ...SUMMARY, rejected: 0, accepted: 0, files: { imported: 0, unchanged: 0, failed: 0, cancelled: 0, ignored: 2 }, file_records: [], rejected_by_reason: {}, warnings_by_reason: {} };
    await page.evaluate((s) => window.harness.summary(s, null), none);
    expect(await page.getByTestId('import-summary').getByRole('alert').textContent()).toContain('No CSV files were found in what you chose (2 other files ignored)');
  });

  it('progress: bytes, speed, time left, current file, counts and Cancel', async () => {
    await page.evaluate(() => window.harness.stubActions());
    await page.evaluate(() =>
      window.harness.withStore(
        {
          phase: 'importing',
          progress: {
            import_id: 3, files_done: 4, files_total: 12, bytes_done: 512 * 1024 * 1024, bytes_total: 1024 * 1024 * 1024, rows_read: 1_000_000,
            accepted: 999_000, duplicates: 700, rejected: 300, rows_per_second: 812_345.6, seconds_left: 75, current_file: '/data/2024/activities_20240105.csv',
          },
        },
        'progress',
      ),
    );
    expect(await page.getByTestId('progress-bar').getAttribute('aria-valuenow')).toBe('50');
    expect(await page.getByTestId('progress-bytes').textContent()).toBe('512.0 MB of 1.0 GB · file 5 of 12 · 812,346 rows/s · 1 min 15 s left');
    expect(await page.getByTestId('progress-file').textContent()).toBe('activities_20240105.csv');
    expect(await page.getByTestId('progress-accepted').textContent()).toBe('999,000');
    expect(await page.getByTestId('progress-duplicates').textContent()).toBe('700');
    expect(await page.getByTestId('progress-rejected').textContent()).toBe('300');
    await page.getByTestId('cancel-import').click();
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('cancel');
  });

  it('history: files by date with the missing days highlighted where they fall', async () => {
    await page.evaluate(() => window.harness.stubActions());
    await page.evaluate((h) => window.harness.history(h), HISTORY);
    const rows = await page.$$eval('[data-testid="sources-table"] tbody tr', (trs) => trs.map((tr) => `${tr.className}|${tr.querySelector('td')?.textContent}`));
    expect(rows).toEqual(['|1 Jan 2024', '|2 Jan 2024', 'row-missing|3 Jan 2024', 'row-missing|4 Jan 2024', '|5 Jan 2024']);
    expect(await page.getByTestId('missing-days').textContent()).toBe('2 days without a file inside the covered range: 3 Jan 2024, 4 Jan 2024.');
  });

  it('history: "Forget this file" asks first; Escape and Enter keep the file, the Forget button forgets it', async () => {
    await page.evaluate(() => window.harness.stubActions());
    await page.evaluate((h) => window.harness.history(h), HISTORY);
    const before = await page.evaluate(() => window.harness.calls.length);
    await page.getByRole('button', { name: 'Forget this file' }).first().click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('24,000 rows of activities_20240101.csv will be removed');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => window.harness.calls.length)).toBe(before);
    await page.getByRole('button', { name: 'Forget this file' }).first().click();
    // Focus starts on Cancel (a destructive action is never one Enter away): Enter keeps the file too.
    await page.keyboard.press('Enter');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => window.harness.calls.length)).toBe(before);
    await page.getByRole('button', { name: 'Forget this file' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Forget' }).click();
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('forget:1:activities_20240101.csv');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('follows the system theme: dark colours in dark mode', async () => {
    await page.evaluate((m) => window.harness.panel('failure_rates', { status: 'ready', data: m }), METRICS);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await panel('failure_rates').evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await panel('failure_rates').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).toBe('rgb(30, 34, 40)');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('dashboard: the empty state invites a first import', async () => {
    await page.evaluate((m) => window.harness.withStore({ metrics: { status: 'ready', data: m }, phase: 'idle', summary: null }, 'dashboard'), EMPTY_METRICS);
    const empty = page.getByTestId('empty-state');
    expect(await empty.getByRole('heading').textContent()).toBe('Drop your activity exports here');
    expect(await empty.getByRole('button').textContent()).toMatch(/^Choose folders?…$/);
    // Below it, the import view also offers to watch a folder (browser mode: a path field).
    const watched = page.getByTestId('watched-folders');
    expect(await watched.getByRole('heading').textContent()).toBe('Watched folders');
    expect(await watched.getByTestId('watch-add').textContent()).toBe('Watch this folder');
  });
});
