// One import, run on the engine worker: discovers the files, streams them through the parse thread,
// and writes accepted events, the ledger and the summaries. Files apply in sorted path order, so the
// first occurrence of an event id wins. Each file is one transaction: it counts only once its last row
// is committed, and a cancelled or failed file is undone by a rollback, at once, whatever its size.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { FileErrorCode, FileStatus, ImportProgress, ImportStatus, ImportSummary } from '../../../shared/importing.js';
import type { EngineTuning } from '../protocol.js';
import { discover, fileDateFromName, type FoundFile } from './discover.js';
import { batchTransfers, type ParserCommand, type ParserMessage, type RowBatch } from './batch.js';
import { DedupIndex } from './dedup-index.js';
import { SummaryState } from './summaries.js';
import { AttrSetIds, EventInserter, LabelIds, storedIdReader } from './writer-sql.js';
import { loadDedupIndex } from './dedup-load.js';
import { bumpGeneration, readGeneration, setSummariesValid, recover } from './recovery.js';
import { readImportSummary } from '../query/history.js';
import { classifySqliteError } from '../db/errors.js';

const KYC_STEP_OF_TYPE = new Map([
  ['DOCUMENT_SUBMITTED', 0],
  ['VERIFICATION_COMPLETED', 1],
  ['TIER_UPGRADE', 2],
]);
const KYC_PRODUCT = 6;

/** Text columns of a batch and the label dictionary each maps into. */
const TEXT_COLUMNS = [
  ['merchants', 'merchants'],
  ['eventTypes', 'eventType'],
  ['channels', 'channel'],
  ['regions', 'region'],
  ['tiers', 'tier'],
] as const;

type Queued = ParserMessage | { type: 'cancel' };

class MessageQueue {
  private items: Queued[] = [];
  private head = 0;
  private waiter: ((m: Queued) => void) | null = null;
  /** A cancel goes ahead of the batches already waiting, so it takes effect at once. */
  pushFront(m: Queued) {
    if (this.waiter) return this.push(m);
    this.items.splice(this.head, 0, m);
  }
  push(m: Queued) {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(m);
    } else this.items.push(m);
  }
  next(): Promise<Queued> {
    if (this.head < this.items.length) {
      const m = this.items[this.head++];
      if (this.head > 1024) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve(m);
    }
    return new Promise((resolve) => (this.waiter = resolve));
  }
}

interface CurrentFile {
  file: number;
  importFileId: number;
  sourceId: number;
  firstSeq: number;
  rowsRead: number;
  rejected: number;
  duplicates: number;
  bytesDone: number;
  dupLinks: Map<number, number>;
  /** This file's summary counts, merged into the import's only when the file commits. */
  state: SummaryState;
}

const now = () => new Date().toISOString();

export class ImportRunner {
  private cachedDedup: { index: DedupIndex; generation: number } | null = null;
  private queue: MessageQueue | null = null;
  running = false;

  constructor(
    private readonly db: Database.Database,
    private readonly tuning: EngineTuning,
  ) {}

  /** Asks the running import to stop; it finishes its bookkeeping and resolves as cancelled. */
  cancel(): boolean {
    if (!this.queue) return false;
    this.queue.pushFront({ type: 'cancel' });
    return true;
  }

  /** Drops the in-memory dedup index (after the stored events changed outside an import). */
  invalidate(): void {
    this.cachedDedup = null;
  }

  async run(paths: string[], onProgress: (p: ImportProgress) => void): Promise<ImportSummary> {
    if (this.running) throw Object.assign(new Error('An import is already running.'), { code: 'busy' });
    this.running = true;
    const queue = (this.queue = new MessageQueue());
    try {
      return await new ImportRun(this, this.db, this.tuning, queue, onProgress).run(paths);
    } finally {
      this.running = false;
      this.queue = null;
    }
  }

  dedupFor(db: Database.Database, extraRows: number): DedupIndex {
    const generation = readGeneration(db);
    const cached = this.cachedDedup;
    // Each import that does not fit adds a table, and every lookup probes them all: past two, load
    // one table sized for everything from the stored ids instead (a few seconds at a year).
    if (!cached || cached.generation !== generation || (cached.index.tableCount >= 2 && !cached.index.hasRoom(extraRows))) {
      const index = loadDedupIndex(db, extraRows);
      this.cachedDedup = { index, generation };
      return index;
    }
    cached.index.reserve(extraRows);
    return cached.index;
  }

