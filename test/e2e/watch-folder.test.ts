// Watched folders end to end in real Chromium against browser mode (issue 12): the analyst adds a
// folder in the History view, a file is dropped into it on disk, and without a click a quiet notice
// says what came in and the dashboard's numbers change in place, under the filter the analyst had.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ApiRequest, WatchedFoldersResponse } from '../../shared/api';
import type { MetricsResponse } from '../../shared/metrics';
import type { DimensionsResponse, TrendResponse } from '../../shared/exploring';
import type { HistoryResponse } from '../../shared/importing';
import { plural } from '../../shared/format';
import { serializeView } from '../../shared/url-state';
import { hasChromium, SKIP_MESSAGE } from './helpers/chromium';
import { api, type RunningWeb } from './helpers/web-server';
import { makeDataset } from './helpers/data';
import { ARTIFACTS, importWithCli, openSession, type E2eSession } from './helpers/session';

describe.skipIf(!hasChromium)(`watched folders end to end${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let session: E2eSession;
  let web: RunningWeb;
  let page: Page;
  let later: string;
  let watched: string;

  beforeAll(async () => {
    session = await openSession('mad-e2e-watch-', (tmp, db) => {
      const data = makeDataset(path.join(tmp, 'data'), { days: 6, rowsPerDay: 400, startDate: '2024-01-01', seed: 31 });
      // The sixth day arrives later, in the watched folder; the first five are imported now.
      later = path.join(tmp, 'activities_20240106.csv');
      fs.renameSync(data.files[5], later);
      importWithCli(db, data.dir);
      watched = path.join(tmp, 'incoming');
      fs.mkdirSync(watched);
    });
    ({ web, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  const settled = () => page.waitForSelector('[data-testid="dashboard"][data-pending="false"] [data-testid="filter-bar"][data-pending="false"]');
  const rowsText = () => page.getByTestId('coverage-rows').textContent();

  it('imports a file dropped into a watched folder, says so, and updates the filtered dashboard in place', async () => {
    const dims = (await api<DimensionsResponse>(web, 'getDimensions', {})).value;
    const filter = { region: [dims.dimensions.region[0].value] };
    const request: ApiRequest<'getMetrics'> = { filter };
    const h = serializeView({ filter });
    await page.goto(`${web.url}${h}`);
    await settled();
    const before = (await api<MetricsResponse>(web, 'getMetrics', request)).value;
    expect(await rowsText()).toBe(plural(before.coverage.events, 'row'));
    const days = async () => (await api<TrendResponse>(web, 'getTrend', { grain: 'day', filter })).value.buckets.length;
    const daysBefore = await days();
    await page.waitForSelector(`[data-testid="panel-trend"][data-grain="day"][data-buckets="${daysBefore}"]:not([aria-busy])`);

    // Add the folder in the History view (browser mode: the analyst types its path).
    await page.getByTestId('tab-history').click();
    await page.getByTestId('watch-path').fill(watched);
    await page.getByTestId('watch-add').click();
    await page.waitForSelector('[data-testid="watched-folder"][data-status="watching"]');
    expect(await page.locator('.watched-path').allTextContents()).toEqual([watched]);
    const stored = (await api<WatchedFoldersResponse>(web, 'listWatchedFolders', {})).value;
    expect(stored.folders.map((f) => [f.path, f.status])).toEqual([[watched, 'watching']]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'watch-folder-history.png') });

    // Back on the dashboard, the file lands in the folder on disk; nothing is clicked from here on.
    await page.getByTestId('tab-dashboard').click();
    await settled();
    fs.copyFileSync(later, path.join(watched, path.basename(later)));
    const toast = page.locator('[data-testid="toast-info"]', { hasText: 'activities_20240106.csv:' });
    await toast.waitFor();

    const history = (await api<HistoryResponse>(web, 'getHistory', {})).value;
    const record = history.files.find((f) => f.path === path.join(watched, 'activities_20240106.csv'));
    expect(record?.status).toBe('imported');
    const n = (x: number) => x.toLocaleString('en-US');
    const expectedText = `activities_20240106.csv: ${n(record!.accepted)} rows${record!.duplicates ? `, ${n(record!.duplicates)} duplicates` : ''}${record!.rejected ? `, ${n(record!.rejected)} rejected` : ''}`;
    expect((await toast.locator('span').textContent())?.trim()).toBe(expectedText);

    const after = (await api<MetricsResponse>(web, 'getMetrics', request)).value;
    expect(after.coverage.events).toBeGreaterThan(before.coverage.events);
    await page.waitForFunction((text) => document.querySelector('[data-testid="coverage-rows"]')?.textContent === text, plural(after.coverage.events, 'row'));
    // The trend, which loads its own data, has the new day too.
    const daysAfter = await days();
    expect(daysAfter).toBe(daysBefore + 1);
    await page.waitForSelector(`[data-testid="panel-trend"][data-buckets="${daysAfter}"]:not([aria-busy])`);
    // The same view as before: the filter is still in the address and on the bar.
    expect(await page.evaluate(() => window.location.hash)).toBe(h);
    expect(await page.getByRole('button', { name: 'Region', exact: true }).textContent()).toContain(filter.region[0]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'watch-folder-dashboard.png'), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  });
});
