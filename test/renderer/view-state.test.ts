// The pure view modules: URL hash <-> view, date presets, filter edits, day lists, comparison cells.
import { describe, expect, it } from 'vitest';
import { parseViewHash, serializeView, isDashboardHash } from '../../shared/url-state.js';
import { presetFor, resolvePreset } from '../../shared/presets.js';
import { clickMonth, clickValue, switchMode, toggleValue } from '../../renderer/src/view/filter-edit';
import { daysWithoutDataText, formatDayList } from '../../renderer/src/view/day-list';
import { changeCells, continuedPercent } from '../../renderer/src/view/compare-format';
import { parseReportHash, reportHash } from '../../shared/report-hash';

describe('URL hash', () => {
  it('reads every CLI flag name, comma lists, exclusions, merchants, compare and preset', () => {
    const { view, error } = parseViewHash(
      '#/?from=2024-01-01&to=2024-01-31&region=lagos,ABUJA&channel=POS&tier=2&product=BILLS&exclude-region=KANO&exclude-channel=USSD&exclude-tier=1&exclude-product=KYC&merchant=MRC-1,MRC-2&compare=previous&preset=last-month',
    );
    expect(error).toBeNull();
    expect(view).toEqual({
      filter: {
        from: '2024-01-01', to: '2024-01-31', region: ['LAGOS', 'ABUJA'], channel: ['POS'], tier: ['2'], product: ['BILLS'],
        exclude: { region: ['KANO'], channel: ['USSD'], tier: ['1'], product: ['KYC'] }, merchant: ['MRC-1', 'MRC-2'],
      },
      compare: 'previous',
      preset: 'last-month',
    });
  });

  it('writes a view the same way every time and reads it back', () => {
    const view = { filter: { from: '2024-02-01', to: '2024-02-29', region: ['LAGOS', 'A,B'], exclude: { product: ['KYC'] }, merchant: ['MRC 1'] }, compare: 'year' as const };
    const hash = serializeView(view);
    expect(hash).toBe('#/?from=2024-02-01&to=2024-02-29&region=LAGOS,A%2CB&exclude-product=KYC&merchant=MRC%201&compare=year');
    expect(parseViewHash(hash)).toEqual({ view, error: null });
    expect(serializeView({ filter: {} })).toBe('#/');
    expect(serializeView({ filter: {}, preset: 'all' })).toBe('#/');
  });

  it('keeps what is valid and says what was not', () => {
    const bad = parseViewHash('#/?from=2024-02-30&to=2024-03-01&region=LAGOS&colour=red&compare=sideways');
    expect(bad.view.filter).toEqual({ region: ['LAGOS'] });
    expect(bad.error).toContain('"colour" is not a filter');
    expect(bad.error).toContain('filter.from must be a date');
    expect(bad.error).toContain('compare must be previous or year');
    // A comparison without dates cannot be run: dropped, with the reason.
    const noDates = parseViewHash('#/?region=LAGOS&compare=previous');
    expect(noDates.view.compare).toBeUndefined();
    expect(noDates.error).toContain('needs both filter.from and filter.to');
    expect(parseViewHash('#/?from=2024-03-01&to=2024-01-01').view.filter).toEqual({});
  });

  it('knows its own routes', () => {
    for (const h of ['', '#', '#/', '#/?region=X']) expect(isDashboardHash(h)).toBe(true);
    expect(isDashboardHash('#/report?page=A4')).toBe(false);
  });

  it('the report route carries the view', () => {
    const h = reportHash('Letter', { from: '2024-01-01', to: '2024-01-07', region: ['LAGOS'] }, 'previous', true);
    expect(h).toBe('#/report?page=Letter&print=1&from=2024-01-01&to=2024-01-07&region=LAGOS&compare=previous');
    expect(parseReportHash(h)).toEqual({ page: 'Letter', print: true, view: { filter: { from: '2024-01-01', to: '2024-01-07', region: ['LAGOS'] }, compare: 'previous' } });
    expect(parseReportHash('#/report?page=A4')).toEqual({ page: 'A4', print: false, view: { filter: {} } });
  });
});

