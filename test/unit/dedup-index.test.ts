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

  // 5,000 hash values spread over the range, each shared by 40 ids: every tag match needs the stored id.
  const sharedHash = (i: number) => Math.imul(i % 5000, 0x9e3779b1) >>> 0;

  it('keeps every id when rows outnumber the estimate, adding tables beside the first', () => {
    const stored: Uint32Array[] = [new Uint32Array(4)];
    const idAt = (seq: number) => stored[seq] ?? null;
    const index = new DedupIndex(10_000);
    const n = 200_000;
    for (let i = 1; i <= n; i++) {
      const id = new Uint32Array([i, i ^ 0x5555, i * 3, 7]);
      stored.push(id);
      expect(index.findOrInsert(sharedHash(i), id, 0, i, idAt)).toBe(0);
    }
    expect(index.size).toBe(n);
    expect(index.capacity).toBeGreaterThan(n);
    expect(index.tableCount).toBeGreaterThan(1);
    for (let i = 1; i <= n; i += 97) expect(index.findOrInsert(sharedHash(i), stored[i], 0, n + 1, idAt)).toBe(i);
    expect(index.size).toBe(n);
  });

  it('reserves room up front with one more table only when the current one cannot take it', () => {
    const index = new DedupIndex(100_000);
    expect(index.hasRoom(100_000)).toBe(true);
    index.reserve(50_000);
    expect(index.tableCount).toBe(1);
    expect(index.hasRoom(200_000)).toBe(false);
    index.reserve(200_000);
    expect(index.tableCount).toBe(2);
    expect(index.hasRoom(200_000)).toBe(true);
  });

  it('keeps sequence numbers above 16 bits whole', () => {
    const stored = new Map<number, Uint32Array>();
    const idAt = (seq: number) => stored.get(seq) ?? null;
    const index = new DedupIndex();
    const seqs = [1, 65_535, 65_536, 65_537, 4_000_000_000];
    seqs.forEach((seq, k) => {
      const id = new Uint32Array([k, k, k, k]);
      stored.set(seq, id);
      expect(index.findOrInsert(0x12345678, id, 0, seq, idAt)).toBe(0);
    });
    seqs.forEach((seq, k) => expect(index.findOrInsert(0x12345678, new Uint32Array([k, k, k, k]), 0, 1, idAt)).toBe(seq));
  });

  it('treats an entry whose row was removed as absent', () => {
    const index = new DedupIndex();
    const id = new Uint32Array([9, 9, 9, 9]);
    expect(index.findOrInsert(7, id, 0, 5, () => null)).toBe(0);
    expect(index.findOrInsert(7, id, 0, 6, () => null)).toBe(0);
  });
});
