import { describe, expect, it } from 'vitest';
import {
  baseName,
  formatBytes,
  formatCount,
  formatDate,
  formatDuration,
  formatMonth,
  formatNaira,
  formatPercent,
  formatRatio,
  formatReason,
  plural,
} from '../../shared/format';

describe('shared formatting', () => {
  it('shows naira to the kobo with thousands separators', () => {
    expect(formatNaira(151233885.45)).toBe('₦151,233,885.45');
    expect(formatNaira(23068866.75)).toBe('₦23,068,866.75');
    expect(formatNaira(15324167.9)).toBe('₦15,324,167.90');
    expect(formatNaira(0)).toBe('₦0.00');
    expect(formatNaira(0.05)).toBe('₦0.05');
    expect(formatNaira(null)).toBe('—');
    expect(formatNaira(Number.NaN)).toBe('—');
  });

  it('keeps kobo exact for large sums that are not exactly representable', () => {
    // 0.1 + 0.2 style drift must not show: values arrive rounded to 2 dp from the engine.
    expect(formatNaira(1234567890.12)).toBe('₦1,234,567,890.12');
    expect(formatNaira(99999999999.99)).toBe('₦99,999,999,999.99');
  });

  it('shows counts with thousands separators', () => {
    expect(formatCount(9776)).toBe('9,776');
    expect(formatCount(9_912_345)).toBe('9,912,345');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(undefined)).toBe('—');
  });

  it('shows rates with one decimal and a percent sign', () => {
    expect(formatPercent(5.3)).toBe('5.3%');
    expect(formatPercent(5)).toBe('5.0%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatRatio(947, 1147)).toBe('82.6%');
    expect(formatRatio(512, 947)).toBe('54.1%');
    expect(formatRatio(1, 0)).toBe('—');
  });

  it('writes months, dates, sizes and durations as people read them', () => {
    expect(formatMonth('2024-01')).toBe('Jan 2024');
    expect(formatMonth('2024-12')).toBe('Dec 2024');
    expect(formatMonth('garbage')).toBe('garbage');
    expect(formatDate('2024-01-05')).toBe('5 Jan 2024');
    expect(formatDate(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1.2 * 1024 ** 3)).toBe('1.2 GB');
    expect(formatDuration(null)).toBe('estimating…');
    expect(formatDuration(45.4)).toBe('45 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });

  it('turns codes and paths into words', () => {
    expect(formatReason('missing_merchant_id')).toBe('Missing merchant id');
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(1200, 'row')).toBe('1,200 rows');
    expect(baseName('/a/b/activities_20240101.csv')).toBe('activities_20240101.csv');
    expect(baseName('C:\\data\\activities_20240101.csv')).toBe('activities_20240101.csv');
  });
});