  dedupWritten(generation: number): void {
    if (this.cachedDedup) this.cachedDedup.generation = generation;
  }
}

class ImportRun {
  private readonly started = Date.now();
  private importId = 0;
  private files: FoundFile[] = [];
  private handled = new Set<number>();
  private bytesTotal = 0;
  private bytesDoneBase = 0;
  private filesDone = 0;
  private totals = { rowsRead: 0, accepted: 0, duplicates: 0, rejected: 0 };
  private cur: CurrentFile | null = null;
  private inTx = false;
  /** Some file of this import has committed, so the summaries must be written back. */
  private fileCommitted = false;
  private nextSeq = 1;
  private state: SummaryState | null = null;
  private dedup: DedupIndex | null = null;
  private inserter: EventInserter | null = null;
  private labels: { merchants: LabelIds; eventType: LabelIds; channel: LabelIds; region: LabelIds; tier: LabelIds; attrSets: AttrSetIds } | null = null;
  private idAt: ((seq: number) => ArrayLike<number> | null) | null = null;
  /** The parse thread's dictionary texts, kept to map them again after a rollback. */
  private readonly parseTexts = { merchants: [] as string[], eventTypes: [] as string[], channels: [] as string[], regions: [] as string[], tiers: [] as string[] };
  /** The parse thread's (channel, region, tier) combinations, as three dictionary ids each. */
  private readonly parseAttrSets: number[] = [];
  /** Database ids of the parse thread's dictionary ids, in the order the texts first appeared. */
  private readonly parseIds = {
    merchants: [] as number[], eventTypes: [] as number[], kycSteps: [] as number[], channels: [] as number[], regions: [] as number[], tiers: [] as number[], attrSets: [] as number[],
  };
  private sourceStarts: { first: number; id: number }[] = [];
  private lastProgress = 0;
  private lastYield = Date.now();
  private parser: Worker | null = null;
  private readonly st: Record<string, Database.Statement>;

  constructor(
    private readonly owner: ImportRunner,
    private readonly db: Database.Database,
    private readonly tuning: EngineTuning,
    private readonly queue: MessageQueue,
    private readonly onProgress: (p: ImportProgress) => void,
  ) {
    this.st = {
      insertFile: db.prepare(`INSERT INTO import_files (import_id, path, size, hash, status, error_code, error_message, file_date, started_at, finished_at, source_id)
                              VALUES (@import_id, @path, @size, @hash, @status, @error_code, @error_message, @file_date, @started_at, @finished_at, @source_id)`),
      finishFile: db.prepare(`UPDATE import_files SET status = @status, hash = @hash, rows_read = @rows_read, accepted = @accepted, duplicates = @duplicates,
                              rejected = @rejected, rejected_by_reason = @rejected_by_reason, warnings_by_reason = @warnings_by_reason,
                              error_code = @error_code, error_message = @error_message, finished_at = @finished_at, source_id = @source_id WHERE id = @id`),
      insertSource: db.prepare(`INSERT INTO sources (path, size, hash, file_date, status, first_seq, import_id, imported_at)
                                VALUES (?, ?, NULL, ?, 'importing', ?, ?, ?)`),
      finishSource: db.prepare(`UPDATE sources SET status = 'imported', hash = ?, last_seq = ?, events = ? WHERE id = ?`),
      logRow: db.prepare('INSERT INTO rejected_rows (import_id, import_file_id, line, kind, reason, raw) VALUES (?, ?, ?, ?, ?, ?)'),
      dupLink: db.prepare(`INSERT INTO duplicate_links (source_id, import_file_id, rows) VALUES (?, ?, ?)
                           ON CONFLICT (source_id, import_file_id) DO UPDATE SET rows = rows + excluded.rows`),
      sourceByHash: db.prepare("SELECT id FROM sources WHERE hash = ? AND status = 'imported' ORDER BY id LIMIT 1").pluck(),
    };
  }

