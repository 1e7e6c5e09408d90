// The CLI's filtered metrics on a small generated data set: with filter flags and --compare the output has
// exactly the metric keys plus filter and coverage (and compare), with the reference's values; without
// flags exactly today's six keys; bad flags or values give one stderr line, exit 2 and nothing on stdout.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareSpec, MetricFilter } from '../../shared/filter.js';
import { tempDir } from '../helpers/csv.js';
import { runCli } from '../helpers/engine.js';
import { merchantId, writeActivity } from './generate.js';
import { METRIC_KEYS, compareRange, datesBetween, evaluate, normalised, readEvents, referenceMetrics, type RefEvent } from './reference.js';

let db: string;
let events: RefEvent[];

beforeAll(() => {
  const dir = tempDir('mad-cli-');
  const days = [...datesBetween('2023-01-01', '2023-01-10'), ...datesBetween('2024-01-01', '2024-01-10')];
  const paths = writeActivity(path.join(dir, 'data'), { seed: 31, days, rowsPerDay: () => 80, merchants: 40, idBase: 0xb000000 });
  events = readEvents(paths).events;
  db = path.join(dir, 'cli.db');
  const r = runCli(['import', '--db', db, '--json', path.join(dir, 'data')]);
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout).accepted).toBe(events.length);
}, 120_000);

function metricsJson(args: string[]): Record<string, unknown> {
  const r = runCli(['metrics', '--db', db, '--json', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function expectReference(out: Record<string, unknown>, filter: MetricFilter, compare?: CompareSpec) {
  const { selected, coverage } = evaluate(events, filter);
  const want = referenceMetrics(selected);
  expect(Object.keys(out).sort()).toEqual([...METRIC_KEYS, 'filter', 'coverage', ...(compare ? ['compare'] : [])].sort());
  for (const k of METRIC_KEYS) expect(JSON.stringify(out[k]), k).toBe(JSON.stringify(want[k]));
  expect(out.filter).toEqual(normalised(filter));
  expect((out.coverage as { events: number }).events).toBe(coverage.events);
  if (!compare) return;
  const range = compareRange(filter, compare);
  const other = evaluate(events, { ...filter, ...range });
  const c = out.compare as Record<string, unknown>;
  // The spec lists from, to and the six metrics; keys may be added (README), and the one added is the comparison's coverage.
  expect(Object.keys(c).filter((k) => k !== 'coverage').sort()).toEqual(['from', 'to', ...METRIC_KEYS].sort());
  if ('coverage' in c) expect((c.coverage as { events: number }).events).toBe(other.coverage.events);
  expect([c.from, c.to]).toEqual([range.from, range.to]);
  const cw = referenceMetrics(other.selected);
  for (const k of METRIC_KEYS) expect(JSON.stringify(c[k]), `compare ${k}`).toBe(JSON.stringify(cw[k]));
}

describe('cli metrics with filters', () => {
  it('without filter flags: exactly the six metric keys, unfiltered', () => {
    const out = metricsJson([]);
    expect(Object.keys(out)).toEqual([...METRIC_KEYS]);
    const want = referenceMetrics(events);
    for (const k of METRIC_KEYS) expect(JSON.stringify(out[k]), k).toBe(JSON.stringify(want[k]));
  });

  const cases: [string[], MetricFilter, CompareSpec?][] = [
    [['--from', '2024-01-03', '--to', '2024-01-07', '--region', 'LAGOS,KANO', '--exclude-channel', 'WEB', '--compare', 'previous'], { from: '2024-01-03', to: '2024-01-07', region: ['LAGOS', 'KANO'], exclude: { channel: ['WEB'] } }, 'previous'],
    [['--from', '2024-01-02', '--to', '2024-01-09', '--tier', 'PREMIUM,VERIFIED', '--exclude-product', 'KYC', '--compare', 'year'], { from: '2024-01-02', to: '2024-01-09', tier: ['PREMIUM', 'VERIFIED'], exclude: { product: ['KYC'] } }, 'year'],
    [['--product', 'POS,KYC,BILLS', '--exclude-region', 'ABUJA', '--compare', '2023-01-01..2023-01-05'], { product: ['POS', 'KYC', 'BILLS'], exclude: { region: ['ABUJA'] } }, { from: '2023-01-01', to: '2023-01-05' }],
    [['--merchant', `${merchantId(1)},${merchantId(2)},${merchantId(7)}`, '--channel', 'POS,APP', '--exclude-tier', 'STARTER'], { merchant: [merchantId(1), merchantId(2), merchantId(7)], channel: ['POS', 'APP'], exclude: { tier: ['STARTER'] } }],
    [['--from', '2024-01-05'], { from: '2024-01-05' }],
    [['--to', '2023-01-04', '--region', 'lagos'], { to: '2023-01-04', region: ['lagos'] }],
    [['--region', 'ATLANTIS'], { region: ['ATLANTIS'] }],
  ];
  for (const [args, filter, compare] of cases) {
    it(args.join(' '), () => {
      expectReference(metricsJson(args), filter, compare);
    });
  }
});

describe('cli metrics refuses bad flags: one line on stderr, exit 2, nothing written', () => {
  const bad: string[][] = [
    ['--from', '2024-02-30'],
    ['--from', '2024-03-01', '--to', '2024-02-01'],
    ['--compare', 'previous'],
    ['--compare', 'year', '--from', '2024-01-01'],
    ['--compare', 'sideways', '--from', '2024-01-01', '--to', '2024-01-02'],
    ['--compare', '2024-01-05..2024-01-01'],
    ['--region'],
    ['--region', '--from', '2024-01-01'],
    ['--colour', 'red'],
    ['--from', ''],
    ['--to', ' '],
    ['--compare', ''],
    ['--from', '2024-01-01', '--from', '2024-01-05'],
    ['--from', '2024-01-01', '--to', '2024-01-05', '--compare', 'previous', '--compare', 'year'],
  ];
  for (const args of bad) {
    it(args.join(' '), () => {
      const before = crypto.createHash('sha256').update(fs.readFileSync(db)).digest('hex');
      const r = runCli(['metrics', '--db', db, '--json', ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).not.toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(crypto.createHash('sha256').update(fs.readFileSync(db)).digest('hex')).toBe(before);
    });
  }
});
