// One import, run on the engine worker: discovers the files, streams them through the parse thread,
// and writes accepted events, the ledger and the summaries. Files apply in sorted path order, so the
// first occurrence of an event id wins. Each file is one transaction: it counts only once its last row
// is committed, and a cancelled or failed file is undone by a rollback, at once, whatever its size.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { FileErrorCode, FileStatus, ImportFileRecord, ImportProgress, ImportStatus, ImportSummary, WarningReason } from '../../../shared/importing.js';
import type { EngineTuning } from '../protocol.js';
import { discover, fileDateFromName, type FoundFile } from './discover.js';
import { batchTransfers, type ParserCommand, type ParserMessage, type RowBatch } from './batch.js';
import { DedupIndex, type FindIdIn } from './dedup-index.js';
import { KYC_PRODUCT, SummaryState, loadCurrentSummaries, summariesCurrent } from './summaries.js';
import { AttrSetIds, LabelIds } from './writer-sql.js';
import { BlockWriter, lastStoredSeq, storedIdFinder } from './event-blocks.js';
import { ParseSide, type Labels } from './parse-side.js';
import { loadDedupIndex } from './dedup-load.js';
import { bumpGeneration, readGeneration, setSummariesValid, recover } from './recovery.js';
import { readImportSummary } from '../query/history.js';
import { classifySqliteError } from '../db/errors.js';
import type { Checkpointer } from '../db/checkpointer.js';

/** Parse threads: with two cores, two parsers and the writer keep both busy (one parser left the writer idle a fifth of the time). */
const PARSE_THREADS = 2;

type Queued = { worker: number; msg: ParserMessage } | { type: 'cancel' };

class MessageQueue {
  /** Set by a cancel, so it is seen even while messages put aside for later are being taken. */
  cancelled = false;
  /** A taken message's slot is emptied, so its batch's strings do not live on until the next slice. */
  private items: (Queued | undefined)[] = [];
  private head = 0;
  private waiter: ((m: Queued) => void) | null = null;
  /** A cancel goes ahead of the batches already waiting, so it takes effect at once. */
  pushFront(m: Queued) {
    if ('type' in m) this.cancelled = true;
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
      const m = this.items[this.head]!;
      this.items[this.head++] = undefined;
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
  /**
   * Kept rows with a warning, counted here rather than on the parse thread: a duplicate is not kept,
   * so its warnings count nowhere. A batch marks them as NaN (timestamp, amount).
   */
  warnings: Partial<Record<WarningReason, number>>;
  /** Rejected and warned rows of this file kept in the ledger (given back to the budget on rollback). */
  logged: number;
  /** This file's summary counts, merged into the import's only when the file commits. */
  state: SummaryState;
}

const now = () => new Date().toISOString();

/** Thrown out of a dedup index load when the import is cancelled meanwhile. */
class CancelledWhileLoading extends Error {}

export class ImportRunner {
  private cachedDedup: { index: DedupIndex; generation: number } | null = null;
  private queue: MessageQueue | null = null;
  running = false;

