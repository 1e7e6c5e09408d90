// The real desktop app, end to end: launch Electron on the built app, import a folder through
// window.analytics, see the dashboard, print the PDF report. Runs only where an Electron binary is
// installed (a developer's or analyst's machine); elsewhere it skips and says why. It never triggers
// Electron's download: the binary is looked up on disk, not through require('electron').
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsApi } from '../../shared/api.js';
import { row, tempDir, writeCsv } from '../helpers/csv.js';

const ROOT = path.resolve(__dirname, '..', '..');

/** The Electron executable if it is already on disk, or why it is not. */
function findElectron(): { binary: string } | { reason: string } {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { reason: `no Electron binary has been downloaded (${pathFile} is missing; \`npm start\` fetches it once where the internet is reachable)` };
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const binary = path.join(dist, rel);
  if (!fs.existsSync(binary)) return { reason: `the Electron binary ${binary} is missing` };
  return { binary };
}

function whyNot(): string | null {
  const found = findElectron();
  if ('reason' in found) return found.reason;
  for (const rel of ['out/electron/main/main.js', 'out/electron/preload/preload.js', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(ROOT, rel))) return `${rel} is not built (run npm run build)`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (run the tests under xvfb-run)';
  }
  return null;
}

const skipReason = whyNot();
if (skipReason) console.warn(`[electron-app.test] Skipping the real Electron app test: ${skipReason}.`);

declare global {
  interface Window {
    analytics?: AnalyticsApi;
  }
}

describe.skipIf(skipReason !== null)(`the desktop app${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  let outDir: string;

  beforeAll(async () => {
    const home = tempDir('ma-electron-');
    dataDir = path.join(home, 'exports');
    outDir = path.join(home, 'saved');
    fs.mkdirSync(outDir);
    writeCsv(dataDir, 'activities_20240105.csv', [
      row({ merchant_id: 'MRC-000042', product: 'POS', amount: '1500.50', status: 'SUCCESS', event_timestamp: '2024-01-05T10:00:00' }),
      row({ merchant_id: 'MRC-000042', product: 'AIRTIME', amount: '200.00', status: 'SUCCESS', event_timestamp: '2024-01-05T11:00:00' }),
    ]);
    writeCsv(dataDir, 'nested/activities_20240106.csv', [
      row({ merchant_id: 'MRC-000007', product: 'POS', amount: '900.00', status: 'SUCCESS', event_timestamp: '2024-01-06T09:00:00' }),
      row({ merchant_id: 'MRC-000007', product: 'POS', amount: '100.00', status: 'FAILED', event_timestamp: '2024-01-06T09:30:00' }),
    ]);

    const found = findElectron() as { binary: string };
    app = await _electron.launch({
      executablePath: found.binary,
      args: [ROOT],
      cwd: ROOT,
      env: { ...process.env, MERCHANT_ANALYTICS_USER_DATA: path.join(home, 'profile') } as Record<string, string>,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  it('loads the app page with no Node in reach of the page', async () => {
    expect(page.url()).toMatch(/^app:\/\/renderer\/index\.html/);
    expect(await page.evaluate(() => [typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process])).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => Object.keys(window.analytics ?? {}).sort())).toContain('importPaths');
  });

  it('imports a folder through window.analytics and shows the dashboard', async () => {
    const result = await page.evaluate((dir) => window.analytics!.importPaths({ paths: [dir] }), dataDir);
    expect(result).toMatchObject({ ok: true, value: { status: 'done', accepted: 4, rejected: 0, files: { imported: 2 } } });

    // The import ran behind the window's back; a reload makes it read the metrics afresh.
    await page.reload();
    await page.getByText('MRC-000042').first().waitFor({ timeout: 30_000 });
    await expect(page.getByText('₦1,700.50').first().isVisible()).resolves.toBe(true);
  }, 60_000);

  it('prints the report to PDF with printToPDF', async () => {
    const pdfPath = path.join(outDir, 'report.pdf');
    // Stand in for the analyst at the native save dialog.
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
    }, pdfPath);
    const result = await page.evaluate(() => window.analytics!.exportReport({ page_size: 'A4' }));
    expect(result).toEqual({ ok: true, value: { path: pdfPath } });
    const pdf = fs.readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    let text: string | null = null;
    try {
      text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    } catch {
      console.warn('[electron-app.test] pdftotext is not installed; the PDF text was not checked.');
    }
    if (text !== null) {
      expect(text).toContain('MRC-000042');
      expect(text).toMatch(/Page 1 of \d+/);
    }
  }, 90_000);
});
