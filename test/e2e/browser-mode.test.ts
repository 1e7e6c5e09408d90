// End to end in real Chromium against browser mode (npm run web): an analyst's whole session, checked
// against the engine's own answers (the CLI on the same database file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, FileChooser, Page } from 'playwright-core';
import type { Metrics } from '../../shared/metrics';
import type { RejectedRowsPage } from '../../shared/importing';
import type { CsvFile } from '../../shared/api';
import { formatCount, formatMonth, formatNaira, formatPercent, formatRatio } from '../../shared/format';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/chromium';
import { api, assertBuilt, ROOT, startWeb, type RunningWeb } from './helpers/web-server';
import { cliMetrics } from './helpers/cli';
import { hasPdftotext } from './helpers/poppler';
import { makeDataset, type Dataset } from './helpers/data';

const ARTIFACTS = path.join(ROOT, 'test-results');

describe.skipIf(!hasChromium)(`browser mode end to end${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let tmp: string;
  let db: string;
  let small: Dataset;
  let big: Dataset;
  let web: RunningWeb;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const choosers: FileChooser[] = [];
  const chooserWaiters: ((c: FileChooser) => void)[] = [];
  /** The next file picker the page opens. */
  const nextChooser = (): Promise<FileChooser> => {
    const c = choosers.shift();
    return c ? Promise.resolve(c) : new Promise((resolve) => chooserWaiters.push(resolve));
  };

  beforeAll(async () => {
    assertBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-e2e-'));
    db = path.join(tmp, 'analytics.db');
    // Four days with 3 Jan missing, and a file that is not CSV.
    small = makeDataset(path.join(tmp, 'january'), {
      days: 5, rowsPerDay: 1500, startDate: '2024-01-01', seed: 11, skipDays: ['2024-01-03'], extraFiles: { 'notes.txt': 'not data\n' },
    });
    // Large enough that an import takes a few seconds, so it can be watched and cancelled half-way.
    big = makeDataset(path.join(tmp, 'march'), { days: 40, rowsPerDay: 27_050, startDate: '2024-03-01', seed: 12 });
    web = await startWeb(db);
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Playwright starts intercepting file pickers only once a listener exists, asynchronously: one
    // listener for the page's whole life, so no click can open (and headless, cancel) a real dialog.
    page.on('filechooser', (c) => {
      const waiter = chooserWaiters.shift();
      if (waiter) waiter(c);
      else choosers.push(c);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      try {
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
      } catch {
        /* not supported */
      }
    });
  });

  afterAll(async () => {
    if (page) {
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks).catch(() => []);
      fs.writeFileSync(path.join(ARTIFACTS, 'e2e-long-tasks.json'), JSON.stringify({ count: longTasks.length, max_ms: Math.max(0, ...longTasks), all_ms: longTasks }, null, 2));
    }
    await browser?.close();
    await web?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const panelRows = (name: string) =>
    page.$$eval(`[data-testid="panel-${name}"] tbody tr`, (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '')));

  async function expectDashboardEquals(m: Metrics) {
    await page.getByTestId('tab-dashboard').click();
    await page.waitForSelector('[data-testid="panel-top_merchants"][data-state="data"]');
    expect(await page.getByTestId('top-merchant-id').textContent()).toBe(m.top_merchant!.merchant_id);
    expect(await page.getByTestId('top-merchant-volume').textContent()).toBe(formatNaira(m.top_merchant!.total_volume));
    expect(await panelRows('top_merchants')).toEqual(m.top_merchants.map((r, i) => [String(i + 1), r.merchant_id, formatNaira(r.total_volume)]));
    expect(await panelRows('monthly_active_merchants')).toEqual(Object.entries(m.monthly_active_merchants).map(([k, v]) => [formatMonth(k), formatCount(v)]));
    expect(await panelRows('product_adoption')).toEqual(Object.entries(m.product_adoption).map(([k, v]) => [k, formatCount(v)]));
    const k = m.kyc_funnel;
    expect(await panelRows('kyc_funnel')).toEqual([
      ['Documents submitted', formatCount(k.documents_submitted), '—'],
      ['Verifications completed', formatCount(k.verifications_completed), formatRatio(k.verifications_completed, k.documents_submitted)],
      ['Tier upgrades', formatCount(k.tier_upgrades), formatRatio(k.tier_upgrades, k.verifications_completed)],
    ]);
    expect(await panelRows('failure_rates')).toEqual(m.failure_rates.map((r) => [r.product, formatPercent(r.failure_rate)]));
  }

  it('the bridge refuses API calls without the token and serves only loopback names', async () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect((await fetch(`${web.origin}/api/getMetrics`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${web.origin}/api/getMetrics?token=wrong${web.token}`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${web.origin}/api/events`)).status).toBe(401);
    expect((await fetch(`${web.origin}/api/upload?path=a.csv`, { method: 'PUT', body: 'x' })).status).toBe(401);
    const okRes = await api(web, 'getMetrics');
    expect(okRes.ok).toBe(true);
    // Paths outside what the page uploaded are not importable from a browser.
    const outside = await api(web, 'importPaths', { paths: [small.dir] });
    expect(outside).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const invalid = await api(web, 'getRejectedRows', { limit: -3 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const home = await fetch(web.url);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('first run shows the empty state with "Choose folder…"', async () => {
    await page.goto(web.url);
    await page.waitForSelector('[data-testid="empty-state"]');
    expect(await page.getByTestId('empty-state').getByRole('button').textContent()).toBe('Choose folder…');
    await shot('empty-state');
  });

  it('a drop without CSV files says so', async () => {
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['hello'], 'readme.txt', { type: 'text/plain' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('[data-testid="toast-error"]');
    expect(await page.getByTestId('toast-error').textContent()).toContain('There is no CSV file in what you dropped');
    await page.getByTestId('toast-error').getByRole('button', { name: 'Dismiss' }).click();
  });

  it('dropping a folder shows drag feedback, imports it, and every panel equals the engine', async () => {
    const files = [...small.files, path.join(small.dir, 'notes.txt')].map((f) => ({ name: path.basename(f), content: fs.readFileSync(f, 'latin1') }));
    await page.evaluate((fs_) => {
      const dt = new DataTransfer();
      for (const f of fs_) dt.items.add(new File([f.content], f.name, { type: 'text/csv' }));
      (window as unknown as { __drop: DataTransfer }).__drop = dt;
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    await page.waitForSelector('[data-testid="drop-overlay"]');
    await shot('drag-feedback');
    await page.evaluate(() => {
      const dt = (window as unknown as { __drop: DataTransfer }).__drop;
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    expect(await page.getByTestId('drop-overlay').count()).toBe(0);
    await page.waitForSelector('[data-testid="import-summary"]', { timeout: 120_000 });
    const summary = page.getByTestId('import-summary');
    expect(await summary.getByTestId('summary-imported').textContent()).toBe('4');
    expect(await summary.textContent()).toContain('1 file not ending in .csv was left out.');

    const m = cliMetrics(db);
    await expectDashboardEquals(m);
    const history = (await api<{ sources: unknown[] }>(web, 'getHistory')).value;
    expect(history.sources).toHaveLength(4);
    expect(await page.getByTestId('coverage-files').textContent()).toBe('4 files');
    expect(await page.getByTestId('coverage-range').textContent()).toBe('1 Jan 2024 – 5 Jan 2024');
    await shot('dashboard-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('dashboard-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('the rejected rows view lists every rejected and warned row with file, line, reason and raw text', async () => {
    await page.getByTestId('open-rejected').click();
    await page.waitForSelector('[data-testid="rejected-view"] tbody tr');
    const engine = (await api<RejectedRowsPage>(web, 'getRejectedRows', { kind: 'all', offset: 0, limit: 100 })).value;
    expect(engine.total).toBeGreaterThan(0);
    expect(await page.getByTestId('rejected-total').textContent()).toBe(`${formatCount(engine.total)} ${engine.total === 1 ? 'row' : 'rows'}`);
    const shown = await page.$$eval('[data-testid="rejected-view"] tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(shown).toHaveLength(Math.min(100, engine.total));
    expect(shown[0][0]).toBe(path.basename(engine.rows[0].path));
    expect(shown[0][1]).toBe(formatCount(engine.rows[0].line));
    expect(shown[0][4]).toBe(engine.rows[0].raw);
    await page.getByTestId('rejected-kind').selectOption('rejected');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="rejected-total"]')?.textContent?.startsWith(n) ?? document.body.textContent?.includes('No rows were rejected'),
      formatCount((await api<RejectedRowsPage>(web, 'getRejectedRows', { kind: 'rejected' })).value.total),
    );
    await shot('rejected-rows');
    const download = page.waitForEvent('download');
    await page.getByTestId('rejected-kind').selectOption('all');
    await page.getByTestId('rejected-view').getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8');
    const engineCsv = (await api<CsvFile>(web, 'getCsv', { target: 'rejected_rows' })).value;
    expect(csv).toBe(engineCsv.content);
  });

  it("a panel's Export CSV downloads exactly the engine's table, matching what is shown", async () => {
    await page.getByTestId('tab-dashboard').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('panel-failure_rates').getByRole('button', { name: 'Export CSV' }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('failure_rates.csv');
    const csv = fs.readFileSync((await d.path())!, 'utf8');
    const engineCsv = (await api<CsvFile>(web, 'getCsv', { target: 'failure_rates' })).value;
    expect(csv).toBe(engineCsv.content);
    const lines = csv.trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    expect(lines.map(([p, r]) => [p, formatPercent(Number(r))])).toEqual(await panelRows('failure_rates'));
  });

  it.skipIf(!hasPdftotext)('the report prints to PDF (A4 and Letter) with every number findable by pdftotext', async () => {
    const m = cliMetrics(db);
    for (const size of ['A4', 'Letter'] as const) {
      const report = await context.newPage();
      await report.goto(`${web.url}#/report?page=${size}`);
      await report.waitForSelector('body[data-report-ready="true"]', { state: 'attached', timeout: 60_000 });
      const pdfPath = path.join(ARTIFACTS, `report-${size}.pdf`);
      await report.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
      await report.close();
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
      expect(info).toMatch(size === 'A4' ? /Page size:.*\(A4\)/ : /Page size:\s+612 x 792 pts \(letter\)/);
      expect(text).toContain('Merchant Analytics report');
      expect(text).toMatch(/Generated \d+ \w{3} \d{4}, \d\d:\d\d/);
      expect(text).toContain('Data coverage: 1 Jan 2024 to 5 Jan 2024, 4 files');
      expect(text).toMatch(/Page 1 of \d/);
      expect(text).toContain(m.top_merchant!.merchant_id);
      for (const r of m.top_merchants) expect(text).toContain(formatNaira(r.total_volume));
      for (const [month, n] of Object.entries(m.monthly_active_merchants)) expect(text).toMatch(new RegExp(`${formatMonth(month)}\\s+${formatCount(n)}`));
      for (const [p, n] of Object.entries(m.product_adoption)) expect(text).toMatch(new RegExp(`${p}\\s+${formatCount(n)}`));
      expect(text).toMatch(new RegExp(`Tier upgrades\\s+${formatCount(m.kyc_funnel.tier_upgrades)}`));
      for (const r of m.failure_rates) expect(text).toMatch(new RegExp(`${r.product}\\s+${formatPercent(r.failure_rate).replace('.', '\\.')}`));
    }
  });

  it('"Export report…" opens the print view in browser mode', async () => {
    await page.getByTestId('export-button').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByLabel('Letter').check();
    const popup = context.waitForEvent('page');
    await dialog.getByRole('button', { name: 'Save PDF report…' }).click();
    const report = await popup;
    await report.waitForSelector('body[data-report-ready="true"]', { state: 'attached', timeout: 60_000 });
    expect(report.url()).toContain('#/report?page=Letter&print=1');
    expect(await report.getByTestId('report-failure_rates').locator('tbody tr').count()).toBeGreaterThan(0);
    await report.close();
  });

  it('an import shows live progress and can be cancelled half-way, leaving consistent metrics', async () => {
    await page.evaluate((token) => {
      const w = window as unknown as { __progress: { bytes_done: number; bytes_total: number; files_done: number; files_total: number }[] };
      w.__progress = [];
      const es = new EventSource(`/api/events?token=${token}`);
      es.addEventListener('importProgress', (e) => w.__progress.push(JSON.parse((e as MessageEvent).data)));
    }, web.token);
    const chooser = nextChooser();
    await page.getByTestId('import-button').click();
    await (await chooser).setFiles(big.dir);
    await page.waitForSelector('[data-testid="progress-view"][data-phase="importing"] [data-testid="progress-bytes"]', { timeout: 120_000 });
    // Cancel once a good part, but not all, of the bytes are in.
    await page.waitForFunction(() => {
      const p = (window as unknown as { __progress: { bytes_done: number; bytes_total: number }[] }).__progress.at(-1);
      return p !== undefined && p.bytes_done >= p.bytes_total * 0.25;
    }, undefined, { timeout: 120_000, polling: 50 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-in-progress.png') });
    await page.getByTestId('cancel-import').click();
    await page.waitForSelector('[data-testid="import-summary"] >> text=Import cancelled', { timeout: 30_000 });
    const seen = await page.evaluate(() => (window as unknown as { __progress: { bytes_done: number; bytes_total: number }[] }).__progress);
    expect(seen.at(-1)!.bytes_done).toBeLessThan(seen.at(-1)!.bytes_total);
    // Whatever was committed is whole: the window and the engine agree.
    await expectDashboardEquals(cliMetrics(db));
  });

  it('importing the same folder again runs to the end and the dashboard follows', async () => {
    await page.evaluate(() => ((window as unknown as { __progress: unknown[] }).__progress = []));
    const chooser = nextChooser();
    await page.getByTestId('import-button').click();
    await (await chooser).setFiles(big.dir);
    await page.waitForSelector('[data-testid="import-summary"] >> text=Import finished', { timeout: 300_000 });
    const seen = await page.evaluate(() => (window as unknown as { __progress: { bytes_done: number; bytes_total: number; files_done: number; files_total: number }[] }).__progress);
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytes_done).toBeGreaterThanOrEqual(seen[i - 1].bytes_done);
    const last = seen.at(-1)!;
    expect(last.files_total).toBe(big.files.length);
    expect(last.files_done).toBe(last.files_total);
    expect(last.bytes_done).toBe(last.bytes_total);
    const summary = await page.getByTestId('import-summary').textContent();
    expect(summary).toContain('Import finished');
    await expectDashboardEquals(cliMetrics(db));
    expect(await page.getByTestId('coverage-files').textContent()).toBe(`${small.files.length + big.files.length} files`);
  });

  it('import history marks the missing day, and "Forget this file" changes the metrics', async () => {
    const before = cliMetrics(db);
    await page.getByTestId('tab-history').click();
    await page.waitForSelector('[data-testid="sources-table"]');
    const missing = await page.$$eval('[data-testid="missing-row"] td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(missing).toContain('3 Jan 2024');
    await shot('history');
    const row = page.getByTestId('source-row').filter({ hasText: 'activities_20240301.csv' });
    await row.getByRole('button', { name: 'Forget this file' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('activities_20240301.csv');
    await dialog.getByRole('button', { name: 'Forget file' }).click();
    await page.waitForSelector('[data-testid="toast-success"] >> text=Forgot activities_20240301.csv');
    const after = cliMetrics(db);
    expect(after).not.toEqual(before);
    expect(await page.getByTestId('source-row').filter({ hasText: 'activities_20240301.csv' }).count()).toBe(0);
    await expectDashboardEquals(after);
    expect(await page.getByTestId('coverage-files').textContent()).toBe(`${small.files.length + big.files.length - 1} files`);
  });

  it('works from the keyboard alone: views, definitions, export dialog, info buttons', async () => {
    await page.goto(web.url);
    await page.waitForSelector('[data-testid="panel-top_merchants"][data-state="data"]');
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName}:${el.textContent?.trim()}:${getComputedStyle(el).outlineStyle}` : '';
    });
    // Tab order starts with the skip link, then the views; focus is always visible.
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^A:Skip to content:/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('BUTTON:Import history:solid');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="history-view"]');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="panel-failure_rates"][data-state="data"]');
    // Ctrl+E opens the export dialog with its default button focused; Escape closes it.
    await page.keyboard.press('Control+e');
    await page.waitForSelector('[data-testid="export-dialog"]');
    expect(await focused()).toBe('BUTTON:Save PDF report…:solid');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('export-dialog').count()).toBe(0);
    // An info button opens with Enter and closes with Escape.
    const info = page.getByTestId('panel-kyc_funnel').getByRole('button', { name: 'How KYC funnel is calculated' });
    await info.focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('panel-kyc_funnel').getByTestId('definition').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('panel-kyc_funnel').getByTestId('definition').count()).toBe(0);
  });

  it('the window raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
