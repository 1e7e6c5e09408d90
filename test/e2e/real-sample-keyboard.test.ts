// Issue 4's "done when", end to end on the real sample and from the keyboard alone: import the three real
// days, read all five metrics (equal to expected.json), find why rows were rejected, open the PDF report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { formatCount, formatMonth, formatNaira, formatPercent } from '../../shared/format';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/chromium';
import { assertBuilt, ROOT, startWeb, type RunningWeb } from './helpers/web-server';

const SAMPLE = path.resolve(ROOT, '..', 'shared', 'fixtures', 'real-sample');
const hasSample = fs.existsSync(path.join(SAMPLE, 'expected.json'));
const skipWhy = !hasChromium ? SKIP_MESSAGE : !hasSample ? `skipped: no real sample at ${SAMPLE}` : '';

/** Lines (1-based, header = 1) of the sample rows whose merchant_id is empty: the rows the policy rejects. */
function rowsWithoutMerchant(): { file: string; line: number }[] {
  const out: { file: string; line: number }[] = [];
  for (const f of fs.readdirSync(SAMPLE).filter((n) => n.endsWith('.csv')).sort()) {
    fs.readFileSync(path.join(SAMPLE, f), 'utf8')
      .split('\n')
      .forEach((l, i) => {
        if (i > 0 && l.split(',')[1] === '') out.push({ file: f, line: i + 1 });
      });
  }
  return out;
}

describe.skipIf(skipWhy !== '')(`the real sample, from the keyboard alone${skipWhy ? ` (${skipWhy})` : ''}`, () => {
  let tmp: string;
  let web: RunningWeb;
  let browser: Browser;
  let page: Page;
  let chooser: Promise<FileChooser>;
  const errors: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-e2e-real-'));
    web = await startWeb(path.join(tmp, 'analytics.db'));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    // Playwright starts intercepting file pickers only once a listener exists, asynchronously: listen
    // well before the key press, or Chromium may open (and headless, cancel) a real dialog first.
    chooser = page.waitForEvent('filechooser', { timeout: 120_000 });
    await page.goto(web.url);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  // The filter bar and every drillable row are tab stops now, so the dashboard holds well over 40.
  const focusByTabbing = async (text: string) => {
    for (let i = 0; i < 250; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')) === text) return;
    }
    throw new Error(`Tab never reached "${text}"`);
  };
  const rowsOf = (selector: string) =>
    page.$$eval(`${selector} tbody tr`, (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '')));

  it('imports with Tab and Enter, shows expected.json, the rejected rows and the report', async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'expected.json'), 'utf8'));

    // Tab to "Choose folder…" and press Enter; the analyst picks the sample folder.
    await page.waitForSelector('[data-testid="empty-state"]');
    await focusByTabbing('Choose folder…');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(SAMPLE);
    await page.waitForSelector('[data-testid="panel-failure_rates"][data-state="data"]', { timeout: 120_000 });

    // All five metrics, as shown, equal the reference answers.
    expect(await page.getByTestId('top-merchant-id').textContent()).toBe(expected.top_merchant.merchant_id);
    expect(await page.getByTestId('top-merchant-volume').textContent()).toBe(formatNaira(expected.top_merchant.total_volume));
    expect(await rowsOf('[data-testid="panel-top_merchants"]')).toEqual(
      expected.top10.map((r: { merchant_id: string; total_volume: number }, i: number) => [String(i + 1), r.merchant_id, formatNaira(r.total_volume)]),
    );
    expect(await rowsOf('[data-testid="panel-monthly_active_merchants"]')).toEqual(
      Object.entries(expected.monthly_active_merchants).map(([k, v]) => [formatMonth(k), formatCount(v as number)]),
    );
    expect(await rowsOf('[data-testid="panel-product_adoption"]')).toEqual(
      Object.entries(expected.product_adoption).map(([k, v]) => [k, formatCount(v as number)]),
    );
    const kyc = (await rowsOf('[data-testid="panel-kyc_funnel"]')).map((r) => r[1]);
    expect(kyc).toEqual([expected.kyc_funnel.documents_submitted, expected.kyc_funnel.verifications_completed, expected.kyc_funnel.tier_upgrades].map(formatCount));
    expect(await rowsOf('[data-testid="panel-failure_rates"]')).toEqual(
      expected.failure_rates.map((r: { product: string; failure_rate: number }) => [r.product, formatPercent(r.failure_rate)]),
    );

    // Why were rows rejected? Tab to the "Rejected rows" view and read file, line and reason.
    await focusByTabbing('Rejected rows');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="rejected-view"] tbody tr');
    const shown = await rowsOf('[data-testid="rejected-view"]');
    const wanted = rowsWithoutMerchant();
    expect(wanted).toHaveLength(expected.stats.rejected);
    const rejected = shown.filter((r) => r[2] === 'Rejected');
    expect(rejected.map((r) => [r[0], r[1]])).toEqual(wanted.map((w) => [w.file, formatCount(w.line)]));
    for (const r of rejected) expect(r[3].toLowerCase()).toContain('merchant');

    // The PDF report: Ctrl+E, then Enter on the focused "Save PDF report…" opens the print view.
    await page.keyboard.press('Control+e');
    await page.waitForSelector('[data-testid="export-dialog"]');
    const popup = page.context().waitForEvent('page');
    await page.keyboard.press('Enter');
    const report = await popup;
    await report.waitForSelector('body[data-report-ready="true"]', { state: 'attached', timeout: 60_000 });
    const text = await report.textContent('body');
    expect(text).toContain(expected.top_merchant.merchant_id);
    expect(text).toContain(formatNaira(expected.top_merchant.total_volume));
    await report.close();
    expect(errors).toEqual([]);
  });
});
