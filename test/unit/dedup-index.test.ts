// The dedup index must be exact even when different ids share a hash or a tag, and when stored rows are gone.
import { describe, expect, it } from 'vitest';
import { DedupIndex, type FindIdIn } from '../../electron/engine/import/dedup-index.js';
import { tagHash } from '../../electron/engine/import/batch.js';

const same = (id: ArrayLike<number>, words: ArrayLike<number>, at: number) =>
  id[0] === words[at] && id[1] === words[at + 1] && id[2] === words[at + 2] && id[3] === words[at + 3];

/** Stored ids by seq, searched by range as the engine's finder does; counts the confirmations asked for. */
function store() {
  const ids = new Map<number, Uint32Array>();
  let asked = 0;
  const findIn: FindIdIn = (lo, hi, words, at) => {
    asked++;
    if (hi - lo < ids.size) {
      for (let s = lo; s <= hi; s++) if (ids.has(s) && same(ids.get(s)!, words, at)) return s;
      return 0;
    }
    for (const [s, id] of ids) if (s >= lo && s <= hi && same(id, words, at)) return s;
    return 0;
  };
  return { ids, findIn, asked: () => asked };
}

describe('DedupIndex', () => {
  it('tells ids apart that share a hash, by comparing the stored ids', () => {
    const { ids: stored, findIn } = store();
    const index = new DedupIndex();
    const ids = [1, 2, 3].map((k) => new Uint32Array([k, k * 7, 0, 99]));
    ids.forEach((id, i) => {
      expect(index.findOrInsert(42, id, 0, i + 1, findIn)).toBe(0);
      stored.set(i + 1, id);
    });
    // Same hash, same ids: each is found as its own earlier seq.
    ids.forEach((id, i) => expect(index.findOrInsert(42, id, 0, 100 + i, findIn)).toBe(i + 1));
  });

  it('tells ids apart that share both the hash and the tag, in the same seq group', () => {
    // Two ids whose tag hashes agree in their low 20 bits (more than any table's tag uses).
    const byTag = new Map<number, number>();
    let pair: [number, number] | null = null;
    for (let k = 1; !pair; k++) {
      const t = tagHash(k, 0, 0, 5) & 0xfffff;
      const other = byTag.get(t);
      if (other !== undefined) pair = [other, k];
      else byTag.set(t, k);
    }
    const [a, b] = pair.map((k) => new Uint32Array([k, 0, 0, 5]));
    const { ids: stored, findIn, asked } = store();
    const index = new DedupIndex();
    expect(index.findOrInsert(7, a, 0, 10, findIn)).toBe(0);
    stored.set(10, a);
    // b's slot lookup meets a's tag: the confirmation finds no b, so b is new.
    expect(index.findOrInsert(7, b, 0, 11, findIn)).toBe(0);
    expect(asked()).toBe(1);
    stored.set(11, b);
    expect(index.findOrInsert(7, a, 0, 12, findIn)).toBe(10);
    expect(index.findOrInsert(7, b, 0, 12, findIn)).toBe(11);
  });

  // 5,000 hash values spread over the range, each shared by 40 ids.
  const sharedHash = (i: number) => Math.imul(i % 5000, 0x9e3779b1) >>> 0;

  it('keeps every id when rows outnumber the estimate, adding tables beside the first', () => {
    const { ids: stored, findIn, asked } = store();
    const index = new DedupIndex(10_000);
    const n = 200_000;
    for (let i = 1; i <= n; i++) {
      const id = new Uint32Array([i, i ^ 0x5555, i * 3, 7]);
      stored.set(i, id);
      expect(index.findOrInsert(sharedHash(i), id, 0, i, findIn)).toBe(0);
    }
    expect(index.size).toBe(n);
    expect(index.capacity).toBeGreaterThan(n);
    expect(index.tableCount).toBeGreaterThan(1);
    // Tags keep confirmations of new ids rare even where 40 ids share each home.
    expect(asked()).toBeLessThan(n / 20);
    for (let i = 1; i <= n; i += 97) expect(index.findOrInsert(sharedHash(i), stored.get(i)!, 0, n + 1, findIn)).toBe(i);
    expect(index.size).toBe(n);
  });

  it('takes four bytes a slot', () => {
    const index = new DedupIndex(1_000_000);
    expect(index.bytes).toBe(index.capacity * 4);
    expect(index.capacity).toBeLessThan(1_000_000 / 0.8);
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

  it('adds a table when seqs outgrow the groups a table can name', () => {
    const index = new DedupIndex(1_000);
    expect(index.hasRoom(1_000, 1)).toBe(true);
    expect(index.hasRoom(1_000, 50_000_000)).toBe(false);
    index.reserve(1_000, 50_000_000);
    expect(index.tableCount).toBe(2);
    const { ids: stored, findIn } = store();
    const id = new Uint32Array([1, 2, 3, 4]);
    stored.set(50_000_123, id);
    expect(index.findOrInsert(99, id, 0, 50_000_123, findIn)).toBe(0);
    expect(index.findOrInsert(99, id, 0, 50_000_124, findIn)).toBe(50_000_123);
  });

  it('keeps sequence numbers far above the estimate whole', () => {
    const { ids: stored, findIn } = store();
    const index = new DedupIndex();
    const seqs = [1, 65_535, 65_536, 65_537, 4_000_000_000];
    seqs.forEach((seq, k) => {
      const id = new Uint32Array([k, k, k, k]);
      stored.set(seq, id);
      expect(index.findOrInsert(0x12345678, id, 0, seq, findIn)).toBe(0);
    });
    seqs.forEach((seq, k) => expect(index.findOrInsert(0x12345678, new Uint32Array([k, k, k, k]), 0, 1, findIn)).toBe(seq));
  });

  it('treats an entry whose row was removed as absent', () => {
    const index = new DedupIndex();
    const id = new Uint32Array([9, 9, 9, 9]);
    expect(index.findOrInsert(7, id, 0, 5, () => 0)).toBe(0);
    expect(index.findOrInsert(7, id, 0, 6, () => 0)).toBe(0);
  });
});
