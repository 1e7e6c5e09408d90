// Serves the component harness with Vite and opens it in real Chromium, for every component test file.
import path from 'node:path';
import { createServer } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../e2e/helpers/chromium';

const ROOT = path.resolve(__dirname, '../../..');

export interface OpenHarness {
  page: Page;
  /** Page errors and console errors seen while loading. */
  errors: string[];
  close(): Promise<void>;
}

export async function openHarness(): Promise<OpenHarness> {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    oxc: { jsx: { runtime: 'automatic' } },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    // papaparse (the drill's CSV export, through shared/csv-safe) is CommonJS: Vite must pre-bundle it.
    optimizeDeps: { noDiscovery: true, include: ['react', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client', 'chart.js', 'react-chartjs-2', 'zustand', 'papaparse'] },
  });
  await server.listen();
  const address = server.httpServer!.address() as { port: number };
  const browser = await launchChromium();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${address.port}/test/renderer/harness/index.html`);
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.waitForSelector('body[data-harness-ready="true"]', { state: 'attached', timeout: 60_000 });
  return {
    page,
    errors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens the harness before a file's tests (failing on any load error) and closes it after; returns the page. */
export function useHarness(): () => Page {
  let harness: OpenHarness | undefined;
  beforeAll(async () => {
    harness = await openHarness();
    expect(harness.errors).toEqual([]);
  });
  afterAll(async () => {
    await harness?.close();
  });
  return () => harness!.page;
}
