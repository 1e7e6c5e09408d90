// Saved views end to end in real Chromium against browser mode (issues 10 and 12): save a relative and
// a fixed view, reload, Ctrl+1 / Ctrl+2 open them with the right dates, a change marks the view
// modified and Revert undoes it, the app reopens on the last view with the notice and Reset, and a
// relative view moves forward when a later day is imported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SavedView } from '../../shared/views';
import { formatDate } from '../../shared/format';
import { serializeView } from '../../shared/url-state.js';
import { hasChromium, SKIP_MESSAGE } from './helpers/chromium';
import { api, type RunningWeb } from './helpers/web-server';
import { makeDataset } from './helpers/data';
import { closeDashboardRig, dashboardWaits, lastDays, openDashboardRig, type DashboardRig } from './helpers/dashboard';

describe.skipIf(!hasChromium)(`saved views end to end${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let web: RunningWeb;
  let page: Page;
  let region: string;
  const pageErrors: string[] = [];
  let rig: DashboardRig | undefined;

  beforeAll(async () => {
    // 1 Jan to 18 Feb 2024: the last day with data is 18 February.
    rig = await openDashboardRig('mad-e2e-views-', { days: 49, rowsPerDay: 150, startDate: '2024-01-01', seed: 31 }, pageErrors);
    ({ web, page } = rig);
    expect(rig.dims.last_date).toBe('2024-02-18');
    region = rig.dims.dimensions.region[0].value;
  });

  afterAll(async () => {
    await closeDashboardRig(rig ?? {});
  });

  const hash = () => page.evaluate(() => window.location.hash);
  const { settled, untilHash } = dashboardWaits(() => page);
  /** The window has listed the saved views (Ctrl+N needs the list). */
  const listed = (n: number) => page.waitForSelector(`[data-testid="views-button"][data-views="${n}"]`);
  const savedViews = async () => (await api<{ views: SavedView[] }>(web, 'listViews', {})).value.views;
  /** The window has told the engine `state` is its last view (a latch on the answer, not a timer). */
  const lastViewWritten = (state: string) =>
    page.waitForResponse((r) => r.url().includes('/api/setLastView') && (JSON.parse(r.request().postData() ?? '{}') as { state?: string }).state === state);
  const saveCurrent = async (name: string, dates: 'relative' | 'fixed') => {
    const before = (await savedViews()).length;
    await page.getByRole('button', { name: 'Saved views', exact: true }).click();
    await page.getByLabel('Save the current view as').fill(name);
    await page.getByTestId(`view-dates-${dates}`).check();
    await page.getByLabel('Save the current view as').press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="view-open"]').length === n, before + 1);
    await page.keyboard.press('Escape');
  };

  const LAST_30 = lastDays('2024-02-18', 30);
  const relativeHash = () => serializeView({ filter: { ...LAST_30, region: [region] }, preset: 'last-30' });
  const fixedHash = serializeView({ filter: { from: '2024-01-08', to: '2024-01-14' }, compare: 'previous' });

  it('saves a relative and a fixed view; after a reload Ctrl+1 and Ctrl+2 open them with the right dates', async () => {
    await page.goto(`${web.url}#/?region=${region}`);
    await settled();
    await page.getByLabel('Date range', { exact: true }).selectOption('last-30');
    await untilHash(relativeHash());
    await saveCurrent('Top region, last 30 days', 'relative');

    await page.goto(`${web.url}${fixedHash}`);
    await settled();
    await saveCurrent('Second week of January', 'fixed');
    expect((await savedViews()).map(({ name, dates, state, position }) => ({ name, dates, state, position }))).toEqual([
      { name: 'Top region, last 30 days', dates: 'relative', state: `region=${region}&preset=last-30`, position: 0 },
      { name: 'Second week of January', dates: 'fixed', state: 'from=2024-01-08&to=2024-01-14&compare=previous', position: 1 },
    ]);

    await page.goto(`${web.url}#/`);
    await page.reload();
    await settled();
    await listed(2);
    await page.keyboard.press('Control+1');
    await untilHash(relativeHash());
    expect(await page.getByTestId('date-range-dates').textContent()).toBe(`${formatDate(LAST_30.from)} – ${formatDate(LAST_30.to)}`);
    expect(await page.getByTestId('views-button').textContent()).toContain('Top region, last 30 days');
    await page.keyboard.press('Control+2');
    await untilHash(fixedHash);
    expect(await page.getByTestId('views-button').textContent()).toContain('Second week of January');
    expect(await page.getByTestId('view-modified').count()).toBe(0);
  });

  it('a change marks the view modified; Revert brings the saved view back', async () => {
    await page.keyboard.press('Control+1');
    await untilHash(relativeHash());
    await page.getByLabel('Compare', { exact: true }).selectOption('year');
    await untilHash(serializeView({ filter: { ...LAST_30, region: [region] }, compare: 'year', preset: 'last-30' }));
    expect(await page.getByTestId('view-modified').textContent()).toBe('modified');
    await page.getByRole('button', { name: 'Revert to the saved view Top region, last 30 days' }).click();
    await untilHash(relativeHash());
    expect(await page.getByTestId('view-modified').count()).toBe(0);
  });

  it('reopens on the last view, says so, and Reset goes back to all data', async () => {
    const written = lastViewWritten(fixedHash.slice(3));
    await page.keyboard.press('Control+2');
    await untilHash(fixedHash);
    await written;
    // Opening the app's address afresh (no view in it) is the app starting again.
    let listed = 0;
    const countLists = (r: { url(): string }) => void (new URL(r.url()).pathname === '/api/listViews' && listed++);
    page.on('request', countLists);
    await page.goto(web.url);
    await untilHash(fixedHash);
    expect(await page.getByRole('status').filter({ hasText: 'Restored your last view.' }).count()).toBe(1);
    // It is a saved view, and the bar names it again, from the one list the window read.
    await page.waitForFunction(() => document.querySelector('[data-testid="views-button"]')?.textContent?.includes('Second week of January'));
    page.off('request', countLists);
    expect(listed).toBe(1);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await untilHash('#/');
    expect(await page.getByTestId('view-restored').count()).toBe(0);
    // A link names its own view: no restoring over it.
    await page.goto(`${web.url}#/?region=${region}`);
    await settled();
    expect(await hash()).toBe(`#/?region=${region}`);
    expect(await page.getByTestId('view-restored').count()).toBe(0);
  });

  it('a relative view moves forward with the data; a fixed one stays', async () => {
    // One more day (19 February), uploaded and imported as the page would.
    const next = makeDataset(path.join(rig!.tmp, 'next'), { days: 1, rowsPerDay: 150, startDate: '2024-02-19', seed: 32 });
    const file = next.files[0];
    const up = await fetch(`${web.origin}/api/upload?token=${web.token}&path=${encodeURIComponent(path.basename(file))}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: fs.readFileSync(file) });
    const { value } = (await up.json()) as { value: { path: string } };
    expect((await api(web, 'importPaths', { paths: [value.path] })).ok).toBe(true);

    // A link (or a reload) naming the preset with yesterday's dates gets today's dates for it.
    const moved = lastDays('2024-02-19', 30);
    await page.goto(`${web.url}${relativeHash()}`);
    await page.waitForFunction((t) => document.querySelector('[data-testid="date-range-dates"]')?.textContent === t, `${formatDate(moved.from)} – ${formatDate(moved.to)}`);
    await settled();
    await page.goto(`${web.url}#/`);
    await settled();
    await listed(2);
    await page.keyboard.press('Control+1');
    await untilHash(serializeView({ filter: { ...moved, region: [region] }, preset: 'last-30' }));
    expect(await page.getByTestId('date-range-dates').textContent()).toBe(`${formatDate(moved.from)} – ${formatDate(moved.to)}`);
    await page.keyboard.press('Control+2');
    await untilHash(fixedHash);
    expect(pageErrors).toEqual([]);
  });
});
