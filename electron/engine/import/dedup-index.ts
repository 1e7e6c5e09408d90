// Exact duplicate detection for event ids without an SQLite index on them (which cuts insert speed by
// 5-10x at millions of rows). An open-addressing table of (32-bit id hash, event seq), 8 bytes a slot.
// A hash match is confirmed against the stored id, so the answer is exact; entries whose rows were
// removed since (a cancelled file) are harmless: the confirmation fails and probing goes on.

/** The stored id of an event seq as four words, or null when that row no longer exists. */
export type IdAt = (seq: number) => ArrayLike<number> | null;

export class DedupIndex {
  private keys: Uint32Array;
  private seqs: Uint32Array;
  private mask: number;
  size = 0;

  constructor(expected = 0) {
    let cap = 1 << 16;
    while (cap * 0.7 < expected) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.seqs = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /**
   * Returns the seq of an earlier event with the same id, or 0 after recording `seq` for this id.
   * `words[at..at+3]` is the id; `idAt` reads a stored id to confirm a hash match.
   */
  findOrInsert(hash: number, words: ArrayLike<number>, at: number, seq: number, idAt: IdAt): number {
    if (this.size >= this.capacity * 0.7) this.grow();
    const { keys, seqs, mask } = this;
    let i = hash & mask;
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
      i = (i + 1) & mask;
    }
  }

  /** Makes room for `more` entries now, so the table does not regrow during an import. */
  reserve(more: number): void {
    while ((this.size + more) > this.capacity * 0.7) this.grow();
  }

  /** Records an id known to be new (loading stored events). */
  insertKnown(hash: number, seq: number): void {
    if (this.size >= this.capacity * 0.7) this.grow();
    this.place(hash, seq);
  }

  private place(hash: number, seq: number): void {
    const { keys, seqs, mask } = this;
    let i = hash & mask;
    while (seqs[i] !== 0) i = (i + 1) & mask;
    keys[i] = hash;
    seqs[i] = seq;
    this.size++;
  }

  private grow(): void {
    const { keys, seqs } = this;
    const cap = this.capacity * 2;
    this.keys = new Uint32Array(cap);
    this.seqs = new Uint32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (seqs[i] !== 0) this.place(keys[i], seqs[i]);
  }
}
