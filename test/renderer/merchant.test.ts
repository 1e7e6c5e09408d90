// The merchant profile and the Ctrl+K search in real Chromium against a fake engine: getMerchant under
// the view's filter, every part of the profile (rank, statuses, changes of region, months chart,
// products, KYC dates, paged events with export), and the search's keyboard path to a profile.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EventsRequest } from '../../shared/exploring';
import { hasChromium, SKIP_MESSAGE } from '../e2e/helpers/chromium';
import { useHarness } from './harness/open';
import { DIMENSIONS } from './fixtures';
import { MERCHANT, SEARCH } from './fixtures-merchant';

describe.skipIf(!hasChromium)(`merchant profile and search in Chromium${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  const getPage = useHarness();
  let page: Page;
  beforeAll(() => {
    page = getPage();
  });
  const F = { from: '2024-01-01', to: '2024-03-31', region: ['LAGOS', 'ABUJA'] };
  const tableRows = (testId: string) =>
    page.$$eval(`[data-testid="${testId}"] tbody tr`, (trs) => trs.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent)));

  it('asks getMerchant under the view\'s filter and shows every part of the answer', async () => {
    await page.evaluate(([m, f, d]) => {
      window.harness.fakeEngine({ total: 1234, merchant: m });
      window.harness.profile('MRC-009405', { filter: f }, d);
    }, [MERCHANT, F, DIMENSIONS] as const);
    await page.waitForSelector('[data-testid="merchant-profile"][data-pending="false"] [data-testid="profile-summary"]');
    // The heading takes focus, so a keyboard user starts on the profile.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-title');
    // The filter bar's saved-views list is asked for too; the profile's own requests follow.
    const calls = await page.evaluate(() => window.harness.apiCalls.filter((c) => c.name !== 'listViews').map((c) => c.name + ':' + JSON.stringify(c.request)));
    expect(calls[0]).toBe(`getMerchant:${JSON.stringify({ merchant_id: 'MRC-009405', filter: F })}`);
    expect(await page.getByTestId('profile-volume').textContent()).toBe('₦151,233,885.45');
    expect(await page.getByTestId('profile-rank').textContent()).toBe('1 of 9,876');
    expect(await page.getByTestId('profile-events-count').textContent()).toBe('1,234');
    expect(await page.getByTestId('profile-status-FAILED').textContent()).toBe('100');
    expect(await page.getByTestId('profile-dates').textContent()).toBe('2 Jan 2024 – 30 Mar 2024');
    // Two regions: it moved, and the profile says so; one tier: no mark.
    expect(await page.getByTestId('profile-regions-changed').textContent()).toBe('changed');
    expect(await page.getByTestId('profile-tiers-changed').count()).toBe(0);
    expect(await tableRows('profile-regions')).toEqual([
      ['LAGOS', '1,000', '2 Jan 2024', '14 Feb 2024'],
      ['ABUJA', '234', '15 Feb 2024', '30 Mar 2024'],
    ]);
    expect(await tableRows('profile-products')).toEqual([
      ['POS', '1,000', '₦150,000,000.00', '8.3%', '2 Jan 2024', '30 Mar 2024'],
      ['KYC', '3', '₦0.00', '—', '3 Jan 2024', '20 Jan 2024'],
    ]);
    expect(await page.getByTestId('profile-kyc').locator('li').allTextContents()).toEqual([
      'Documents submitted: 3 Jan 2024 (1 event)',
      'Verifications completed: 10 Jan 2024 – 20 Jan 2024 (2 events)',
      'Tier upgrades: not reached',
    ]);
    const charts = await page.evaluate(() => window.harness.charts());
    expect(charts[0]).toMatchObject({ labels: ['Jan 2024', 'Feb 2024', 'Mar 2024'], values: [50000000, 60000000, 41233885.45] });
    // Its events: getEvents with the merchant under the same filter, a page at a time.
    await page.waitForSelector('[data-testid="profile-events"] [data-testid="event-row"] [role="cell"]:not(.event-row-loading)');
    const ev = await page.evaluate(() => window.harness.apiCalls.filter((c) => c.name === 'getEvents').map((c) => c.request as EventsRequest));
    expect(ev[0]).toEqual({ filter: F, merchant: 'MRC-009405', sort: 'time', offset: 0, limit: 200 });
    expect(await page.getByTestId('profile-events-total').textContent()).toBe('1,234');
    await page.getByTestId('profile-export').click();
    await page.waitForFunction(() => window.harness.apiCalls.some((c) => c.name === 'saveFile'));
    const save = await page.evaluate(() => window.harness.apiCalls.find((c) => c.name === 'saveFile')!.request as { filename: string; content: string });
    expect(save.filename).toBe('events_merchant_MRC-009405 2024-01-01_2024-03-31 region-LAGOS-ABUJA.csv');
    expect(save.content.trimEnd().split('\r\n')).toHaveLength(1235);
    await page.getByTestId('profile-back').click();
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('close-merchant');
  });

  it('a merchant id no event has says so', async () => {
    await page.evaluate(([m, d]) => {
      window.harness.fakeEngine({ total: 0, merchant: { ...m, merchant_id: 'NOPE', known: false } });
      window.harness.profile('NOPE', { filter: {} }, d);
    }, [MERCHANT, DIMENSIONS] as const);
    await page.waitForSelector('[data-testid="profile-unknown"]');
    expect(await page.getByTestId('profile-unknown').textContent()).toBe('No stored event has the merchant id NOPE.');
  });

  it('search by keyboard: type-ahead listbox, arrows move, Enter opens; Escape closes and gives focus back', async () => {
    await page.evaluate((s) => {
      window.harness.fakeEngine({ total: 0, search: s });
      window.harness.search();
    }, SEARCH);
    await page.getByTestId('search-opener').click();
    const input = page.getByRole('combobox', { name: 'Merchant id' });
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('9405');
    await page.waitForSelector('[data-testid="merchant-options"][data-settled="true"] [role="option"]');
    expect(await page.getByRole('option').allTextContents()).toEqual(['MRC-009405₦151,233,885.45', 'MRC-009406₦1,000.00', 'MRC-109405₦10.00']);
    const last = await page.evaluate(() => window.harness.apiCalls.filter((c) => c.name === 'searchMerchants').at(-1)?.request);
    expect(last).toEqual({ query: '9405', limit: 10 });
    expect(await page.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe('merchant-option-1');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await input.getAttribute('aria-activedescendant')).toBe('merchant-option-2');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('open:MRC-109405');
    await page.getByTestId('merchant-search').waitFor({ state: 'detached' });

    await page.getByTestId('search-opener').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('merchant-search').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('merchant-search').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.harness.calls.at(-1))).toBe('close-search');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-opener');
  });

  it('no match is said in words', async () => {
    await page.evaluate(() => {
      window.harness.fakeEngine({ total: 0, search: { merchants: [] } });
      window.harness.search();
    });
    await page.getByTestId('search-opener').click();
    await page.keyboard.type('zzz');
    await page.waitForSelector('[data-testid="merchant-options"][data-settled="true"]', { state: 'attached' });
    expect(await page.getByTestId('merchant-search').textContent()).toContain('No merchant id contains “zzz”.');
    await page.keyboard.press('Escape');
  });
});