  async run(paths: string[]): Promise<ImportSummary> {
    const db = this.db;
    const found = discover(paths);
    this.importId = Number(
      db.prepare("INSERT INTO imports (started_at, status, inputs, ignored) VALUES (?, 'running', ?, ?)").run(now(), JSON.stringify(paths), JSON.stringify(found.ignored)).lastInsertRowid,
    );
    for (const u of found.unreadable) this.fileRecord({ path: u.path, size: 0 }, 'failed', null, 'unreadable', u.message);
    this.files = found.files;
    this.bytesTotal = this.files.reduce((a, f) => a + f.size, 0);
    let status: ImportStatus = 'done';
    let fatal: { code: FileErrorCode; message: string } | null = null;
    const ticker = setInterval(() => this.progress(true), this.tuning.progressMs);
    try {
      if (this.files.length) status = await this.stream();
    } catch (err) {
      fatal = classifySqliteError(err);
      status = 'failed';
      this.afterFatal(fatal);
    } finally {
      clearInterval(ticker);
      void this.parser?.terminate();
    }
    if (!fatal) {
      try {
        this.finishSummaries();
      } catch (err) {
        fatal = classifySqliteError(err);
        status = 'failed';
        this.afterFatal(fatal);
      }
    }
    this.markUnhandled(status === 'cancelled' ? 'cancelled' : 'failed', fatal);
    const seconds = (Date.now() - this.started) / 1000;
    try {
      db.prepare('UPDATE imports SET status = ?, finished_at = ?, seconds = ? WHERE id = ?').run(status, now(), seconds, this.importId);
    } catch {
      // The ledger row stays 'running'; recovery marks it interrupted on the next start.
    }
    this.progress(true);
    const summary = readImportSummary(db, this.importId, found.ignored, status, seconds);
    if (fatal) throw Object.assign(new Error(fatal.message), { code: fatal.code === 'disk_full' || fatal.code === 'read_only' ? fatal.code : 'internal', summary });
    return summary;
  }

  /** Streams every file through the parse thread; returns done or cancelled. */
  private async stream(): Promise<ImportStatus> {
    const known = this.db.prepare("SELECT size, hash FROM sources WHERE status = 'imported' AND hash IS NOT NULL").raw().all() as [number, string][];
    // The parser's row strings die young, so a small young generation costs no speed and saves memory:
    // at a full year 16 MB gave 23.0 s / 403 MB peak against 24.1 s / 445 MB for 32 MB (back to back).
    const parser = (this.parser = new Worker(path.join(__dirname, 'parse-worker.js'), { resourceLimits: { maxYoungGenerationSizeMb: 16 } }));
    parser.on('message', (m: ParserMessage) => this.queue.push(m));
    parser.on('error', (err) => this.queue.push({ type: 'fatal', message: err.message }));
    parser.on('exit', () => this.queue.push({ type: 'fatal', message: 'The file reader stopped unexpectedly.' }));
    parser.postMessage({
      type: 'start',
      files: this.files,
      knownSizes: known.map((k) => k[0]),
      knownHashes: known.map((k) => k[1]),
      batchRows: this.tuning.batchRows,
      maxLoggedRows: this.tuning.maxLoggedRows,
    } satisfies ParserCommand);

    for (;;) {
      const msg = await this.queue.next();
      switch (msg.type) {
        case 'cancel':
          await parser.terminate();
          this.abortCurrent('cancelled', null, 'The import was cancelled before this file finished; nothing from it was kept. Import it again to finish it.');
          return 'cancelled';
        case 'fatal':
          if (this.handled.size === this.files.length) return 'done';
          this.abortCurrent('failed', 'internal', `The file reader failed on this file (${msg.message}); nothing from it was kept.`);
          return 'failed';
        case 'done':
          return 'done';
        case 'unchanged': {
          const sourceId = this.st.sourceByHash.get(msg.hash) as number | undefined;
          this.fileRecord(this.files[msg.file], 'unchanged', msg.hash, null, null, sourceId ?? null);
          this.fileDone(msg.file);
          break;
        }
        case 'file-begin':
          this.beginFile(msg.file);
          break;
        case 'batch':
          this.writeBatch(msg.batch, msg.rowsRead, msg.rejected);
          parser.postMessage({ type: 'ack', batch: msg.batch } satisfies ParserCommand, batchTransfers(msg.batch));
          break;
        case 'file-end':
          this.endFile(msg);
          break;
        case 'file-error':
          if (this.cur?.file === msg.file) this.abortCurrent('failed', msg.code, msg.message, msg.hash);
          else this.fileRecord(this.files[msg.file], 'failed', msg.hash, msg.code, msg.message);
          this.fileDone(msg.file);
          break;
      }
      this.progress(false);
      if (Date.now() - this.lastYield > 5) {
        // Let cancel requests, metric queries and progress timers through (every 5 ms: a cancel lands
        // within a batch or two of being asked).
        await new Promise((r) => setImmediate(r));
        this.lastYield = Date.now();
      }
    }
  }

