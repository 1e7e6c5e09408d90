import fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfOptions, READY_PROBE, reportUrl, waitForReportReady } from '../../electron/main/report-print.js';
import type { ProbeResult } from '../../electron/main/report-print.js';
import { isAppUrl } from '../../electron/main/security.js';
import { parseReportHash } from '../../shared/report-hash.js';

function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('report printing', () => {
  it('prints the renderer report route for the chosen paper, inside the app origin', () => {
    expect(reportUrl('A4')).toBe('app://renderer/index.html#/report?page=A4');
    expect(reportUrl('Letter')).toBe('app://renderer/index.html#/report?page=Letter');
    expect(isAppUrl(reportUrl('Letter'))).toBe(true);
  });

  it("prints under the request's filter and comparison, which the report route reads back", () => {
    const view = { filter: { from: '2024-01-01', to: '2024-01-31', region: ['LAGOS'] }, compare: 'previous' as const };
    const url = reportUrl('A4', view);
    expect(isAppUrl(url)).toBe(true);
    expect(parseReportHash(new URL(url).hash)).toEqual({ page: 'A4', print: false, view });
    // No filter is the plain route.
    expect(reportUrl('A4', { filter: {} })).toBe('app://renderer/index.html#/report?page=A4');
  });

  it('asks for backgrounds, the paper size and page numbers in the footer', () => {
    const o = pdfOptions('Letter');
    expect(o).toMatchObject({ pageSize: 'Letter', printBackground: true, displayHeaderFooter: true });
    expect(o.footerTemplate).toContain('class="pageNumber"');
    expect(o.footerTemplate).toContain('class="totalPages"');
    // Chromium's footer text is 0px unless a size is set.
    expect(o.footerTemplate).toMatch(/font-size:\s*\d+px/);
  });

  it('waits until the report view says it is ready', async () => {
    const answers: ProbeResult[] = [{ state: 'waiting' }, { state: 'waiting' }, { state: 'ready' }];
    let probes = 0;
    await waitForReportReady(async () => answers[probes++], { ...clock(), intervalMs: 50 });
    expect(probes).toBe(3);
  });

  it('fails with the view\'s own reason when it reports an error', async () => {
    await expect(waitForReportReady(async () => ({ state: 'error', message: 'The database is locked.' }), clock())).rejects.toMatchObject({
      message: expect.stringContaining('The database is locked.'),
    });
  });

  it('gives up after the timeout with a clear message', async () => {
    let probes = 0;
    const err = await waitForReportReady(async () => (probes++, { state: 'waiting' }), { ...clock(), timeoutMs: 1000, intervalMs: 100 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'internal', message: expect.stringContaining('did not finish drawing') });
    expect(probes).toBe(11);
  });

});

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

describe.skipIf(!hasChromium)(`the ready probe in a real page${hasChromium ? '' : ' (skipped: /usr/bin/chromium is missing; apt-get install -y chromium)'}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function probe(html: string): Promise<ProbeResult> {
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      return (await page.evaluate(READY_PROBE)) as ProbeResult;
    } finally {
      await page.close();
    }
  }

  it('reads the marker the report view puts on <body>', async () => {
    expect(await probe('<body><article>drawing…</article></body>')).toEqual({ state: 'waiting' });
    expect(await probe('<body data-report-ready="true"><article>done</article></body>')).toEqual({ state: 'ready' });
    expect(await probe('<body data-report-ready="error"><p role="alert"> The report could not be made: no data </p></body>')).toEqual({
      state: 'error',
      message: 'The report could not be made: no data',
    });
  });
});
