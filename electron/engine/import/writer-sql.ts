// Dictionaries the importer keeps in step with their tables (events themselves: event-blocks.ts).
import type Database from 'better-sqlite3';
import { MERCHANT_TEXTS_KEPT } from './texts-kept.js';

/**
 * Text -> id dictionary backed by a table, extended as new values appear. The map is a cache of the
 * table: it holds at most MERCHANT_TEXTS_KEPT texts (loaded once, then the ones met) and is emptied
 * when full, and a text it lacks is inserted or, when the table has it already, read back.
 */
export class LabelIds {
  private readonly ids = new Map<string, number>();
  /** The kind of label before the text in each statement (none for merchants). */
  private readonly kind: string[];
  private readonly insert: Database.Statement;
  private readonly find: Database.Statement;
  private max: number;
  constructor(db: Database.Database, table: 'merchants' | 'labels', kind?: string) {
    const [text, where] = table === 'merchants' ? ['code', ''] : ['text', 'kind = ? AND '];
    this.kind = kind === undefined ? [] : [kind];
    const rows = db.prepare(`SELECT ${text}, id FROM ${table} WHERE ${where}1 LIMIT ?`).raw().all(...this.kind, MERCHANT_TEXTS_KEPT) as [string, number][];
    for (const [t, id] of rows) this.ids.set(t, id);
    this.max = db.prepare(`SELECT coalesce(max(id), 0) FROM ${table} WHERE ${where}1`).pluck().get(...this.kind) as number;
    // One statement for a text not yet stored (the usual miss); a stored one is then read back. (INSERT
    // ... RETURNING took twice as long: a microsecond more a merchant.)
    const columns = table === 'merchants' ? 'code' : 'kind, text';
    this.insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${columns}) VALUES (${this.kind.length ? '?, ?' : '?'})`);
    this.find = db.prepare(`SELECT id FROM ${table} WHERE ${where}${text} = ?`).pluck();
  }
  get maxId(): number {
    return this.max;
  }
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      const r = this.insert.run(...this.kind, text);
      id = (r.changes ? Number(r.lastInsertRowid) : this.find.get(...this.kind, text)) as number;
      if (this.ids.size >= MERCHANT_TEXTS_KEPT) this.ids.clear();
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