  private setUpWriting(): void {
    if (this.state) return;
    const db = this.db;
    this.state = SummaryState.load(db);
    // Real exports run about 120-130 bytes a row: size the index for the whole import up front, so it
    // does not regrow mid-way (it still grows if the rows turn out shorter).
    this.dedup = this.owner.dedupFor(db, Math.ceil(this.bytesTotal / 120));
    this.inserter = new EventInserter(db);
    this.loadLabels();
    const stored = storedIdReader(db);
    const inserter = this.inserter;
    this.idAt = (seq) => inserter.pendingId(seq) ?? stored(seq);
    this.nextSeq = ((db.prepare('SELECT coalesce(max(seq), 0) AS m FROM events').get() as { m: number }).m) + 1;
    this.sourceStarts = (db.prepare('SELECT first_seq AS first, id FROM sources ORDER BY first_seq').all() as { first: number; id: number }[]);
  }

  private loadLabels(): void {
    const db = this.db;
    this.labels = {
      merchants: new LabelIds(db, 'merchants'),
      eventType: new LabelIds(db, 'labels', 'event_type'),
      channel: new LabelIds(db, 'labels', 'channel'),
      region: new LabelIds(db, 'labels', 'region'),
      tier: new LabelIds(db, 'labels', 'tier'),
      attrSets: new AttrSetIds(db),
    };
  }

  /** The attr_sets id of the parse thread's combination number i. */
  private attrSetId(i: number): number {
    const ids = this.parseIds;
    const t = this.parseAttrSets;
    return this.labels!.attrSets.id(ids.channels[t[3 * i]], ids.regions[t[3 * i + 1]], ids.tiers[t[3 * i + 2]]);
  }

  /** After a rollback, texts first stored in the rolled-back file are gone: store them again and re-map. */
  private resyncLabels(): void {
    this.loadLabels();
    const L = this.labels!;
    const ids = this.parseIds;
    this.db.transaction(() => {
      for (const [field, label] of TEXT_COLUMNS) ids[field] = this.parseTexts[field].map((x) => L[label].id(x));
      ids.attrSets = ids.attrSets.map((_, i) => this.attrSetId(i));
    })();
  }

  private begin(): void {
    if (!this.inTx) {
      this.db.exec('BEGIN IMMEDIATE');
      this.inTx = true;
    }
  }

  private commit(): void {
    if (this.inTx) {
      this.inserter?.flush();
      this.db.exec('COMMIT');
      this.inTx = false;
    }
  }

