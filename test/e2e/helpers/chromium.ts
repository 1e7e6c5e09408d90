// Real Chromium for the renderer and end-to-end tests: Debian's package, driven by playwright-core.
// Never downloads a browser; where /usr/bin/chromium is missing the tests skip and say why.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM_PATH);
export const SKIP_MESSAGE = `skipped: no Chromium at ${CHROMIUM_PATH} (install Debian's "chromium" package; .ci/run does)`;

if (!hasChromium) console.warn(`[browser tests] ${SKIP_MESSAGE}`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}