  constructor(
    private readonly db: Database.Database,
    private readonly tuning: EngineTuning,
    /** Copies committed pages into the database file off this thread (none in tests that pass none). */
    readonly checkpointer: Checkpointer | null = null,
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

  /** The dedup index for an import of about `extraRows` more rows; `pause` is awaited between slices of a load. */
  async dedupFor(db: Database.Database, extraRows: number, pause: () => Promise<void>): Promise<DedupIndex> {
    const generation = readGeneration(db);
    const cached = this.cachedDedup;
    // Each import that does not fit adds a table, and every lookup probes them all: past two, load
    // one table sized for everything from the stored ids instead.
    const nextSeq = lastStoredSeq(db) + 1;
    if (!cached || cached.generation !== generation || (cached.index.tableCount >= 2 && !cached.index.hasRoom(extraRows, nextSeq))) {
      this.cachedDedup = null;
      const index = await loadDedupIndex(db, extraRows, nextSeq, pause);
      this.cachedDedup = { index, generation };
      return index;
    }
    cached.index.reserve(extraRows, nextSeq);
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
  /** Ledger lines that could not be written (a full disk), given in the summary all the same. */
  private unrecorded: ImportFileRecord[] = [];
  private bytesTotal = 0;
  private bytesDoneBase = 0;
  private filesDone = 0;
  private totals = { rowsRead: 0, accepted: 0, duplicates: 0, rejected: 0 };
  private cur: CurrentFile | null = null;
  private inTx = false;
  /** Some file of this import has committed, so the summaries must be written back. */
  private fileCommitted = false;
  /** The summaries were counted again from the events at the start (they were stale), so write them back. */
  private summariesChanged = false;
  /** A large file was committed, so the checkpoint thread is copying its log (see settleLog). */
  private largeCommitted = false;
  private nextSeq = 1;
  private state: SummaryState | null = null;
  /** A finished file's summary state, zeroed, for the next file. */
  private spareState: SummaryState | null = null;
  private dedup: DedupIndex | null = null;
  private blocks: BlockWriter | null = null;
  private labels: Labels | null = null;
  private findIdIn: FindIdIn | null = null;
  /** Per parse thread: its dictionary texts and their database ids (each thread numbers its own). */
  private sides: ParseSide[] = [];
  /** Per parse thread: messages that arrived while another thread's file was being written. */
  private backlogs: Queued[][] = [];
  /** Rejected and warned rows that may still be kept, in file order across the parse threads. */
  private logBudget: number;
  private sourceStarts: { first: number; id: number }[] = [];
  private lastProgress = 0;
  private lastYield = Date.now();
  private parsers: Worker[] = [];
  private readonly st: Record<string, Database.Statement>;

  constructor(
    private readonly owner: ImportRunner,
    private readonly db: Database.Database,
    private readonly tuning: EngineTuning,
    private readonly queue: MessageQueue,
    private readonly onProgress: (p: ImportProgress) => void,
  ) {
    this.logBudget = tuning.maxLoggedRows;
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
      for (const p of this.parsers) void p.terminate();
    }
    if (!fatal) {
      try {
        // The summaries take a few hundred milliseconds to write: report just before, so the gap
        // between progress events is that long at most.
        this.progress(true);
        this.finishSummaries();
      } catch (err) {
        fatal = classifySqliteError(err);
        status = 'failed';
        this.afterFatal(fatal);
      }
    }
    await this.settleLog();
    clearInterval(ticker);
    this.markUnhandled(status === 'cancelled' ? 'cancelled' : 'failed', fatal);
    const seconds = (Date.now() - this.started) / 1000;
    try {
      db.prepare('UPDATE imports SET status = ?, finished_at = ?, seconds = ? WHERE id = ?').run(status, now(), seconds, this.importId);
    } catch {
      // The ledger row stays 'running'; recovery marks it interrupted on the next start.
    }
    this.progress(true);
    const summary = readImportSummary(db, this.importId, found.ignored, status, seconds);
    for (const r of this.unrecorded) {
      summary.file_records.push(r);
      summary.files[r.status]++;
    }
    if (fatal) throw Object.assign(new Error(fatal.message), { code: fatal.code === 'disk_full' || fatal.code === 'read_only' ? fatal.code : 'internal', summary });
    return summary;
  }

  /** Streams every file through the parse thread; returns done or cancelled. */
  private async stream(): Promise<ImportStatus> {
    const known = this.db.prepare("SELECT size, hash FROM sources WHERE status = 'imported' AND hash IS NOT NULL").raw().all() as [number, string][];
    const knownSizes = known.map((k) => k[0]);
    const knownHashes = known.map((k) => k[1]);
    const threads = Math.min(PARSE_THREADS, this.files.length);
    this.sides = Array.from({ length: threads }, () => new ParseSide());
    this.backlogs = Array.from({ length: threads }, () => []);
    for (let worker = 0; worker < threads; worker++) {
      // A parser's row strings die at once (rows are taken one at a time), so a small young generation
      // costs no speed and saves memory: 8 MB a thread (16 MB and 32 MB were measured before). An old
      // generation limit under 2 GB (the default here is 4 GB) makes V8 let the heap grow about 1.6x
      // between full collections instead of 4x: a thread's live data is a few tens of MB, and three
      // years' import peaked at 386 MB instead of 412-459 MB.
      const parser = new Worker(path.join(__dirname, 'parse-worker.js'), { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 } });
      this.parsers.push(parser);
      parser.on('message', (msg: ParserMessage) => this.queue.push({ worker, msg }));
      parser.on('error', (err) => this.queue.push({ worker, msg: { type: 'fatal', message: err.message } }));
      parser.on('exit', () => this.queue.push({ worker, msg: { type: 'fatal', message: 'The file reader stopped unexpectedly.' } }));
      parser.postMessage({
        type: 'start',
        files: this.files,
        knownSizes,
        knownHashes,
        batchRows: this.tuning.batchRows,
        maxLoggedRows: this.tuning.maxLoggedRows,
        first: worker,
        stride: threads,
      } satisfies ParserCommand);
    }

    // Files apply in order: file i comes from parse thread i % threads, whose messages are taken until
    // that file is finished; the other thread's messages wait in its backlog meanwhile.
    for (let file = 0; file < this.files.length; file++) {
      const worker = file % threads;
      let finished = false;
      while (!finished) {
        const q = await this.nextFor(worker);
        if ('type' in q) return this.cancelNow();
        const msg = q.msg;
        switch (msg.type) {
          case 'fatal':
            this.abortCurrent('failed', 'internal', `The file reader failed on this file (${msg.message}); nothing from it was kept.`);
            return 'failed';
          case 'done':
            break;
          case 'unchanged': {
            const sourceId = this.st.sourceByHash.get(msg.hash) as number | undefined;
            this.fileRecord(this.files[msg.file], 'unchanged', msg.hash, null, null, sourceId ?? null);
            this.fileDone(msg.file);
            finished = true;
            break;
          }
          case 'file-begin':
            this.beginFile(msg.file);
            break;
          case 'batch':
            if (!this.dedup) {
              // Sized for the whole import when the first rows arrive, from their bytes per row.
              try {
                this.dedup = await this.owner.dedupFor(this.db, this.expectedRows(msg.batch.bytesDone, msg.rowsRead), () => this.pauseWhileLoading());
              } catch (err) {
                if (err instanceof CancelledWhileLoading) return this.cancelNow();
                throw err;
              }
            }
            this.writeBatch(this.sides[worker], msg.batch, msg.rowsRead, msg.rejected);
            this.parsers[worker].postMessage({ type: 'ack', batch: msg.batch } satisfies ParserCommand, batchTransfers(msg.batch));
            break;
          case 'file-end':
            this.endFile(msg);
            finished = true;
            break;
          case 'file-error':
            // abortCurrent counts the file done itself; counting it here too ended at "4 of 3 files".
            if (this.cur?.file === msg.file) this.abortCurrent('failed', msg.code, msg.message, msg.hash);
            else {
              this.fileRecord(this.files[msg.file], 'failed', msg.hash, msg.code, msg.message);
              this.fileDone(msg.file);
            }
            finished = true;
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
    return 'done';
  }

  private async cancelNow(): Promise<ImportStatus> {
    await Promise.all(this.parsers.map((p) => p.terminate()));
    this.abortCurrent('cancelled', null, 'The import was cancelled before this file finished; nothing from it was kept. Import it again to finish it.');
    return 'cancelled';
  }

  /** Between slices of a dedup index load: report progress and let a cancel through (it stops the load). */
  private async pauseWhileLoading(): Promise<void> {
    this.progress(false);
    await new Promise((r) => setImmediate(r));
    if (this.queue.cancelled) throw new CancelledWhileLoading();
  }

  /** The next message of one parse thread (or a cancel), setting aside the other thread's. */
  private async nextFor(worker: number): Promise<Queued> {
    for (;;) {
      if (this.queue.cancelled) return { type: 'cancel' };
      const waiting = this.backlogs[worker];
      if (waiting.length > 0) return waiting.shift()!;
      const q = await this.queue.next();
      if ('type' in q || q.worker === worker) return q;
      this.backlogs[q.worker].push(q);
    }
  }

  private setUpWriting(): void {
    if (this.state) return;
    const db = this.db;
    // Counted again from the events when stale, and then written back even if no file commits.
    this.summariesChanged = !summariesCurrent(db);
    this.state = loadCurrentSummaries(db);
    this.blocks = new BlockWriter(db);
    this.loadLabels();
    const stored = storedIdFinder(db);
    const blocks = this.blocks;
    this.findIdIn = (lo, hi, words, at) => blocks.pendingSeqOf(lo, hi, words, at) || stored(lo, hi, words, at);
    this.nextSeq = lastStoredSeq(db) + 1;
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

  /** After a rollback, texts first stored in the rolled-back file are gone: store them again and re-map. */
  private resyncLabels(): void {
    this.loadLabels();
    this.db.transaction(() => {
      for (const side of this.sides) side.remap(this.labels!);
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
      this.blocks?.flush();
      this.db.exec('COMMIT');
      this.inTx = false;
    }
  }

  /**
   * Waits (with progress going on) until the checkpoint thread has copied a large file's log into the
   * database file, so the import ends with its data there. The log file itself is cut back at the next
   * write (journal_size_limit): truncating ~700 MB here held this thread for 0.6 s.
   */
  private async settleLog(): Promise<void> {
    const checkpointer = this.owner.checkpointer;
    if (checkpointer && this.largeCommitted) await checkpointer.whenIdle();
  }

  private rollback(): void {
    this.blocks?.discard();
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
    // Sized to the merchants as each batch arrives (writeBatch); the last file's arrays, zeroed, when there was one.
    const state = this.spareState ?? new SummaryState();
    this.spareState = null;
    state.countNewInto(this.state!, this.labels!.merchants.maxId + 1);
    this.cur = { file, importFileId, sourceId, firstSeq: this.nextSeq, rowsRead: 0, rejected: 0, duplicates: 0, bytesDone: 0, dupLinks: new Map(), warnings: {}, logged: 0, state };
  }

  /** Rows the import will read, from the first batch's bytes per row, with 5% to spare. */
  private expectedRows(bytesDone: number, rowsRead: number): number {
    const bytesPerRow = rowsRead > 0 ? Math.max(bytesDone / rowsRead, 16) : 100;
    return Math.ceil((this.bytesTotal / bytesPerRow) * 1.05);
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

  private writeBatch(side: ParseSide, b: RowBatch, rowsRead: number, rejected: number): void {
    const cur = this.cur!;
    side.take(b, this.labels!);
    const ids = side.ids;
    const blocks = this.blocks!;
    const state = cur.state;
    const dedup = this.dedup!;
    const findIdIn = this.findIdIn!;
    const merchantIds = ids.merchants;
    state.ensureMerchants(this.labels!.merchants.maxId);
    const attrSets = ids.attrSets;
    const source = cur.sourceId;
    let badTs = 0;
    let badAmount = 0;
    /** Lines of duplicates with a warning, whose logged warning rows are dropped with them. */
    let warnedDuplicates: Set<number> | null = null;
    for (let i = 0; i < b.n; i++) {
      const seq = this.nextSeq;
      const earlier = dedup.findOrInsert(b.hashes[i], b.ids, i * 4, seq, findIdIn);
      if (earlier !== 0) {
        cur.duplicates++;
        if (b.ts[i] !== b.ts[i] || b.amount[i] !== b.amount[i]) (warnedDuplicates ??= new Set()).add(b.line[i]);
        const winner = earlier >= cur.firstSeq ? source : this.sourceOfSeq(earlier);
        cur.dupLinks.set(winner, (cur.dupLinks.get(winner) ?? 0) + 1);
        continue;
      }
      this.nextSeq++;
      if (b.ts[i] !== b.ts[i]) badTs++;
      if (b.amount[i] !== b.amount[i]) badAmount++;
      const m = merchantIds[b.merchant[i]];
      const product = b.product[i];
      const status = b.status[i];
      const et = b.eventType[i];
      const kind = ids.eventTypes[et] * 32 + product * 4 + status;
      blocks.add(seq, b.ids, i * 4, m, b.ts[i], b.amount[i], kind, attrSets[b.attrs[i]], b.line[i]);
      state.add(m, product, status, product === KYC_PRODUCT ? ids.kycSteps[et] : -1, b.month[i], b.day[i], b.amount[i]);
    }
    if (badTs) cur.warnings.invalid_timestamp = (cur.warnings.invalid_timestamp ?? 0) + badTs;
    if (badAmount) cur.warnings.invalid_amount = (cur.warnings.invalid_amount ?? 0) + badAmount;
    for (const r of b.logged) {
      if (r.kind === 'warning' && warnedDuplicates?.has(r.line)) continue;
      // Each parse thread keeps up to the limit; the writer keeps the first ones in file order.
      if (this.logBudget <= 0) break;
      this.logBudget--;
      cur.logged++;
      this.st.logRow.run(this.importId, cur.importFileId, r.line, r.kind, r.reason, r.raw);
    }
    cur.rowsRead = rowsRead;
    cur.rejected = rejected;
    cur.bytesDone = b.bytesDone;
  }

  private endFile(msg: Extract<ParserMessage, { type: 'file-end' }>): void {
    const cur = this.cur!;
    this.blocks!.flush();
    const last = lastStoredSeq(this.db);
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
      warnings_by_reason: JSON.stringify(cur.warnings),
      error_code: null,
      error_message: null,
      finished_at: now(),
      source_id: cur.sourceId,
    });
    // A large file's log is copied into the database file by the checkpoint thread (see Checkpointer).
    const large = this.files[cur.file].size > this.tuning.largeFileBytes && this.owner.checkpointer;
    // Committing a large file takes a while in one native call (SQLite re-reads the part of the log it
    // rewrote to recompute checksums: about 0.4 s for a 2 GB file), so progress goes out just before it.
    if (large) {
      this.progress(true);
      large.beforeLargeCommit();
    }
    try {
      this.commit();
    } catch (err) {
      if (large) large.abandonLargeCommit();
      throw err;
    }
    if (large) {
      large.request();
      this.largeCommitted = true;
    }
    this.fileCommitted = true;
    this.state!.merge(cur.state);
    cur.state.clear();
    this.spareState = cur.state;
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
    cur.state.dropNew();
    this.logBudget += cur.logged;
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
  private markUnhandled(status: 'cancelled' | 'failed', fatal: { code: FileErrorCode; message: string } | null): void {
    const message =
      status === 'cancelled'
        ? 'The import was cancelled before this file was read. Import it again to add it.'
        : fatal
          ? `Not imported: ${fatal.message}`
          : 'Not imported because the import stopped early. Import it again.';
    const code = status === 'failed' ? (fatal?.code ?? 'internal') : null;
    this.files.forEach((f, i) => {
      if (this.handled.has(i)) return;
      try {
        this.fileRecord(f, status, null, code, message);
      } catch {
        // Nothing more can be written (disk full): the summary still lists the file (see unrecorded).
        this.unrecorded.push({
          id: 0, import_id: this.importId, path: f.path, size: f.size, hash: null, status, rows_read: 0, accepted: 0, duplicates: 0, rejected: 0,
          rejected_by_reason: {}, warnings_by_reason: {}, error_code: code, error_message: message, file_date: fileDateFromName(f.path),
          started_at: now(), finished_at: now(), source_id: null,
        });
      }
    });
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
    if (!this.fileCommitted && !this.summariesChanged) return;
    const db = this.db;
    this.commit();
    db.transaction(() => {
      this.state!.write(db, () => this.progress(false));
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
        this.handled.add(this.cur.file);
      } catch {
        // Nothing more can be written (disk full): markUnhandled lists it in the summary all the same.
      }
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
