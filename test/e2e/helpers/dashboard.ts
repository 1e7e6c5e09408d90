// What the dashboard's end-to-end tests share: browser mode over a generated, imported dataset with a
// Chromium page on it, the waits for the dashboard's answers, and calendar arithmetic of their own.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { DimensionsResponse } from '../../../shared/exploring';
import { launchChromium } from './chromium';
import { makeDataset } from './data';
import { api, webWithData, type RunningWeb } from './web-server';

export interface DashboardRig {
  tmp: string;
  web: RunningWeb;
  browser: Browser;
  page: Page;
  dims: DimensionsResponse;
}

/** Generates and imports the dataset, starts browser mode on it and opens a page; page errors go to `pageErrors`. */
export async function openDashboardRig(prefix: string, dataset: Parameters<typeof makeDataset>[1], pageErrors: string[]): Promise<DashboardRig> {
  const { web, tmp } = await webWithData(prefix, dataset);
  const dims = (await api<DimensionsResponse>(web, 'getDimensions', {})).value;
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { tmp, web, browser, page, dims };
}

export async function closeDashboardRig(rig: Partial<DashboardRig>): Promise<void> {
  await rig.browser?.close();
  await rig.web?.stop();
  if (rig.tmp) fs.rmSync(rig.tmp, { recursive: true, force: true });
}

export function dashboardWaits(page: () => Page) {
  /** Every answer in: panels and bar not pending, and the panels showing data. */
  const settled = async () => {
    await page().waitForSelector('[data-testid="dashboard"][data-pending="false"] [data-testid="filter-bar"][data-pending="false"]');
    await page().waitForSelector('[data-testid="panel-product_adoption"]:not([aria-busy])');
  };
  /** Waits until the hash holds the given view, then until the answers for it are in. */
  const untilHash = async (expected: string) => {
    await page().waitForFunction((h) => window.location.hash === h, expected);
    await settled();
  };
  return { settled, untilHash };
}

/** The `days` days ending on `last`, counted by the calendar here rather than by the app's presets. */
export function lastDays(last: string, days: number): { from: string; to: string } {
  const d = new Date(`${last}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return { from: d.toISOString().slice(0, 10), to: last };
}
