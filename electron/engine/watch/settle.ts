// When a file has stopped changing. A file being copied or exported grows in pieces, sometimes with
// pauses; reading it before the writer is done would import half of it. A file counts as settled once
// its size, modification time and inode have stayed the same for a whole settle interval with no
// change reported in between. The same rule serves change events, rescans and the start-up scan, so
// no path into an import skips it.
import fs from 'node:fs';
import path from 'node:path';

/** Size, mtime and inode as one comparable value; null when the path is not a readable file. */
export type Signature = string;

export function statSignature(file: string): Signature | null {
  try {
    const s = fs.statSync(file);
    return s.isFile() ? `${s.size}:${s.mtimeMs}:${s.ino}` : null;
  } catch {
    return null;
  }
}

export function isUnder(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

interface Pending {
  signature: Signature;
  timer: NodeJS.Timeout;
}

export class Settler {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly settleMs: number,
    private readonly onSettled: (file: string, signature: Signature) => void,
  ) {}

  /** Something happened to the file: start (or restart) its settle interval from now. */
  touch(file: string): void {
    this.drop(file);
    const signature = statSignature(file);
    // Gone already (a temporary file renamed away, a deletion): nothing to wait for.
    if (signature === null) return;
    this.pending.set(file, { signature, timer: setTimeout(() => this.check(file), this.settleMs) });
  }

  has(file: string): boolean {
    return this.pending.has(file);
  }

  get size(): number {
    return this.pending.size;
  }

  drop(file: string): void {
    const p = this.pending.get(file);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(file);
  }

  dropUnder(dir: string): void {
    for (const file of [...this.pending.keys()]) if (isUnder(file, dir)) this.drop(file);
  }

  clear(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private check(file: string): void {
    const p = this.pending.get(file);
    if (!p) return;
    const now = statSignature(file);
    if (now === null) {
      this.pending.delete(file);
    } else if (now === p.signature) {
      this.pending.delete(file);
      this.onSettled(file, now);
    } else {
      // Still being written even though no event said so (events can be lost): wait another interval.
      p.signature = now;
      p.timer = setTimeout(() => this.check(file), this.settleMs);
    }
  }
}
