// One import at a time on the one write connection, in the order they were asked for: the analyst's
// imports and the watched folders' take turns instead of refusing each other as busy. Each import
// belongs to an owner (the analyst, one watched folder), so a cancel reaches only its own import:
// one still waiting is dropped, one running is stopped by the caller.

interface Waiting<R> {
  owner: object;
  go(): void;
  drop(): void;
}

export class ImportTurns<R> {
  private readonly waiting: Waiting<R>[] = [];
  private active: object | null = null;

  /** Whose import runs now; null when none. */
  get running(): object | null {
    return this.active;
  }

  /** True when owner has an import running or waiting. */
  has(owner: object): boolean {
    return this.active === owner || this.waiting.some((w) => w.owner === owner);
  }

  /** Runs job once every import asked for earlier has ended; `dropped` answers if it is dropped first. */
  take(owner: object, job: () => Promise<R>, dropped: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({
        owner,
        go: () => {
          this.active = owner;
          job()
            .then(resolve, reject)
            .finally(() => {
              this.active = null;
              this.next();
            });
        },
        drop: () => resolve(dropped()),
      });
      if (this.active === null) this.next();
    });
  }

  /** Drops owner's waiting imports (every owner's when none is given); true when one was dropped. */
  drop(owner?: object): boolean {
    let any = false;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (owner !== undefined && this.waiting[i].owner !== owner) continue;
      const [w] = this.waiting.splice(i, 1);
      w.drop();
      any = true;
    }
    return any;
  }

  private next(): void {
    this.waiting.shift()?.go();
  }
}
