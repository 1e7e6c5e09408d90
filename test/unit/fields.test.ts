// The per-field rules of the import policy, at the edges the behaviour tests do not reach.
import { describe, expect, it } from 'vitest';
import { decodeUuid, formatUuid, parseAmountKobo, parseTimestamp, type ParsedTimestamp } from '../../electron/engine/import/fields.js';

const ts = (s: string): ParsedTimestamp | null => {
  const out = { ms: 0, month: 0, day: 0 };
  return parseTimestamp(s, out) ? out : null;
};

describe('event ids', () => {
  it('decodes a UUID in any case to the same words, and formats it back in lower case', () => {
    const a = new Uint32Array(4);
    const b = new Uint32Array(4);
    expect(decodeUuid('8a380d57-6b3d-40e1-b505-aeb1d462cac3', a, 0)).toBe(true);
    expect(decodeUuid('8A380D57-6B3D-40E1-B505-AEB1D462CAC3', b, 0)).toBe(true);
    expect([...a]).toEqual([...b]);
    expect(formatUuid(a)).toBe('8a380d57-6b3d-40e1-b505-aeb1d462cac3');
  });

  it.each(['', '8a380d57-6b3d-40e1-b505-aeb1d462cac', '8a380d57-6b3d-40e1-b505-aeb1d462cac3x', '8a380d576b3d40e1b505aeb1d462cac3', '{8a380d57-6b3d-40e1-b505-aeb1d462cac}', '8a380d57-6b3d-40e1-b505_aeb1d462cac3', 'g a380d57-6b3d-40e1-b505-aeb1d462cac'])(
    'refuses %j',
    (s) => expect(decodeUuid(s, new Uint32Array(4), 0)).toBe(false),
  );
});

describe('timestamps', () => {
  it('takes the time as written, whatever the offset', () => {
    expect(ts('2024-01-31T23:30:00-05:00')).toMatchObject({ month: 202401, day: 20240131 });
    expect(ts('2024-01-31T23:30:00-05:00')!.ms).toBe(Date.UTC(2024, 0, 31, 23, 30, 0));
    expect(ts('2024-01-31 23:30:00.123Z')!.ms).toBe(Date.UTC(2024, 0, 31, 23, 30, 0, 123));
    // Milliseconds are the first three decimals, truncated.
    for (const [frac, ms] of [['5', 500], ['29', 290], ['123456', 123], ['0009', 0], ['999999', 999]] as const) {
      expect(ts(`2024-01-01T00:00:00.${frac}`)!.ms).toBe(Date.UTC(2024, 0, 1) + ms);
    }
  });

  it.each(['2024-02-29', '2024-02-29T00:00:00', '2024-12-31 23:59:59', '2024-01-01T00:00:00.5', '2024-01-01T00:00:00+0100', '2024-01-01T00:00:00+01', '2000-02-29'])(
    'accepts %j',
    (s) => expect(ts(s)).not.toBeNull(),
  );

  it.each(['', 'NOT-A-DATE', '2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-01T24:00:00', '2024-01-01T10:60:00', '2024-01-01T10:00', '2024-01-01T10:00:00.', '2024-01-01Z', '2024-01-01T10:00:00+25:00', '2024-1-01', '24-01-01', '2024-02-29t11:00:00', '2024-02-29T11:00:00z', '2024-02-29_11:00:00'])(
    'refuses %j',
    (s) => expect(ts(s)).toBeNull(),
  );
});

describe('amounts in kobo', () => {
  it.each([
    ['0', 0],
    ['1000.00', 100000],
    ['+12.5', 1250],
    ['12.345', 1235],
    ['12.344', 1234],
    ['12.3449999', 1234],
    ['0.005', 1],
    ['0.0049', 0],
    ['1e3', 100000],
    ['1.5E-1', 15],
    ['.5', 50],
    ['5.', 500],
    ['999999999999.99', 99999999999999],
    ['90071992547409.90', 9007199254740990],
    ['1751.7499999999998', 175175],
    ['210.80000000000001', 21080],
    ['1234567890123.995', 123456789012400],
    ['12345678901234.5', 1234567890123450],
  ])('%j is %d kobo', (s, kobo) => expect(parseAmountKobo(s)).toBe(kobo));

  it.each(['', 'INVALID', '-5', '-0.01', 'NaN', 'Infinity', '1e999', '90071992547409.92', '1e20', '1,000.00', '1 000', '12.5.1', 'e5', '+', '0x10', '7.5e', '1.5x', '12345678901234.5.6'])('%j is invalid', (s) =>
    expect(parseAmountKobo(s)).toBeNaN(),
  );

  it('agrees with exact decimal rounding on long decimals (half-up on the third, later digits ignored)', () => {
    let x = 11;
    const digit = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 16) % 10;
    };
    for (let k = 0; k < 2000; k++) {
      const whole = Array.from({ length: 1 + (k % 13) }, digit).join('');
      const frac = Array.from({ length: k % 19 }, digit).join('');
      const s = frac ? `${whole}.${frac}` : whole;
      const cents = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2)) + (Number(frac[2] ?? '0') >= 5 ? 1n : 0n);
      expect(parseAmountKobo(s), s).toBe(Number(cents));
    }
  });

  it('is exact where binary floating point is not (0.1 + 0.2)', () => {
    expect(parseAmountKobo('0.1') + parseAmountKobo('0.2')).toBe(parseAmountKobo('0.3'));
  });
});

describe('percentages of two counts', () => {
  it('round half-up exactly, where binary fractions would not', async () => {
    const { ratioPercent } = await import('../../shared/format.js');
    expect(ratioPercent(1, 8)).toBe(12.5);
    expect(ratioPercent(11, 80)).toBe(13.8); // 13.75 exactly
    expect(ratioPercent(1, 3)).toBe(33.3);
    expect(ratioPercent(2, 3)).toBe(66.7);
    expect(ratioPercent(5, 0)).toBeNull();
  });
});
