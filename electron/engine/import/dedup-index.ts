// Exact duplicate detection for event ids without an SQLite index on them (which cuts insert speed by
// 5-10x at millions of rows). Open-addressing tables of 4-byte slots, so a year of 10M events takes
// about 50 MB and three years about 150 MB. A slot holds a tag (bits of a second hash of the id) and the
// group of consecutive seqs its event is in (seq >> shift, groups of up to a few hundred seqs at tens of
// millions of events). A slot's home is chosen by the high bits of the id's first 32-bit hash. A tag
// match is confirmed by looking for the id among the stored ids of its group (one keyed read of a few
// KB), so the answer is exact: a false tag match costs one such read (1,390 of them for the 9.9M new
// ids of a generated year); a true duplicate costs one, as it did when slots held the exact seq.
// Entries whose rows were removed since (a cancelled file) are harmless: the confirmation fails and
// probing goes on.
//
// A table never grows in place: its slots do not keep the full hash, so they could not be moved. The
// importer sizes the table for the whole import from the file sizes; if the rows turn out shorter than
// expected, or seqs outgrow the groups a table can name, a further table is added beside it and
// lookups probe both.

import { tagHash } from './batch.js';

/** The seq in lo..hi (inclusive) of a stored or pending event whose id is `words[at..at+3]`, or 0. */
export type FindIdIn = (lo: number, hi: number, words: ArrayLike<number>, at: number) => number;

/** Load at which a table is full: linear probing stays within a cache line or two of 4-byte slots. */
const MAX_LOAD = 0.85;
const MIN_CAPACITY = 1 << 16;
const TWO_32 = 4294967296;
/** Bits naming a seq group; the rest of the slot (at least 14 bits) is the tag. */
const GROUP_BITS = 18;

class Table {
  /** Slot value: (group + 1) * 2^tagBits + tag; 0 = empty. */
  readonly slots: Uint32Array;
  readonly tagBits: number;
  readonly tagMask: number;
  /** Seqs in a group: 2^shift. */
  readonly groupSize: number;
  /** The highest seq a slot can name. */
  readonly maxSeq: number;
  size = 0;

  constructor(
    readonly cap: number,
    seqLimit: number,
  ) {
    this.slots = new Uint32Array(cap);
    let groupSize = 1;
    while (Math.floor(seqLimit / groupSize) + 2 > 2 ** GROUP_BITS) groupSize *= 2;
    const groupBits = Math.max(1, Math.ceil(Math.log2(Math.floor(seqLimit / groupSize) + 2)));
    this.tagBits = 32 - groupBits;
    this.tagMask = 2 ** this.tagBits - 1;
    this.groupSize = groupSize;
    this.maxSeq = (2 ** groupBits - 1) * groupSize - 1;
  }

  get full(): boolean {
    return this.size >= this.cap * MAX_LOAD;
  }

  /** The seq of a stored event with this id, or 0. */
  find(hash: number, tagH: number, words: ArrayLike<number>, at: number, findIn: FindIdIn): number {
    const { slots, cap, tagMask, groupSize } = this;
    const unit = tagMask + 1;
    const tag = tagH & tagMask;
    let i = Math.floor((hash / TWO_32) * cap);
    for (;;) {
      const v = slots[i];
      if (v === 0) return 0;
      if ((v & tagMask) === tag) {
        const lo = (Math.floor(v / unit) - 1) * groupSize;
        const seq = findIn(lo, lo + groupSize - 1, words, at);
        if (seq !== 0) return seq;
      }
      if (++i === cap) i = 0;
    }
  }

  place(hash: number, tagH: number, seq: number): void {
    const { slots, cap } = this;
    let i = Math.floor((hash / TWO_32) * cap);
    while (slots[i] !== 0) if (++i === cap) i = 0;
    slots[i] = (Math.floor(seq / this.groupSize) + 1) * (this.tagMask + 1) + (tagH & this.tagMask);
    this.size++;
  }
}

export class DedupIndex {
  private readonly tables: Table[];

  /** Room for `expected` ids whose seqs start at `firstSeq`. */
  constructor(expected = 0, firstSeq = 1) {
    this.tables = [DedupIndex.table(expected, firstSeq)];
  }

  /** A table for `entries` more ids with seqs from `firstSeq` on (it is full before its seqs run out). */
  private static table(entries: number, firstSeq: number): Table {
    const cap = Math.max(MIN_CAPACITY, Math.ceil(entries / MAX_LOAD));
    return new Table(cap, firstSeq + cap);
  }

  get capacity(): number {
    return this.tables.reduce((a, t) => a + t.cap, 0);
  }

  get size(): number {
    return this.tables.reduce((a, t) => a + t.size, 0);
  }

  /** How many tables a lookup probes (1 unless the rows outnumbered every estimate). */
  get tableCount(): number {
    return this.tables.length;
  }

  /** Bytes held by the slots. */
  get bytes(): number {
    return this.tables.reduce((a, t) => a + t.slots.byteLength, 0);
  }

  /**
   * Returns the seq of an earlier event with the same id, or 0 after recording `seq` for this id.
   * `words[at..at+3]` is the id and `hash` its hashId; `findIn` looks for an id among stored seqs.
   */
  findOrInsert(hash: number, words: ArrayLike<number>, at: number, seq: number, findIn: FindIdIn): number {
    const tables = this.tables;
    const tagH = tagHash(words[at], words[at + 1], words[at + 2], words[at + 3]);
    for (let t = 0; t < tables.length; t++) {
      const found = tables[t].find(hash, tagH, words, at, findIn);
      if (found !== 0) return found;
    }
    this.insertKnown(hash, tagH, seq);
    return 0;
  }

  /** Whether `more` entries with seqs from `nextSeq` on fit without adding a table. */
  hasRoom(more: number, nextSeq = 1): boolean {
    const last = this.tables[this.tables.length - 1];
    return last.size + more <= last.cap * MAX_LOAD && nextSeq + more <= last.maxSeq;
  }

  /** Makes room for `more` entries from `nextSeq` on now, so that no table has to be added during an import. */
  reserve(more: number, nextSeq = 1): void {
    if (!this.hasRoom(more, nextSeq)) this.tables.push(DedupIndex.table(more, nextSeq));
  }

  /** Records an id known to be new (loading stored events); `tagH` is its tagHash. */
  insertKnown(hash: number, tagH: number, seq: number): void {
    let last = this.tables[this.tables.length - 1];
    if (last.full || seq > last.maxSeq) {
      // Rows came shorter than estimated: add half as much room again as is in use (lookups probe one
      // more table each time, so few are ever added).
      last = DedupIndex.table(Math.max(this.size / 2, MIN_CAPACITY), seq);
      this.tables.push(last);
    }
    last.place(hash, tagH, seq);
  }
}
