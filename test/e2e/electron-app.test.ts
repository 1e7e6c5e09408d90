// Where an Electron binary is present (an analyst's or developer's laptop), launch the real app,
// import the real sample through the preload's API and see the dashboard. Where there is none (CI,
// this kind of machine), skip and say so. Never require('electron') here: only look for its binary.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { ROOT } from './helpers/web-server';

const SAMPLE = path.resolve(ROOT, '../shared/fixtures/real-sample');

function electronBinary(): string | null {
  const dir = path.join(ROOT, 'node_modules/electron');
  const pathTxt = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathTxt)) return null;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

const binary = electronBinary();
const skipWhy = !binary
  ? 'no Electron binary on this machine (node_modules/electron/dist is not downloaded)'
  : !fs.existsSync(SAMPLE)
    ? `the real sample is not at ${SAMPLE}`
    : null;
if (skipWhy) console.warn(`[electron app test] skipped: ${skipWhy}`);

describe.skipIf(skipWhy !== null)(`the desktop app${skipWhy ? ` (skipped: ${skipWhy})` : ''}`, () => {
  it('launches, imports the real sample and shows the dashboard', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-electron-'));
    const app = await _electron.launch({ executablePath: binary!, args: [ROOT, `--user-data-dir=${userData}`], cwd: ROOT });
    try {
      const win = await app.firstWindow();
      await win.waitForSelector('[data-testid="empty-state"], [data-testid="dashboard"]');
      // The native dialog cannot be driven; the preload's API is what it would call.
      const summary = await win.evaluate((dir) => (window as unknown as { analytics: { importPaths(r: { paths: string[] }): Promise<{ ok: boolean }> } }).analytics.importPaths({ paths: [dir] }), SAMPLE);
      expect(summary.ok).toBe(true);
      await win.reload();
      await win.waitForSelector('[data-testid="panel-top_merchants"][data-state="data"]');
      expect(await win.getByTestId('top-merchant-id').textContent()).toBe('MRC-009405');
      expect(await win.getByTestId('top-merchant-volume').textContent()).toBe('₦23,068,866.75');
    } finally {
      await app.close();
      fs.rmSync(userData, { recursive: true, force: true });
    }
  });
});
