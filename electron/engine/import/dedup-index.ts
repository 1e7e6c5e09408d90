// Exact duplicate detection for event ids without an SQLite index on them (which cuts insert speed by
// 5-10x at millions of rows). Open-addressing tables of (16-bit tag, 32-bit event seq) slots: 6 bytes a
// slot, so a year of 10M events takes about 75 MB. A slot's home is chosen by the high bits of the id's
// 32-bit hash and its tag holds the low 16 bits; a tag match is confirmed against the stored id, so the
// answer is exact (a false tag match costs one stored-id read, about once per 5,000 inserts at the
// highest load). Entries whose rows were removed since (a cancelled file) are harmless: the
// confirmation fails and probing goes on.
//
// A table never grows in place: its slots do not keep the full hash, so they could not be moved. The
// importer sizes the table for the whole import from the file sizes; if the rows turn out shorter than
// expected, a further table is added beside it and lookups probe both.

/** The stored id of an event seq as four words, or null when that row no longer exists. */
export type IdAt = (seq: number) => ArrayLike<number> | null;

const MAX_LOAD = 0.8;
const MIN_CAPACITY = 1 << 16;
const TWO_32 = 4294967296;

class Table {
  /** slot i: tag at 3i, seq low and high halves at 3i + 1 and 3i + 2 (seq 0 = empty). */
  readonly slots: Uint16Array;
  size = 0;
  constructor(readonly cap: number) {
    this.slots = new Uint16Array(cap * 3);
  }

  get full(): boolean {
    return this.size >= this.cap * MAX_LOAD;
  }

  /** The seq of a stored event with this id, or 0. */
  find(hash: number, words: ArrayLike<number>, at: number, idAt: IdAt): number {
    const { slots } = this;
    const end = this.cap * 3;
    const tag = hash & 0xffff;
    let i = Math.floor((hash / TWO_32) * this.cap) * 3;
    for (;;) {
      const seq = slots[i + 1] + slots[i + 2] * 65536;
      if (seq === 0) return 0;
      if (slots[i] === tag) {
        const other = idAt(seq);
        if (other && other[0] === words[at] && other[1] === words[at + 1] && other[2] === words[at + 2] && other[3] === words[at + 3]) return seq;
      }
      i += 3;
      if (i === end) i = 0;
    }
  }

  place(hash: number, seq: number): void {
    const { slots } = this;
    const end = this.cap * 3;
    let i = Math.floor((hash / TWO_32) * this.cap) * 3;
    while (slots[i + 1] !== 0 || slots[i + 2] !== 0) {
      i += 3;
      if (i === end) i = 0;
    }
    slots[i] = hash & 0xffff;
    slots[i + 1] = seq & 0xffff;
    slots[i + 2] = seq >>> 16;
    this.size++;
  }
}

export class DedupIndex {
  private readonly tables: Table[];

  constructor(expected = 0) {
    this.tables = [new Table(DedupIndex.capacityFor(expected))];
  }

  private static capacityFor(entries: number): number {
    return Math.max(MIN_CAPACITY, Math.ceil(entries / MAX_LOAD));
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

  /**
   * Returns the seq of an earlier event with the same id, or 0 after recording `seq` for this id.
   * `words[at..at+3]` is the id; `idAt` reads a stored id to confirm a tag match.
   */
  findOrInsert(hash: number, words: ArrayLike<number>, at: number, seq: number, idAt: IdAt): number {
    const tables = this.tables;
    for (let t = 0; t < tables.length; t++) {
      const found = tables[t].find(hash, words, at, idAt);
      if (found !== 0) return found;
    }
    this.insertKnown(hash, seq);
    return 0;
  }

  /** Whether `more` entries fit without adding a table. */
  hasRoom(more: number): boolean {
    const last = this.tables[this.tables.length - 1];
    return last.size + more <= last.cap * MAX_LOAD;
  }

  /** Makes room for `more` entries now, so that no table has to be added during an import. */
  reserve(more: number): void {
    if (!this.hasRoom(more)) this.tables.push(new Table(DedupIndex.capacityFor(more)));
  }

  /** Records an id known to be new (loading stored events). */
  insertKnown(hash: number, seq: number): void {
    let last = this.tables[this.tables.length - 1];
    if (last.full) {
      // Rows came shorter than estimated: add half as much room again as is in use (lookups probe one
      // more table each time, so few are ever added).
      last = new Table(DedupIndex.capacityFor(Math.max(this.size / 2, MIN_CAPACITY)));
      this.tables.push(last);
    }
    last.place(hash, seq);
  }
}
