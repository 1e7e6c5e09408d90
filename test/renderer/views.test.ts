// The saved-views control in real Chromium over a fake engine: the list with its shortcuts, Ctrl+N
// opening a view with its dates resolved, the "modified" mark and Revert, saving relative or fixed,
// export and import of the .json file, delete after asking, and the restored-view notice with Reset.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SavedView } from '../../shared/views';
import { hasChromium, SKIP_MESSAGE } from '../e2e/helpers/chromium';
import { lastDays } from '../e2e/helpers/dashboard';
import { useHarness } from './harness/open';
import { DIMENSIONS } from './fixtures';

const saved = (id: number, name: string, state: string, dates: SavedView['dates']): SavedView => ({ id, name, state, dates, position: id - 1, created_at: '', updated_at: '' });
const LAGOS = saved(1, 'Lagos, last 30', 'region=LAGOS&preset=last-30', 'relative');
const JANUARY = saved(2, 'January', 'from=2024-01-01&to=2024-01-31&compare=previous', 'fixed');

describe.skipIf(!hasChromium)(`saved views in Chromium${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  const getPage = useHarness();
  let page: Page;
  beforeAll(() => {
    page = getPage();
  });

  const calls = () => page.evaluate(() => [...window.harness.calls]);
  const apiCalls = (name: string) => page.evaluate((n) => window.harness.apiCalls.filter((c) => c.name === n).map((c) => c.request), name);
  const mount = async (explore: object, views: SavedView[], restored = false) => {
    await page.evaluate(({ e, v, r, d }) => window.harness.views(e as never, d, { total: 0, views: v }, r), { e: explore, v: views, r: restored, d: DIMENSIONS });
    await page.waitForFunction(() => window.harness.apiCalls.some((c) => c.name === 'listViews'));
  };

  it('lists the views with their shortcuts; Ctrl+1 and Ctrl+2 open them, a relative one counted back from the last day with data', async () => {
    await mount({ filter: {} }, [LAGOS, JANUARY]);
    await page.getByRole('button', { name: 'Saved views', exact: true }).click();
    const rows = page.getByTestId('view-open');
    expect(await rows.allTextContents()).toEqual(['Lagos, last 30relative dates · Ctrl+1', 'Januaryfixed dates · Ctrl+2']);
    expect(await rows.first().getAttribute('aria-keyshortcuts')).toBe('Control+1');
    for (const action of ['Rename', 'Duplicate', 'Export', 'Delete']) expect(await page.getByRole('button', { name: `${action} January` }).count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('views-popover').count()).toBe(0);

    await page.keyboard.press('Control+1');
    const r = lastDays(DIMENSIONS.last_date!, 30);
    expect((await calls()).at(-1)).toBe(`view:#/?from=${r.from}&to=${r.to}&region=LAGOS&preset=last-30`);
    expect(await page.getByTestId('views-button').textContent()).toContain('Lagos, last 30');
    await page.keyboard.press('Control+2');
    expect((await calls()).at(-1)).toBe('view:#/?from=2024-01-01&to=2024-01-31&compare=previous');
    await page.keyboard.press('Control+3'); // no third view: nothing happens
    expect(await calls()).toHaveLength(2);
  });

  it('a change marks the opened view modified, Revert brings it back and the mark goes', async () => {
    await mount({ filter: {} }, [LAGOS, JANUARY]);
    await page.keyboard.press('Control+1');
    await page.waitForFunction(() => window.harness.calls.length === 1);
    expect(await page.getByTestId('view-modified').count()).toBe(0);
    const r = lastDays(DIMENSIONS.last_date!, 30);
    const opened = `#/?from=${r.from}&to=${r.to}&region=LAGOS&preset=last-30`;
    expect(await calls()).toEqual([`view:${opened}`]);
    await page.evaluate((d) => window.harness.setExplore({ filter: { ...d, region: ['LAGOS', 'KANO'] }, preset: 'last-30' }), r);
    expect(await page.getByTestId('view-modified').textContent()).toBe('modified');
    expect(await page.getByRole('button', { name: 'Saved views', exact: true }).getAttribute('aria-describedby')).toBeTruthy();
    expect(await page.getByTestId('views-button').textContent()).toContain('Lagos, last 30 (modified)');
    await page.getByRole('button', { name: 'Revert to the saved view Lagos, last 30' }).click();
    expect((await calls()).at(-1)).toBe(`view:${opened}`);
    expect(await page.getByTestId('view-modified').count()).toBe(0);
    // Custom dates on a relative view are a change too.
    await page.evaluate(() => window.harness.setExplore({ filter: { from: '2024-03-01', to: '2024-03-31', region: ['LAGOS'] }, preset: 'custom' }));
    expect(await page.getByTestId('view-modified').count()).toBe(1);
  });

  it('saves the view on screen relative (its preset) or fixed (its dates); custom dates only fixed', async () => {
    await mount({ filter: { from: '2024-03-25', to: '2024-03-31', channel: ['USSD'] }, preset: 'last-7' }, []);
    await page.getByTestId('views-button').click();
    expect(await page.getByTestId('view-dates-relative').isChecked()).toBe(true);
    await page.getByLabel('Save the current view as').fill('  USSD week ');
    await page.getByLabel('Save the current view as').press('Enter');
    await page.waitForFunction(() => window.harness.apiCalls.some((c) => c.name === 'saveView'));
    expect(await apiCalls('saveView')).toEqual([{ name: 'USSD week', state: 'channel=USSD&preset=last-7', dates: 'relative' }]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="view-open"]').length === 1);
    expect(await page.getByTestId('views-button').textContent()).toContain('USSD week');
    expect(await page.getByTestId('view-modified').count()).toBe(0);

    await page.getByTestId('view-dates-fixed').check();
    await page.getByLabel('Save the current view as').fill('USSD 25-31 March');
    await page.getByTestId('view-save').click();
    await page.waitForFunction(() => window.harness.apiCalls.filter((c) => c.name === 'saveView').length === 2);
    expect((await apiCalls('saveView'))[1]).toEqual({ name: 'USSD 25-31 March', state: 'from=2024-03-25&to=2024-03-31&channel=USSD', dates: 'fixed' });

    await page.evaluate(() => window.harness.setExplore({ filter: { from: '2024-02-03', to: '2024-02-09' }, preset: 'custom' }));
    expect(await page.getByTestId('view-dates-relative').isDisabled()).toBe(true);
    expect(await page.getByTestId('view-dates-fixed').isChecked()).toBe(true);
    expect(await page.getByTestId('views-popover').textContent()).toContain('Custom dates can only be kept fixed.');
  });

  it('exports a view as a small .json file and imports one, saying what is wrong with a bad file', async () => {
    await mount({ filter: {} }, [LAGOS]);
    await page.getByTestId('views-button').click();
    await page.getByRole('button', { name: 'Export Lagos, last 30 as a .json file' }).click();
    await page.waitForFunction(() => window.harness.apiCalls.some((c) => c.name === 'saveFile'));
    const [file] = (await apiCalls('saveFile')) as { filename: string; content: string }[];
    expect(file.filename).toBe('Lagos_ last 30.view.json');
    expect(JSON.parse(file.content)).toEqual({ merchant_analytics_view: 1, name: LAGOS.name, dates: LAGOS.dates, state: LAGOS.state });

    const input = page.getByTestId('view-import');
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"merchant_analytics_view": 1, "name": "X", "dates": "fixed", "state": "colour=red"}') });
    await page.waitForFunction(() => window.harness.toasts().some((t) => t.startsWith('error')));
    expect(await page.evaluate(() => window.harness.toasts().filter((t) => t.startsWith('error')))).toEqual(['error: This view file is not usable. The view could not be read: "colour" is not a filter (ignored).']);
    expect(await apiCalls('saveView')).toEqual([]);

    const good = JSON.stringify({ merchant_analytics_view: 1, name: 'From a colleague', dates: 'fixed', state: 'from=2024-02-01&to=2024-02-29&tier=STARTER' });
    await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) });
    await page.waitForFunction(() => window.harness.calls.length > 0);
    expect(await apiCalls('saveView')).toEqual([{ name: 'From a colleague', dates: 'fixed', state: 'from=2024-02-01&to=2024-02-29&tier=STARTER' }]);
    expect((await calls()).at(-1)).toBe('view:#/?from=2024-02-01&to=2024-02-29&tier=STARTER');
  });

  it('deletes a view only after asking', async () => {
    await mount({ filter: {} }, [LAGOS, JANUARY]);
    await page.getByTestId('views-button').click();
    await page.getByRole('button', { name: 'Delete January' }).click();
    await page.keyboard.press('Escape'); // closes the question, not the list
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByTestId('views-popover').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete January' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await apiCalls('deleteView')).toEqual([]);
    await page.getByRole('button', { name: 'Delete January' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="view-open"]').length === 1);
    expect(await apiCalls('deleteView')).toEqual([{ id: JANUARY.id }]);
  });

  it('the restored-view notice says so, and Reset goes back to all data', async () => {
    await mount({ filter: { region: ['KANO'] } }, [], true);
    const notice = page.getByRole('status');
    expect(await notice.textContent()).toContain('Restored your last view.');
    await page.getByRole('button', { name: 'Reset' }).click();
    expect((await calls()).at(-1)).toBe('view:#/');
    expect(await page.getByTestId('view-restored').count()).toBe(0);
  });
});
