// Exact duplicate detection for event ids without an SQLite index on them (which cuts insert speed by
// 5-10x at millions of rows). An open-addressing table of (32-bit id hash, event seq) pairs, side by
// side so a probe touches one cache line, 8 bytes a slot, of any capacity (a power of two would nearly
// double the memory of a year's table for nothing).
// A hash match is confirmed against the stored id, so the answer is exact; entries whose rows were
// removed since (a cancelled file) are harmless: the confirmation fails and probing goes on.

/** The stored id of an event seq as four words, or null when that row no longer exists. */
export type IdAt = (seq: number) => ArrayLike<number> | null;

const MAX_LOAD = 0.8;
const MIN_CAPACITY = 1 << 16;
const TWO_32 = 4294967296;

export class DedupIndex {
  /** slot i: hash at 2i, seq at 2i + 1 (seq 0 = empty). */
  private slots: Uint32Array;
  private cap: number;
  size = 0;

  constructor(expected = 0) {
    this.cap = Math.max(MIN_CAPACITY, Math.ceil(expected / MAX_LOAD));
    this.slots = new Uint32Array(this.cap * 2);
  }

  get capacity(): number {
    return this.cap;
  }

  /** Maps a hash onto [0, capacity) by its high bits (multiply-shift), so any capacity spreads evenly. */
  private slot(hash: number): number {
    return Math.floor((hash / TWO_32) * this.cap);
  }

  /**
   * Returns the seq of an earlier event with the same id, or 0 after recording `seq` for this id.
   * `words[at..at+3]` is the id; `idAt` reads a stored id to confirm a hash match.
   */
  findOrInsert(hash: number, words: ArrayLike<number>, at: number, seq: number, idAt: IdAt): number {
    if (this.size >= this.cap * MAX_LOAD) this.resize(Math.ceil(this.cap * 1.5));
    const { slots } = this;
    const end = this.cap * 2;
    let i = this.slot(hash) * 2;
    for (;;) {
      const s = slots[i + 1];
      if (s === 0) {
        slots[i] = hash;
        slots[i + 1] = seq;
        this.size++;
        return 0;
      }
      if (slots[i] === hash) {
        const other = idAt(s);
        if (other && other[0] === words[at] && other[1] === words[at + 1] && other[2] === words[at + 2] && other[3] === words[at + 3]) {
          return s;
        }
      }
      i += 2;
      if (i === end) i = 0;
    }
  }

  /** Makes room for `more` entries now, so the table does not regrow during an import. */
  reserve(more: number): void {
    const need = Math.ceil((this.size + more) / MAX_LOAD);
    if (need > this.cap) this.resize(need);
  }

  /** Records an id known to be new (loading stored events). */
  insertKnown(hash: number, seq: number): void {
    if (this.size >= this.cap * MAX_LOAD) this.resize(Math.ceil(this.cap * 1.5));
    this.place(hash, seq);
  }

  private place(hash: number, seq: number): void {
    const { slots } = this;
    const end = this.cap * 2;
    let i = this.slot(hash) * 2;
    while (slots[i + 1] !== 0) {
      i += 2;
      if (i === end) i = 0;
    }
    slots[i] = hash;
    slots[i + 1] = seq;
    this.size++;
  }

  private resize(cap: number): void {
    const old = this.slots;
    this.cap = cap;
    this.slots = new Uint32Array(cap * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i], old[i + 1]);
  }
}
