// The parse thread's merchant dictionary looks numbered ids up in a table: it must hand out exactly the
// ids (and new texts) a plain Map-backed dictionary does, whatever the ids look like.
import { describe, expect, it } from 'vitest';
import { Dict, MerchantDict } from '../../electron/engine/import/parse-file.js';

function same(values: string[]) {
  const plain = new Dict();
  const fast = new MerchantDict();
  const a = values.map((v) => plain.id(v));
  const b = values.map((v) => fast.id(v));
  expect(b).toEqual(a);
  expect(fast.takeNew()).toEqual(plain.takeNew());
  return b;
}

describe('MerchantDict', () => {
  it('gives the same ids as the Map for numbered ids, other shapes and near misses', () => {
    let x = 7;
    const rnd = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % n;
    };
    const values = ['MRC-000001'];
    const odd = ['MRC-00001', 'MRC-0000001', 'MRX-000001', 'mrc-000001', 'MRC-00000A', 'MRC 000001', '000001MRC-', 'MRC-', '', 'M', 'MRC-999999', 'MRC-000000'];
    for (let i = 0; i < 20_000; i++) values.push(rnd(10) === 0 ? odd[rnd(odd.length)] : `MRC-${String(rnd(1_000_000)).padStart(6, '0')}`);
    const ids = same(values);
    // The same with unpadded numbers of varying width first.
    same(['M-5', ...values.map((v, i) => (i % 3 ? v.replace(/^MRC-0*/, 'M-') : v))]);
    // Equal texts get equal ids and different texts different ones.
    const byText = new Map<string, number>();
    values.forEach((v, i) => {
      expect(byText.get(v) ?? ids[i]).toBe(ids[i]);
      byText.set(v, ids[i]);
    });
    expect(new Set(byText.values()).size).toBe(byText.size);
  });

  it('falls back to the Map past its table and when the first id has no number', () => {
    same(['M-123456789', 'M-000000001', 'M-999999999', 'M-123456789', 'M-000000001', 'M-1048575', 'M-001048576', 'M-001048576']);
    same(['alpha', 'beta', 'MRC-000001', 'alpha', 'MRC-000001', 'MRC-000002']);
    same(['A1', 'A2', 'A10', 'A1', 'B1', 'A01', 'A1']);
    // Numbers without leading zeros, of any width; a padded one among them goes through the Map.
    same(['MERCH_39', 'MERCH_7', 'MERCH_12345', 'MERCH_007', 'MERCH_7', 'MERCH_0', 'MERCH_00', 'MERCH_12345', 'MERCH_1234567890', 'MERCH_39']);
  });
});
