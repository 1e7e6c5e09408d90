// Dictionaries the importer keeps in step with their tables (events themselves: event-blocks.ts).
import type Database from 'better-sqlite3';

/** Text -> id dictionary backed by a table, loaded once and extended as new values appear. */
export class LabelIds {
  private readonly ids = new Map<string, number>();
  private readonly insert: Database.Statement;
  constructor(db: Database.Database, table: 'merchants' | 'labels', private readonly kind?: string) {
    const rows = (
      table === 'merchants'
        ? db.prepare('SELECT code, id FROM merchants').raw().all()
        : db.prepare('SELECT text, id FROM labels WHERE kind = ?').raw().all(kind)
    ) as [string, number][];
    for (const [t, id] of rows) {
      this.ids.set(t, id);
      if (id > this.max) this.max = id;
    }
    this.insert =
      table === 'merchants'
        ? db.prepare('INSERT INTO merchants (code) VALUES (?)')
        : db.prepare('INSERT INTO labels (kind, text) VALUES (?, ?)');
  }
  private max = 0;
  get maxId(): number {
    return this.max;
  }
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      const r = this.kind === undefined ? this.insert.run(text) : this.insert.run(this.kind, text);
      id = Number(r.lastInsertRowid);
      this.ids.set(text, id);
      if (id > this.max) this.max = id;
    }
    return id;
  }
}

/** (channel, region, tier) label ids -> attr_sets id, loaded once and extended as new combinations appear. */
export class AttrSetIds {
  private readonly ids = new Map<string, number>();
  private readonly insert: Database.Statement;
  constructor(db: Database.Database) {
    for (const [c, r, t, id] of db.prepare('SELECT channel, region, tier, id FROM attr_sets').raw().all() as number[][]) this.ids.set(`${c},${r},${t}`, id);
    this.insert = db.prepare('INSERT INTO attr_sets (channel, region, tier) VALUES (?, ?, ?)');
  }
  id(channel: number, region: number, tier: number): number {
    const key = `${channel},${region},${tier}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = Number(this.insert.run(channel, region, tier).lastInsertRowid);
      this.ids.set(key, id);
    }
    return id;
  }
}