  private rollback(): void {
    this.inserter?.discard();
    if (this.inTx) {
      this.inTx = false;
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // SQLite already rolled back (after some storage errors it does so itself).
      }
    }
  }

  private beginFile(file: number): void {
    this.setUpWriting();
    this.begin();
    if (!this.fileCommitted) {
      // Committed with the first file that commits: if the app dies before the summaries are written
      // back, the next start rebuilds them from the events. (A rolled-back file takes it back with it.)
      setSummariesValid(this.db, false);
    }
    const f = this.files[file];
    // The ledger row exists from the start because rejected rows refer to it; it is finished when the
    // file commits, and rolled back with the file otherwise, so its first status is never seen.
    const importFileId = this.fileRecord(f, 'failed', null, null, null);
    const sourceId = Number(this.st.insertSource.run(f.path, f.size, fileDateFromName(f.path), this.nextSeq, this.importId, now()).lastInsertRowid);
    this.sourceStarts.push({ first: this.nextSeq, id: sourceId });
    const state = new SummaryState();
    state.ensureMerchants(this.labels!.merchants.maxId);
    this.cur = { file, importFileId, sourceId, firstSeq: this.nextSeq, rowsRead: 0, rejected: 0, duplicates: 0, bytesDone: 0, dupLinks: new Map(), state };
  }

  private sourceOfSeq(seq: number): number {
    const s = this.sourceStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid].first <= seq) lo = mid;
      else hi = mid - 1;
    }
    return s[lo]?.id ?? 0;
  }

  private writeBatch(b: RowBatch, rowsRead: number, rejected: number): void {
    const cur = this.cur!;
    const L = this.labels!;
    const ids = this.parseIds;
    for (const [field, label] of TEXT_COLUMNS) {
      for (const t of b[field]) {
        this.parseTexts[field].push(t);
        ids[field].push(L[label].id(t));
      }
    }
    for (const t of b.eventTypes) ids.kycSteps.push(KYC_STEP_OF_TYPE.get(t) ?? -1);
    for (const x of b.attrSets) this.parseAttrSets.push(x);
    while (ids.attrSets.length < this.parseAttrSets.length / 3) ids.attrSets.push(this.attrSetId(ids.attrSets.length));
    const inserter = this.inserter!;
    const state = cur.state;
    const dedup = this.dedup!;
    const idAt = this.idAt!;
    const merchantIds = ids.merchants;
    state.ensureMerchants(this.labels!.merchants.maxId);
    const attrSets = ids.attrSets;
    const source = cur.sourceId;
    for (let i = 0; i < b.n; i++) {
      const seq = this.nextSeq;
      const earlier = dedup.findOrInsert(b.hashes[i], b.ids, i * 4, seq, idAt);
      if (earlier !== 0) {
        cur.duplicates++;
        const winner = earlier >= cur.firstSeq ? source : this.sourceOfSeq(earlier);
        cur.dupLinks.set(winner, (cur.dupLinks.get(winner) ?? 0) + 1);
        continue;
      }
      this.nextSeq++;
      const m = merchantIds[b.merchant[i]];
      const product = b.product[i];
      const status = b.status[i];
      const et = b.eventType[i];
      const kind = ids.eventTypes[et] * 32 + product * 4 + status;
      inserter.add(seq, b.ids, i * 4, m, b.ts[i], b.amount[i], kind, attrSets[b.attrs[i]]);
      state.add(m, product, status, product === KYC_PRODUCT ? ids.kycSteps[et] : -1, b.month[i], b.day[i], b.amount[i]);
    }
    for (const r of b.logged) this.st.logRow.run(this.importId, cur.importFileId, r.line, r.kind, r.reason, r.raw);
    cur.rowsRead = rowsRead;
    cur.rejected = rejected;
    cur.bytesDone = b.bytesDone;
  }

  private endFile(msg: Extract<ParserMessage, { type: 'file-end' }>): void {
    const cur = this.cur!;
    this.inserter!.flush();
    const last = (this.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number);
    if (last !== this.nextSeq - 1) throw new Error(`stored rows out of step (expected last seq ${this.nextSeq - 1}, found ${last})`);
    const accepted = this.nextSeq - cur.firstSeq;
    this.st.finishSource.run(msg.hash, this.nextSeq - 1, accepted, cur.sourceId);
    for (const [sourceId, rows] of cur.dupLinks) this.st.dupLink.run(sourceId, cur.importFileId, rows);
    const rejected = Object.values(msg.rejected).reduce((a, b) => a + (b ?? 0), 0);
    this.st.finishFile.run({
      id: cur.importFileId,
      status: 'imported',
      hash: msg.hash,
      rows_read: msg.rowsRead,
      accepted,
      duplicates: cur.duplicates,
      rejected,
      rejected_by_reason: JSON.stringify(msg.rejected),
      warnings_by_reason: JSON.stringify(msg.warnings),
      error_code: null,
      error_message: null,
      finished_at: now(),
      source_id: cur.sourceId,
    });
    this.commit();
    this.fileCommitted = true;
    this.state!.merge(cur.state);
    this.totals.rowsRead += msg.rowsRead;
    this.totals.accepted += accepted;
    this.totals.duplicates += cur.duplicates;
    this.totals.rejected += rejected;
    this.cur = null;
    this.fileDone(msg.file);
  }

  /** Rolls back everything the current file wrote, so it counts nowhere, and records why. */
  private abortCurrent(status: FileStatus, code: FileErrorCode | null, message: string, hash: string | null = null): void {
    const cur = this.cur;
    if (!cur) return;
    this.rollback();
    this.nextSeq = cur.firstSeq;
    this.sourceStarts = this.sourceStarts.filter((s) => s.id !== cur.sourceId);
    this.cur = null;
    this.resyncLabels();
    this.begin();
    this.fileRecord(this.files[cur.file], status, hash, code, message);
    this.commit();
    this.fileDone(cur.file);
  }

  private fileDone(file: number): void {
    this.handled.add(file);
    this.filesDone++;
    this.bytesDoneBase += this.files[file]?.size ?? 0;
  }

  /** Files the import never reached get a ledger line too, so every file is accounted for. */
  private markUnhandled(status: 'cancelled' | 'failed', fatal: { message: string } | null): void {
    const message =
      status === 'cancelled'
        ? 'The import was cancelled before this file was read. Import it again to add it.'
        : fatal
          ? `Not imported: ${fatal.message}`
          : 'Not imported because the import stopped early. Import it again.';
    try {
      this.files.forEach((f, i) => {
        if (!this.handled.has(i)) this.fileRecord(f, status, null, status === 'failed' ? 'internal' : null, message);
      });
    } catch {
      // Nothing more can be written (disk full): the import row says why.
    }
  }

  private fileRecord(
    f: { path: string; size: number }, status: FileStatus, hash: string | null, code: FileErrorCode | null, message: string | null, sourceId: number | null = null,
  ): number {
    const t = now();
    return Number(
      this.st.insertFile.run({
        import_id: this.importId, path: f.path, size: f.size, hash, status, error_code: code, error_message: message,
        file_date: fileDateFromName(f.path), started_at: t, finished_at: t, source_id: sourceId,
      }).lastInsertRowid,
    );
  }

  private finishSummaries(): void {
    if (!this.fileCommitted) return;
    const db = this.db;
    this.commit();
    db.transaction(() => {
      this.state!.write(db);
      setSummariesValid(db, true);
      this.owner.dedupWritten(bumpGeneration(db));
    }).immediate();
  }

  /** After a storage error: undo the open transaction, then let recovery make the stored state whole. */
  private afterFatal(fatal: { code: FileErrorCode; message: string }): void {
    this.owner.invalidate();
    this.rollback();
    if (this.cur) {
      try {
        this.fileRecord(this.files[this.cur.file], 'failed', null, fatal.code, fatal.message);
      } catch {
        // Nothing more can be written (disk full): the import row says why.
      }
      this.handled.add(this.cur.file);
      this.cur = null;
    }
    try {
      recover(this.db);
    } catch {
      // Recovery runs again when the database is next opened.
    }
  }


  private progress(force: boolean): void {
    const t = Date.now();
    if (!force && t - this.lastProgress < this.tuning.progressMs) return;
    this.lastProgress = t;
    const cur = this.cur;
    const elapsed = (t - this.started) / 1000;
    const bytesDone = this.bytesDoneBase + (cur?.bytesDone ?? 0);
    const rowsRead = this.totals.rowsRead + (cur?.rowsRead ?? 0);
    const rate = elapsed > 0 ? bytesDone / elapsed : 0;
    this.onProgress({
      import_id: this.importId,
      files_done: this.filesDone,
      files_total: this.files.length,
      bytes_done: bytesDone,
      bytes_total: this.bytesTotal,
      rows_read: rowsRead,
      accepted: this.totals.accepted + (cur ? this.nextSeq - cur.firstSeq : 0),
      duplicates: this.totals.duplicates + (cur?.duplicates ?? 0),
      rejected: this.totals.rejected + (cur?.rejected ?? 0),
      rows_per_second: elapsed > 0 ? Math.round(rowsRead / elapsed) : 0,
      seconds_left: elapsed >= 1 && rate > 0 ? Math.max(0, (this.bytesTotal - bytesDone) / rate) : null,
      current_file: cur ? this.files[cur.file].path : null,
    });
  }
}
