// The dedup index must be exact even when different ids share a hash, and when stored rows are gone.
import { describe, expect, it } from 'vitest';
import { DedupIndex } from '../../electron/engine/import/dedup-index.js';

describe('DedupIndex', () => {
  it('tells ids apart that share a hash, by comparing the stored ids', () => {
    const stored = new Map<number, Uint32Array>();
    const idAt = (seq: number) => stored.get(seq) ?? null;
    const index = new DedupIndex();
    const ids = [1, 2, 3].map((k) => new Uint32Array([k, k * 7, 0, 99]));
    ids.forEach((id, i) => {
      expect(index.findOrInsert(42, id, 0, i + 1, idAt)).toBe(0);
      stored.set(i + 1, id);
    });
    // Same hash, same ids: each is found as its own earlier seq.
    ids.forEach((id, i) => expect(index.findOrInsert(42, id, 0, 100 + i, idAt)).toBe(i + 1));
  });

  it('keeps every id through growth', () => {
    const stored: Uint32Array[] = [new Uint32Array(4)];
    const idAt = (seq: number) => stored[seq] ?? null;
    const index = new DedupIndex();
    const n = 200_000;
    for (let i = 1; i <= n; i++) {
      const id = new Uint32Array([i, i ^ 0x5555, i * 3, 7]);
      stored.push(id);
      expect(index.findOrInsert((Math.imul(i, 0x9e3779b1) >>> 0) % 5000, id, 0, i, idAt)).toBe(0);
    }
    expect(index.capacity).toBeGreaterThan(n);
    for (let i = 1; i <= n; i += 997) {
      expect(index.findOrInsert((Math.imul(i, 0x9e3779b1) >>> 0) % 5000, stored[i], 0, n + 1, idAt)).toBe(i);
    }
  });

  it('treats an entry whose row was removed as absent', () => {
    const index = new DedupIndex();
    const id = new Uint32Array([9, 9, 9, 9]);
    expect(index.findOrInsert(7, id, 0, 5, () => null)).toBe(0);
    expect(index.findOrInsert(7, id, 0, 6, () => null)).toBe(0);
  });
});
