// One end-to-end session: a temporary folder with a database that `prepare` fills, browser mode on
// it, Chromium and one page whose uncaught errors are collected; close() ends and removes it all.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { assertBuilt, CLI_JS, ROOT, startWeb, type RunningWeb } from './web-server';

export const ARTIFACTS = path.join(ROOT, 'test-results');

export interface E2eSession {
  tmp: string;
  db: string;
  web: RunningWeb;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

/** Imports folders or files into db with the CLI, as an analyst would have before. */
export function importWithCli(db: string, ...paths: string[]): void {
  execFileSync(process.execPath, [CLI_JS, 'import', '--db', db, '--json', ...paths], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
}

export async function openSession(prefix: string, prepare: (tmp: string, db: string) => void): Promise<E2eSession> {
  assertBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = path.join(tmp, 'analytics.db');
  prepare(tmp, db);
  const web = await startWeb(db);
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    tmp,
    db,
    web,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await web.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
