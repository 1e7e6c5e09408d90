// The benchmark's data generator: the same seed gives the same bytes, and the data carries the real
// files' shape, defects and cross-day duplicates at about the intended rates.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import type { GenerateResult } from '../../bench/generate.js';
import { DEFECT_RATES, DUPLICATE_RATE, HEADER } from '../../bench/shape.js';
import { tempDir } from '../helpers/csv.js';

const digest = (files: string[]): string[] =>
  files.map((f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex'));

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generateDataset', () => {
  it('writes the same bytes for the same seed and different bytes for another seed', () => {
    const a = generateDataset({ outDir: tempDir('mad-gen-'), rows: 30_000, days: 3, seed: 7 });
    const b = generateDataset({ outDir: tempDir('mad-gen-'), rows: 30_000, days: 3, seed: 7 });
    const c = generateDataset({ outDir: tempDir('mad-gen-'), rows: 30_000, days: 3, seed: 8 });
    expect(a.files.map((f) => path.basename(f))).toEqual([
      'activities_20240101.csv',
      'activities_20240102.csv',
      'activities_20240103.csv',
    ]);
    expect(digest(a.files)).toEqual(digest(b.files));
    expect(digest(c.files)).not.toEqual(digest(a.files));
    expect(a.bytes).toBe(a.files.reduce((s, f) => s + fs.statSync(f).size, 0));
  });

  it('writes the same rows quoted and with CRLF line ends when asked, like other CSV writers', () => {
    const plain = generateDataset({ outDir: tempDir('mad-gen-'), rows: 30_000, days: 2, seed: 4 });
    const styled = generateDataset({ outDir: tempDir('mad-gen-'), rows: 30_000, days: 2, seed: 4, quote: true, crlf: true });
    expect(styled.defects).toEqual(plain.defects);
    plain.files.forEach((file, i) => {
      const a = fs.readFileSync(file, 'utf8');
      const b = fs.readFileSync(styled.files[i], 'utf8');
      expect(a.includes('\r')).toBe(false);
      expect(b.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
      expect(b.split('\r\n')[1]).toMatch(/^"[0-9a-f-]{36}","(MRC-\d{6})?","[^"]*","[A-Z_]+","[A-Z_]+",("INVALID"|[\d.]+),"[A-Z]+"/);
      expect(Papa.parse(b, { skipEmptyLines: true }).data).toEqual(Papa.parse(a, { skipEmptyLines: true }).data);
    });
  });

  describe('on 20 days (about 540,000 rows)', () => {
    let result: GenerateResult;
    const rows: string[][][] = [];
    const load = (): void => {
      if (result) return;
      result = generateDataset({ outDir: tempDir('mad-gen-'), days: 20, seed: 3, startDate: '2024-02-20' });
      for (const file of result.files) {
        const text = fs.readFileSync(file, 'utf8');
        expect(text.startsWith(HEADER)).toBe(true);
        const parsed = Papa.parse<string[]>(text.slice(HEADER.length), { skipEmptyLines: true });
        expect(parsed.errors).toEqual([]);
        rows.push(parsed.data);
      }
    };

    it('has daily files of about 27,000 rows, each rows with ten fields, and the total asked for', () => {
      load();
      expect(result.rows).toBe(20 * 27_050);
      expect(rows.flat().length).toBe(result.rows);
      expect(path.basename(result.files[9])).toBe('activities_20240229.csv'); // leap day included
      for (const day of rows) {
        expect(day.length).toBeGreaterThan(15_000);
        expect(day.length).toBeLessThan(45_000);
        expect(day.every((r) => r.length === 10)).toBe(true);
      }
    });

    it('produces the real defects at about the real rates, and counts them exactly', () => {
      load();
      const all = rows.flat();
      const counted = {
        empty_timestamp: all.filter((r) => r[2] === '').length,
        not_a_date: all.filter((r) => r[2] === 'NOT-A-DATE').length,
        invalid_amount: all.filter((r) => r[5] === 'INVALID').length,
        missing_merchant: all.filter((r) => r[1] === '').length,
      };
      expect(counted).toEqual(result.defects);
      for (const key of Object.keys(DEFECT_RATES) as (keyof typeof DEFECT_RATES)[]) {
        const expected = DEFECT_RATES[key] * result.rows;
        expect(counted[key], key).toBeGreaterThan(expected * 0.6);
        expect(counted[key], key).toBeLessThan(expected * 1.4);
      }
      // Everything else is well-formed: valid v4 ids, timestamps of the file's own day.
      expect(all.every((r) => UUID_V4.test(r[0]))).toBe(true);
      rows.forEach((day, i) => {
        const date = path.basename(result.files[i]).slice(11, 19).replace(/(\d{4})(\d\d)(\d\d)/, '$1-$2-$3');
        const normal = day.filter((r) => r[1] !== '' && r[2] !== '' && r[2] !== 'NOT-A-DATE' && r[5] !== 'INVALID');
        expect(normal.every((r) => r[2].startsWith(`${date}T`) && /^\d+\.\d{1,2}$/.test(r[5]))).toBe(true);
      });
    });

    it('re-uses about 0.05% of event_ids from earlier days, never within the first file', () => {
      load();
      const firstSeen = new Map<string, number>();
      let crossFile = 0;
      rows.forEach((day, i) => {
        for (const r of day) {
          const seen = firstSeen.get(r[0]);
          if (seen === undefined) firstSeen.set(r[0], i);
          else if (seen < i) crossFile++;
        }
      });
      expect(crossFile).toBe(result.duplicates);
      const expected = DUPLICATE_RATE * result.rows * (19 / 20);
      expect(crossFile).toBeGreaterThan(expected * 0.7);
      expect(crossFile).toBeLessThan(expected * 1.3);
    });

    it('keeps region and tier fixed per merchant, with skewed activity and the real status mix', () => {
      load();
      const normal = rows.flat().filter((r) => r[1] !== '');
      const profile = new Map<string, string>();
      const perMerchant = new Map<string, number>();
      const status = { SUCCESS: 0, FAILED: 0, PENDING: 0 } as Record<string, number>;
      let conflicts = 0;
      for (const r of normal) {
        const p = `${r[8]},${r[9]}`;
        if ((profile.get(r[1]) ?? p) !== p) conflicts++;
        profile.set(r[1], p);
        perMerchant.set(r[1], (perMerchant.get(r[1]) ?? 0) + 1);
        status[r[6]]++;
      }
      expect(conflicts).toBe(0);
      expect(perMerchant.size).toBeGreaterThan(9_000);
      expect(perMerchant.size).toBeLessThanOrEqual(10_000);
      const counts = [...perMerchant.values()].sort((a, b) => b - a);
      // Zipf-like: the busiest merchant trades several times as much as the median one.
      expect(counts[0] / counts[counts.length >> 1]).toBeGreaterThan(3);
      expect(status.SUCCESS / normal.length).toBeCloseTo(0.92, 1);
      expect(status.FAILED / normal.length).toBeCloseTo(0.05, 1);
      expect(status.PENDING / normal.length).toBeCloseTo(0.03, 1);
    });
  });
});
