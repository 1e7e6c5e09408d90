// Starting over from a damaged database in the window (issue 11), in real Chromium against browser
// mode: a database cut short still opens the page, which says it is damaged and offers "Start a new
// database and import the files again"; the button moves the file aside, imports the files its ledger
// lists (one of them deleted since: named as missing) and the dashboard goes on with the new database,
// whose metrics equal a clean import of the files that are left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Metrics } from '../../shared/metrics';
import { formatNaira } from '../../shared/format';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/chromium';
import { cliMetrics } from './helpers/cli';
import { api, assertBuilt, CLI_JS, ROOT, startWeb, type RunningWeb } from './helpers/web-server';
import { makeDataset } from './helpers/data';

// Under CI a missing Chromium fails (at launch) instead of skipping.
const run = hasChromium || process.env.CI === 'true';

describe.skipIf(!run)(`starting over from a damaged database in the window${run ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let tmp: string;
  let db: string;
  let gone: string;
  let web: RunningWeb;
  let browser: Browser;
  let page: Page;
  let reference: Metrics;
  let damagedHash: string;
  const sha256 = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

  beforeAll(async () => {
    assertBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-e2e-start-over-'));
    db = path.join(tmp, 'analytics.db');
    const data = makeDataset(path.join(tmp, 'data'), { days: 3, rowsPerDay: 400, startDate: '2024-01-01', seed: 9 });
    const cli = (...args: string[]) => execFileSync(process.execPath, [CLI_JS, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    cli('import', '--db', db, '--json', data.dir);
    gone = data.files[data.files.length - 1];
    fs.rmSync(gone);
    const kept = path.join(tmp, 'reference.db');
    cli('import', '--db', kept, '--json', data.dir);
    reference = cliMetrics(kept);
    fs.truncateSync(db, Math.floor(fs.statSync(db).size / 3));
    damagedHash = sha256(db);
    web = await startWeb(db);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    await page.goto(web.url);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('says the database is damaged, starts over at the press of a button, and the dashboard goes on', async () => {
    const damaged = page.getByTestId('damaged-database');
    await damaged.waitFor();
    expect(await damaged.textContent()).toMatch(/Your Merchant Analytics database .* is damaged/);
    expect(await page.getByTestId('panel-top_merchants').count()).toBe(0);

    await page.getByRole('button', { name: 'Start a new database and import the files again' }).click();
    const result = page.getByTestId('start-over-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('2 files imported again');
    expect(await page.getByTestId('start-over-missing').textContent()).toBe(gone);
    expect(await damaged.count()).toBe(0);

    const top = reference.top_merchant!;
    await page.waitForSelector(`[data-testid="panel-top_merchants"][data-state="data"]:has-text("${formatNaira(top.total_volume)}")`);
    const { moved_to } = /kept as (?<moved_to>\S+\.damaged-\d{8}-\d{6})/.exec((await result.textContent()) ?? '')!.groups!;
    expect(path.dirname(moved_to)).toBe(tmp);
    expect(sha256(moved_to)).toBe(damagedHash);
    expect(cliMetrics(db)).toEqual(reference);
    // Asked again (another tab, a double click): the same answer, and nothing more is moved.
    const again = await api<{ moved_to: string }>(web, 'startOver');
    expect(again.value.moved_to).toBe(moved_to);
    expect(fs.readdirSync(tmp).filter((f) => f.includes('.damaged-') && !/-(wal|shm)$/.test(f))).toEqual([path.basename(moved_to)]);
  });
});
