// "Export clean events" in the window, in real Chromium against browser mode: from the export dialog,
// the dialog states the view, takes a typed path, says it is working, and the toast gives the count
// getEvents has for the same filter; an existing file is refused in the dialog and left as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import type { EventsResponse } from '../../shared/exploring';
import { serializeView } from '../../shared/url-state';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/chromium';
import { api, webWithData, type RunningWeb } from './helpers/web-server';

// Under CI a missing Chromium fails (at launch) instead of skipping.
const run = hasChromium || process.env.CI === 'true';

describe.skipIf(!run)(`export clean events in the window${run ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let web: RunningWeb;
  let tmp: string;
  let done: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  const filter = { from: '2024-01-02', to: '2024-01-03', region: ['LAGOS'] };

  beforeAll(async () => {
    ({ web, tmp, done } = await webWithData('mad-e2e-clean-', { days: 4, rowsPerDay: 300, startDate: '2024-01-01', seed: 7 }));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    await page.goto(`${web.url}${serializeView({ filter })}`);
    await page.waitForSelector('[data-testid="dashboard"][data-pending="false"]');
  });

  afterAll(async () => {
    await browser?.close();
    await done?.();
  });

  async function openDialog() {
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-dialog').getByTestId('export-clean-events').click();
    return page.getByTestId('clean-export-dialog');
  }

  it('writes the view\'s events to the typed CSV path and says how many went where', async () => {
    const total = (await api<EventsResponse>(web, 'getEvents', { filter, limit: 1 })).value.total;
    expect(total).toBeGreaterThan(0);
    const out = path.join(tmp, 'lagos.csv');
    const dialog = await openDialog();
    expect(await dialog.getByTestId('clean-export-view').textContent()).toBe('Every accepted event of: Period 2024-01-02 to 2024-01-03 · Region LAGOS');
    await dialog.getByTestId('clean-export-path').fill(out);
    await dialog.getByTestId('clean-export-run').click();
    await page.waitForSelector('[data-testid="toast-success"]');
    expect(await page.getByTestId('toast-success').textContent()).toContain(`Exported ${total.toLocaleString('en-US')} events to ${out}.`);
    expect(await page.getByTestId('clean-export-dialog').count()).toBe(0);
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(total);
    for (const r of rows) expect(r.region === 'LAGOS' && r.event_date >= '2024-01-02' && r.event_date <= '2024-01-03').toBe(true);
    await page.getByTestId('toast-success').getByRole('button', { name: 'Dismiss' }).click();
  });

  it('refuses an existing file in the dialog, and leaves the file as it was', async () => {
    const out = path.join(tmp, 'mine.csv');
    fs.writeFileSync(out, 'keep me');
    const dialog = await openDialog();
    await dialog.getByTestId('clean-export-path').fill(out);
    await dialog.getByTestId('clean-export-run').click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toContain('already exists');
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('clean-export-dialog').count()).toBe(0);
  });
});
