// The PDF report under a filter and a comparison, printed by Chromium from browser mode and read back
// with pdftotext page by page: the view line on every page, the comparison columns and every number of
// the engine's answer (formatted by the window's own table rules), the data-quality section, and no
// page left half empty before the last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { MetricsResponse } from '../../shared/metrics';
import type { DimensionsResponse } from '../../shared/exploring';
import type { DataQuality } from '../../shared/importing';
import { METRIC_ORDER } from '../../shared/metric-definitions';
import { formatCount } from '../../shared/format';
import { hasData, tableFor } from '../../renderer/src/panels/tables';
import { reportHash } from '../../shared/report-hash';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/chromium';
import { hasPdftotext } from './helpers/poppler';
import { api, ROOT, webWithData, type RunningWeb } from './helpers/web-server';

const ARTIFACTS = path.join(ROOT, 'test-results');
const SKIPPED_DAYS = ['2024-01-10', '2024-01-11', '2024-01-20'];
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe.skipIf(!hasChromium || !(hasPdftotext || process.env.CI === 'true'))(`the PDF report carries the view${hasChromium ? '' : ` (${SKIP_MESSAGE})`}`, () => {
  let web: RunningWeb;
  let done: () => Promise<void>;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    ({ web, done } = await webWithData('mad-e2e-pdf-', { days: 62, rowsPerDay: 150, startDate: '2023-12-01', seed: 12, skipDays: SKIPPED_DAYS }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await done?.();
  });

  for (const size of ['A4', 'Letter'] as const) {
    it(`prints the filter line on every ${size} page, the comparison columns, the numbers and the data quality`, async () => {
      const dims = (await api<DimensionsResponse>(web, 'getDimensions', {})).value;
      const region = dims.dimensions.region[0].value;
      const filter = { from: '2024-01-01', to: '2024-01-31', region: [region] };
      const r = (await api<MetricsResponse>(web, 'getMetrics', { filter, compare: 'previous' })).value;
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${web.url}${reportHash(size, filter, 'previous', false)}`);
      await page.waitForSelector('body[data-report-ready="true"]', { state: 'attached', timeout: 60_000 });
      const pdfPath = path.join(ARTIFACTS, `report-view-${size}.pdf`);
      await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
      await page.context().close();

      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThan(1);
      const viewLine = `Merchant Analytics · Period 2024-01-01 to 2024-01-31 · Region ${region} · compared with the previous period (2023-12-01 to 2023-12-31)`;
      const texts: string[] = [];
      for (let p = 1; p <= pages; p++) {
        const text = flat(execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdfPath, '-'], { encoding: 'utf8' }));
        expect(text, `page ${p}`).toContain(viewLine);
        texts.push(text);
      }
      const all = texts.join(' ');

      // Every row of every table, comparison columns included, as the window formats it.
      for (const name of METRIC_ORDER) {
        if (!hasData(name, r.metrics)) continue;
        const model = tableFor(name, r.metrics, r.compare!.metrics);
        expect(all).toContain(model.columns.map((c) => c.label).join(' '));
        for (const row of model.rows) expect(all, `${name}: ${row.join(' | ')}`).toContain(flat(row.join(' ')));
      }
      expect(all).toContain('Previous Change Change %');

      expect(all).toContain(`Days without data: 3 (2024-01-10 to 2024-01-11, 2024-01-20).`);
      expect(all).toContain(`Rows rejected: ${formatCount(r.coverage.rejected_rows)}.`);
      expect(all).toContain(`Rows kept with a warning: ${formatCount(r.coverage.warnings ?? 0)}.`);
      expect(all).toMatch(/Comparison period: \d+ days? without data/);
      const quality = (await api<DataQuality>(web, 'getDataQuality', { filter })).value;
      const reasons = { ...quality.rejected_by_reason, ...quality.warnings_by_reason };
      expect(Object.keys(reasons).length).toBeGreaterThan(0);
      for (const [reason, n] of Object.entries(quality.rejected_by_reason)) expect(all).toContain(`Rejected, ${reason.replace(/_/g, ' ')}: ${formatCount(n)}`);
      for (const [reason, n] of Object.entries(quality.warnings_by_reason)) expect(all).toContain(`Kept with a warning, ${reason.replace(/_/g, ' ')}: ${formatCount(n)}`);
      expect(all).toContain(`From ${quality.files.length} files in`);

      // No page but the last ends with its lower half empty: text reaches below its middle.
      const bbox = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8' });
      const pageBoxes = bbox.split('<page ').slice(1);
      expect(pageBoxes).toHaveLength(pages);
      pageBoxes.slice(0, -1).forEach((box, i) => {
        const height = Number(/height="([\d.]+)"/.exec(box)![1]);
        const words = [...box.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)];
        // The page number at the foot is not content.
        const bottom = Math.max(...words.filter((w) => Number(w[1]) < height * 0.93).map((w) => Number(w[2])));
        expect(bottom / height, `page ${i + 1}`).toBeGreaterThan(0.5);
      });
    });
  }
});