describe('date presets count back from the last day with data', () => {
  const last = '2024-05-15';
  it('resolves each preset', () => {
    expect(resolvePreset('last-7', last)).toEqual({ from: '2024-05-09', to: last });
    expect(resolvePreset('last-30', last)).toEqual({ from: '2024-04-16', to: last });
    expect(resolvePreset('last-90', last)).toEqual({ from: '2024-02-16', to: last });
    expect(resolvePreset('this-month', last)).toEqual({ from: '2024-05-01', to: last });
    expect(resolvePreset('last-month', last)).toEqual({ from: '2024-04-01', to: '2024-04-30' });
    expect(resolvePreset('this-quarter', last)).toEqual({ from: '2024-04-01', to: last });
    expect(resolvePreset('last-quarter', last)).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(resolvePreset('ytd', last)).toEqual({ from: '2024-01-01', to: last });
    expect(resolvePreset('all', last)).toBeNull();
    expect(resolvePreset('last-7', null)).toBeNull();
  });
  it('crosses year boundaries and leap days', () => {
    expect(resolvePreset('last-month', '2024-01-10')).toEqual({ from: '2023-12-01', to: '2023-12-31' });
    expect(resolvePreset('last-quarter', '2024-02-10')).toEqual({ from: '2023-10-01', to: '2023-12-31' });
    expect(resolvePreset('last-month', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
  it('names dates that match a preset', () => {
    expect(presetFor({ from: '2024-04-01', to: '2024-04-30' }, last)).toBe('last-month');
    expect(presetFor({}, last)).toBe('all');
    expect(presetFor({ from: '2024-04-02', to: '2024-04-30' }, last)).toBe('custom');
  });
});

describe('filter edits', () => {
  const none = { add: false, exclude: false };
  it('click: only this value; again removes; Ctrl adds; Alt excludes', () => {
    expect(clickValue({}, 'product', 'POS', none)).toEqual({ product: ['POS'] });
    expect(clickValue({ product: ['POS'] }, 'product', 'POS', none)).toEqual({});
    expect(clickValue({ product: ['POS'] }, 'product', 'KYC', { add: true, exclude: false })).toEqual({ product: ['POS', 'KYC'] });
    expect(clickValue({ product: ['POS'] }, 'product', 'KYC', none)).toEqual({ product: ['KYC'] });
    expect(clickValue({}, 'product', 'KYC', { add: false, exclude: true })).toEqual({ exclude: { product: ['KYC'] } });
    expect(clickValue({ exclude: { product: ['KYC'] } }, 'product', 'KYC', { add: false, exclude: true })).toEqual({});
  });
  it('a month click sets its dates, widens with Ctrl, clears when clicked again', () => {
    const end = (ym: string) => (ym === '2024-02' ? '2024-02-29' : `${ym}-31`);
    expect(clickMonth({}, '2024-02', none, end)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(clickMonth({ from: '2024-02-01', to: '2024-02-29' }, '2024-02', none, end)).toEqual({});
    expect(clickMonth({ from: '2024-02-01', to: '2024-02-29' }, '2024-03', { add: true, exclude: false }, end)).toEqual({ from: '2024-02-01', to: '2024-03-31' });
  });
  it('switching include/exclude moves the chosen values', () => {
    expect(switchMode({ region: ['A', 'B'] }, 'region', 'exclude')).toEqual({ exclude: { region: ['A', 'B'] } });
    expect(switchMode(toggleValue({}, 'region', 'A', 'exclude'), 'region', 'include')).toEqual({ region: ['A'] });
  });
});

describe('days without data', () => {
  it('names days by month, runs as spans, the year only across years', () => {
    expect(daysWithoutDataText(['2024-01-05', '2024-01-10', '2024-01-18', '2024-01-24', '2024-01-31'])).toBe('5 days have no data: 5, 10, 18, 24, 31 Jan');
    expect(daysWithoutDataText(['2024-01-03'])).toBe('1 day has no data: 3 Jan');
    expect(daysWithoutDataText([])).toBeNull();
    expect(formatDayList(['2024-02-05', '2024-02-19', '2024-02-20', '2024-02-21', '2024-03-01', '2024-02-07', '2024-02-08'])).toBe('5, 7, 8, 19–21 Feb; 1 Mar');
    expect(formatDayList(['2023-12-31', '2024-01-01'])).toBe('31 Dec 2023; 1 Jan 2024');
    expect(formatDayList(['2024-01-01', '2024-01-03', '2024-01-05'], 2)).toBe('1, 3 Jan and 1 more');
  });
});

describe('comparison cells', () => {
  it('counts, money to the kobo, rates in points, and "new" for a previous 0', () => {
    expect(changeCells(120, 100, 'count')).toEqual({ previous: '100', change: '+20', percent: '+20.0%' });
    expect(changeCells(90, 100, 'count')).toEqual({ previous: '100', change: '−10', percent: '−10.0%' });
    expect(changeCells(5, 0, 'count')).toEqual({ previous: '0', change: '+5', percent: 'new' });
    expect(changeCells(0, 0, 'count').percent).toBe('0.0%');
    expect(changeCells(0.3, 0.1, 'money')).toEqual({ previous: '₦0.10', change: '+₦0.20', percent: '+200.0%' });
    expect(changeCells(5.3, 4.9, 'rate')).toEqual({ previous: '4.9%', change: '+0.4 pp', percent: '—' });
    expect(changeCells(5, undefined, 'count')).toEqual({ previous: '—', change: '—', percent: '—' });
  });
  it('the funnel never reads 100.0% unless everyone continued', () => {
    expect(continuedPercent(888, 1000)).toBe(88.8);
    expect(continuedPercent(9999, 10000)).toBe(99.9);
    expect(continuedPercent(5, 5)).toBe(100);
    expect(continuedPercent(1, 8)).toBe(12.5);
    expect(continuedPercent(1, 0)).toBeNull();
  });
});
