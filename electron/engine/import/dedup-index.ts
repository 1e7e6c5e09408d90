// Exact duplicate detection for event ids without an SQLite index on them (which cuts insert speed by
// 5-10x at millions of rows). An open-addressing table of (32-bit id hash, event seq), 8 bytes a slot,
// of any capacity (a power of two would nearly double the memory of a year's table for nothing).
// A hash match is confirmed against the stored id, so the answer is exact; entries whose rows were
// removed since (a cancelled file) are harmless: the confirmation fails and probing goes on.

/** The stored id of an event seq as four words, or null when that row no longer exists. */
export type IdAt = (seq: number) => ArrayLike<number> | null;

const MAX_LOAD = 0.7;
const MIN_CAPACITY = 1 << 16;
const TWO_32 = 4294967296;

export class DedupIndex {
  private keys: Uint32Array;
  private seqs: Uint32Array;
  private cap: number;
  size = 0;

  constructor(expected = 0) {
    this.cap = Math.max(MIN_CAPACITY, Math.ceil(expected / MAX_LOAD));
    this.keys = new Uint32Array(this.cap);
    this.seqs = new Uint32Array(this.cap);
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
    const { keys, seqs, cap } = this;
    let i = this.slot(hash);
    for (;;) {
      const s = seqs[i];
      if (s === 0) {
        keys[i] = hash;
        seqs[i] = seq;
        this.size++;
        return 0;
      }
      if (keys[i] === hash) {
        const other = idAt(s);
        if (other && other[0] === words[at] && other[1] === words[at + 1] && other[2] === words[at + 2] && other[3] === words[at + 3]) {
          return s;
        }
      }
      if (++i === cap) i = 0;
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
    const { keys, seqs, cap } = this;
    let i = this.slot(hash);
    while (seqs[i] !== 0) if (++i === cap) i = 0;
    keys[i] = hash;
    seqs[i] = seq;
    this.size++;
  }

  private resize(cap: number): void {
    const { keys, seqs } = this;
    this.cap = cap;
    this.keys = new Uint32Array(cap);
    this.seqs = new Uint32Array(cap);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (seqs[i] !== 0) this.place(keys[i], seqs[i]);
  }
}
