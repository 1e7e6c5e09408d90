// A window opened or reloaded while an import runs (issue 10, item 1), in real Chromium against
// browser mode: it picks up the running import (progress, Cancel), marks the panels as updating, shows
// coverage that agrees with those panels (the files the summaries count, not the files committed so
// far), and refreshes to the engine's numbers when the import ends. The import is started through the
// bridge as another window would; the test waits for its first committed file before opening the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ImportProgress, ImportSummary } from '../../shared/importing';
import type { MetricsResponse } from '../../shared/metrics';
import { plural } from '../../shared/format';
import { EngineClient } from '../../electron/engine/client';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/chromium';
import { assertBuilt, ROOT } from './helpers/web-server';
import { makeDataset, type Dataset } from './helpers/data';

// Under CI a missing Chromium fails (at launch) instead of skipping.
const run = hasChromium || process.env.CI === 'true';

describe.skipIf(!run)(`a window opened during an import${run ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let tmp: string;
  let web: WebServer;
  let engine: EngineClient;
  let browser: Browser;
  let small: Dataset;
  let big: Dataset;

  const post = async <T,>(name: string, body: unknown): Promise<{ ok: boolean; value: T }> => {
    const res = await fetch(`http://127.0.0.1:${web.port}/api/${name}?token=${web.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { ok: boolean; value: T };
  };
  /** The bridge imports only what is under its upload folder: the test puts the files there itself. */
  const stage = (d: Dataset, name: string) => {
    const dir = path.join(web.uploadRoot, name);
    fs.cpSync(d.dir, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    assertBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-e2e-during-'));
    small = makeDataset(path.join(tmp, 'january'), { days: 3, rowsPerDay: 800, startDate: '2024-01-01', seed: 21 });
    // Many files, so the page opens after the first has committed and well before the last.
    big = makeDataset(path.join(tmp, 'march'), { days: 40, rowsPerDay: 25_000, startDate: '2024-03-01', seed: 22 });
    web = await startWebServer({
      dbPath: path.join(tmp, 'analytics.db'),
      port: 0,
      rendererDir: path.join(ROOT, 'out', 'renderer'),
      uploadParent: tmp,
      openEngine: async (p) => (engine = await EngineClient.open(p)),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const newPage = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();

  it('picks up the running import, agrees with its panels while it runs, and refreshes when it ends', async () => {
    expect((await post('importPaths', { paths: [stage(small, 'january')] })).ok).toBe(true);
    const before = await engine.request('getMetrics', {});
    expect(before.coverage.files).toBe(small.files.length);

    const watching = await newPage(); // open before the import: reloaded during it
    await watching.goto(web.url);
    await watching.waitForSelector('[data-testid="panel-top_merchants"][data-state="data"]');

    const committed = new Promise<ImportProgress>((resolve) => {
      const off = engine.onProgress((p) => {
        if (p.files_done >= 1) {
          off();
          resolve(p);
        }
      });
    });
    const importing = post<ImportSummary>('importPaths', { paths: [stage(big, 'march')] });
    const first = await committed;
    expect(first.files_done).toBeLessThan(first.files_total);

    const opened = await newPage();
    await opened.goto(web.url);
    await watching.reload();
    for (const page of [opened, watching]) {
      await page.waitForSelector('[data-testid="progress-view"][data-phase="importing"] [data-testid="progress-bytes"]');
      expect(await page.getByTestId('cancel-import').isEnabled()).toBe(true);
      expect(await page.getByTestId('import-button').isDisabled()).toBe(true);
      await page.waitForSelector('[data-testid="panels-updating"]');
      expect(await page.locator('.panels').getAttribute('aria-busy')).toBe('true');
      // The coverage counts what the panels count: the files from before the import.
      await page.waitForSelector('[data-testid="panel-top_merchants"][data-state="data"]');
      expect(await page.getByTestId('coverage-files').textContent()).toBe(plural(before.coverage.files, 'file'));
      expect(await page.getByTestId('coverage-rows').textContent()).toBe(plural(before.coverage.events, 'row'));
    }

    const summary = await importing;
    expect(summary.ok).toBe(true);
    const after: MetricsResponse = await engine.request('getMetrics', {});
    expect(after.coverage.files).toBe(small.files.length + big.files.length);
    for (const page of [opened, watching]) {
      await page.waitForSelector('[data-testid="progress-view"]', { state: 'detached' });
      await page.waitForSelector(`[data-testid="coverage-files"]:text-is("${plural(after.coverage.files, 'file')}")`);
      expect(await page.getByTestId('coverage-rows').textContent()).toBe(plural(after.coverage.events, 'row'));
      expect(await page.getByTestId('top-merchant-id').textContent()).toBe(after.metrics.top_merchant!.merchant_id);
      expect(await page.locator('[data-testid="panels-updating"]').count()).toBe(0);
      // The window that followed the import shows how it ended, as the one that started it would.
      expect(await page.getByTestId('import-summary').textContent()).toContain('Import finished');
    }
  });
});
