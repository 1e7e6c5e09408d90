// The binary downloads of browser mode, end to end in real Chromium. "Save PNG" on every chart (the
// metric panels, both trend charts, a merchant's months):
// each download is a PNG twice the chart's on-screen size plus its title line, named for the metric and
// the view, with the theme's panel colour behind it (light and dark), and the chart on screen is back at
// its own resolution afterwards. "Export XLSX…" in the export dialog: the workbook the engine writes for
// the view, arrived whole through the page's base64 download.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { MetricName } from '../../shared/api';
import { serializeView } from '../../shared/url-state';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/chromium';
import { api, ROOT, webWithData, type RunningWeb } from './helpers/web-server';
import type { BinaryFile } from '../../shared/api';
import type { MetricsResponse } from '../../shared/metrics';

const ARTIFACTS = path.join(ROOT, 'test-results');
const CHARTS: MetricName[] = ['top_merchants', 'monthly_active_merchants', 'product_adoption', 'failure_rates'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// The panel colour (--surface) of renderer/src/styles/app.css in each theme.
const SURFACE = { light: [0xff, 0xff, 0xff], dark: [0x1e, 0x22, 0x28] };

/** Width, height and the first pixel's colour, read from the PNG's own chunks. */
function readPng(buf: Buffer): { width: number; height: number; first: number[] } {
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(buf.toString('latin1', 12, 16)).toBe('IHDR');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const [depth, colour] = [buf[24], buf[25]];
  expect(depth).toBe(8);
  const channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
  expect(channels).toBeGreaterThan(0);
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    if (buf.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  // The first pixel of the first row reads the same under every PNG row filter (no neighbours yet).
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return { width, height, first: [...raw.subarray(1, 4)] };
}

describe.skipIf(!hasChromium)(`charts saved as PNG${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let web: RunningWeb;
  let done: () => Promise<void>;
  let browser: Browser;
  const view = { filter: { from: '2024-01-01', to: '2024-01-31', region: ['LAGOS'] }, compare: 'previous' as const };

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    ({ web, done } = await webWithData('mad-e2e-png-', { days: 62, rowsPerDay: 200, startDate: '2023-12-01', seed: 5 }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await done?.();
  });

  async function dashboard(colorScheme: 'light' | 'dark'): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme, acceptDownloads: true })).newPage();
    await page.goto(`${web.url}${serializeView(view)}`);
    await page.waitForSelector('[data-testid="dashboard"][data-pending="false"]');
    for (const name of CHARTS) await page.waitForSelector(`[data-testid="panel-${name}"][data-state="data"] .panel-visual canvas`);
    return page;
  }

  /** Presses a chart's Save PNG and checks the download against the canvas it was drawn from. */
  async function expectPng(page: Page, scheme: 'light' | 'dark', button: string, canvasSelector: string, filename: string) {
    const canvas = page.locator(canvasSelector);
    const css = await canvas.evaluate((c: HTMLCanvasElement) => ({ width: c.clientWidth, height: c.clientHeight, pixels: c.width }));
    const download = page.waitForEvent('download');
    await page.getByTestId(button).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe(filename);
    const bytes = fs.readFileSync((await d.path())!);
    fs.writeFileSync(path.join(ARTIFACTS, `chart-${scheme}-${button}.png`), bytes);
    const png = readPng(bytes);
    expect(png.width, button).toBe(2 * css.width);
    // The chart at twice its height, and a title line above it.
    expect(png.height, button).toBeGreaterThan(2 * css.height);
    expect(png.first, button).toEqual(SURFACE[scheme]);
    // The chart on screen is drawn at the screen's own resolution again.
    expect(await canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBe(css.pixels);
  }

  const suffix = '2024-01-01_2024-01-31 region-LAGOS vs-previous.png';

  for (const scheme of ['light', 'dark'] as const) {
    it(`gives each chart at twice its on-screen width, titled, in the ${scheme} theme`, async () => {
      const page = await dashboard(scheme);
      expect(await page.getByTestId('png-kyc_funnel').count()).toBe(0);
      for (const name of CHARTS) await expectPng(page, scheme, `png-${name}`, `[data-testid="panel-${name}"] .panel-visual canvas`, `${name} chart ${suffix}`);
      await page.waitForSelector('[data-testid="panel-trend"][data-state="data"] canvas');
      await expectPng(page, scheme, 'png-trend-volume', '[data-testid="panel-trend"] canvas >> nth=0', `volume_trend day chart ${suffix}`);
      await expectPng(page, scheme, 'png-trend-active', '[data-testid="panel-trend"] canvas >> nth=1', `active_merchants_trend day chart ${suffix}`);
      await page.context().close();
    });
  }

  it("gives a merchant profile's chart under the profile's filter", async () => {
    const page = await dashboard('light');
    const top = (await api<MetricsResponse>(web, 'getMetrics', { filter: view.filter })).value.metrics.top_merchant!.merchant_id;
    await page.goto(`${web.url}#/merchant/${top}?from=2024-01-01&to=2024-01-31&region=LAGOS`);
    await page.waitForSelector('[data-testid="profile-months"] canvas');
    await expectPng(page, 'light', 'png-profile-months', '[data-testid="profile-months"] canvas', `merchant_${top} volume chart 2024-01-01_2024-01-31 region-LAGOS.png`);
    await page.context().close();
  });

  it('"Export XLSX…" downloads the workbook of the view, byte for byte what the engine wrote, readable by exceljs', async () => {
    const page = await dashboard('light');
    await page.getByTestId('export-button').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('merchant_analytics 2024-01-01_2024-01-31 region-LAGOS vs-previous.xlsx');
    const bytes = fs.readFileSync((await d.path())!);
    const engine = (await api<BinaryFile>(web, 'getXlsx', view)).value;
    // The About sheet says when it was made, so two workbooks differ there: compare what they hold.
    const read = async (b: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(b as unknown as ArrayBuffer);
      return wb.worksheets.map((ws) => ({ name: ws.name, rows: ws.getSheetValues().filter((r) => Array.isArray(r) && r[1] !== 'Made (local time)') }));
    };
    const got = await read(bytes);
    expect(got.map((s) => s.name)).toEqual(['About', 'Top merchant', 'Monthly active merchants', 'Product adoption', 'KYC funnel', 'Failure rates']);
    expect(got).toEqual(await read(Buffer.from(engine.base64, 'base64')));
    await page.context().close();
  });
});
