// Keeps folders imported: a CSV file that appears or changes under a watched folder is imported once it
// has stopped changing, one import at a time, and whatever settles meanwhile goes into one follow-up
// import. Free of Electron so the CLI's `watch` and the desktop app share the same behaviour.
//
// Change events come from chokidar. Events are not trusted alone (network shares and some virtual file
// systems drop them), so a periodic rescan compares every file with the version last imported; and a
// folder that goes away (an unplugged drive) is reported once and taken up again when it returns.
import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { discover } from '../import/discover.js';
import type { ApiResult } from '../../../shared/api.js';
import type { ImportSummary } from '../../../shared/importing.js';
import { Settler, isUnder, statSignature, type Signature } from './settle.js';

/** How the watcher imports: the engine client in the CLI and the app, a fake in unit tests. */
export interface WatchImporter {
  importPaths(paths: string[]): Promise<ApiResult<ImportSummary>>;
  /** Stops the running import (its current file is rolled back) and resolves once it has stopped. */
  cancelImport(): Promise<void>;
}

export type WatchEvent =
  /** A file has settled and waits for the next import (the app can show "3 files waiting"). */
  | { type: 'queued'; file: string }
  | { type: 'importing'; files: string[] }
  | { type: 'imported'; files: string[]; result: ApiResult<ImportSummary> }
  | { type: 'unavailable'; folder: string; message: string }
  | { type: 'available'; folder: string }
  | { type: 'problem'; message: string };

export interface FolderWatcherOptions {
  /** How long a file must stay unchanged before it is read (default 2 s). */
  settleMs?: number;
  /** How often every folder is compared with what was imported, in case events were lost (default 30 s). */
  rescanMs?: number;
  /** false: rescans only, no change events (for file systems that have none; tests). */
  events?: boolean;
}

export const DEFAULT_SETTLE_MS = 2000;
export const DEFAULT_RESCAN_MS = 30_000;

const isCsv = (p: string) => p.toLowerCase().endsWith('.csv');

function folderState(folder: string): { there: true } | { there: false; why: string } {
  try {
    return fs.statSync(folder).isDirectory() ? { there: true } : { there: false, why: 'it is no longer a folder' };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { there: false, why: code === 'ENOENT' ? 'it is missing' : `it cannot be read (${code ?? 'error'})` };
  }
}

export class FolderWatcher {
  readonly folders: string[];
  private readonly settleMs: number;
  private readonly rescanMs: number;
  private readonly useEvents: boolean;
  private readonly settler: Settler;
  /** The version (signature) of each file as it was when last handed to an import. */
  private readonly imported = new Map<string, Signature>();
  /** Settled files waiting for the next import, with the signature they settled at. */
  private readonly ready = new Map<string, Signature>();
  private readonly available = new Map<string, boolean>();
  private readonly problems = new Set<string>();
  private chokidar: FSWatcher | null = null;
  private rescanTimer: NodeJS.Timeout | null = null;
  private gatherTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private endStart: (() => void) | null = null;

  constructor(
    folders: string[],
    private readonly importer: WatchImporter,
    private readonly onEvent: (e: WatchEvent) => void,
    options: FolderWatcherOptions = {},
  ) {
    this.folders = [...new Set(folders.map((f) => path.resolve(f)))];
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.rescanMs = options.rescanMs ?? DEFAULT_RESCAN_MS;
    this.useEvents = options.events ?? true;
    this.settler = new Settler(this.settleMs, (file, sig) => this.onSettled(file, sig));
  }

  /**
   * Starts watching and queues every CSV file already there: after one settle interval they go into the
   * first import, where the engine recognises files it already has by their content.
   */
  async start(): Promise<void> {
    if (this.useEvents) {
      const w = watch(this.folders, {
        ignoreInitial: true,
        ignored: (p, stats) => Boolean(stats?.isFile()) && !isCsv(p),
      });
      this.chokidar = w;
      w.on('add', (p) => this.changed(p));
      w.on('change', (p) => this.changed(p));
      w.on('unlink', (p) => this.removed(p));
      w.on('addDir', (p) => (this.folders.includes(p) ? this.checkFolder(p) : this.scan(p)));
      w.on('unlinkDir', (p) => (this.folders.includes(p) ? this.checkFolder(p) : this.removedDir(p)));
      w.on('error', (err) => this.problem(`Watching for new files ran into a problem: ${(err as Error).message ?? String(err)}`));
      // Events start only after chokidar's own listing, so nothing that lands from now on is missed.
      // stop() before then must not leave start() waiting for a ready that a closed watcher never sends.
      await new Promise<void>((resolve) => {
        this.endStart = resolve;
        w.once('ready', () => resolve());
      });
      this.endStart = null;
    }
    if (this.stopped) return;
    for (const folder of this.folders) this.checkFolder(folder);
    this.rescanTimer = setInterval(() => this.rescan(), this.rescanMs);
  }

  /** Stops watching; a running import is cancelled (its current file rolled back) and awaited. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.endStart?.();
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.settler.clear();
    this.ready.clear();
    const running = this.running;
    if (running) await this.importer.cancelImport();
    await Promise.all([running, this.chokidar?.close()]);
  }

  /** True when nothing is settling, waiting or importing. */
  get idle(): boolean {
    return this.settler.size === 0 && this.ready.size === 0 && this.running === null;
  }

  private changed(file: string): void {
    if (!this.stopped && isCsv(file)) this.settler.touch(file);
  }

  private removed(file: string): void {
    // Its events stay in the database: deleting an export is not a request to forget it.
    this.settler.drop(file);
    this.ready.delete(file);
    this.imported.delete(file);
  }

  private removedDir(dir: string): void {
    this.settler.dropUnder(dir);
    for (const m of [this.ready, this.imported]) for (const file of [...m.keys()]) if (isUnder(file, dir)) m.delete(file);
  }

  private checkFolder(folder: string): void {
    if (this.stopped) return;
    const state = folderState(folder);
    const was = this.available.get(folder);
    if (state.there === was) return;
    this.available.set(folder, state.there);
    if (!state.there) {
      this.removedDir(folder);
      this.onEvent({
        type: 'unavailable',
        folder,
        message: `The watched folder ${folder} is unavailable (${state.why}); its files are picked up again when it is back.`,
      });
      return;
    }
    if (was === false) {
      this.onEvent({ type: 'available', folder });
      // A folder made again from scratch may not be watched by the old subscription any more.
      this.chokidar?.unwatch(folder).add(folder);
    }
    this.scan(folder);
  }

  /** Queues every CSV file under dir that differs from the version last imported. */
  private scan(dir: string): void {
    if (this.stopped) return;
    const { files, unreadable } = discover([dir]);
    for (const u of unreadable) this.problem(`${u.path}: ${u.message}`);
    const present = new Set<string>();
    for (const { path: file } of files) {
      present.add(file);
      if (this.settler.has(file) || this.ready.has(file)) continue;
      if (statSignature(file) !== this.imported.get(file)) this.settler.touch(file);
    }
    for (const file of [...this.imported.keys()]) if (isUnder(file, dir) && !present.has(file)) this.imported.delete(file);
  }

  private rescan(): void {
    for (const folder of this.folders) {
      const was = this.available.get(folder);
      this.checkFolder(folder);
      if (was && this.available.get(folder)) this.scan(folder);
    }
  }

  private onSettled(file: string, sig: Signature): void {
    if (this.stopped) return;
    this.ready.set(file, sig);
    this.onEvent({ type: 'queued', file });
    // Files of one burst settle within moments of each other: wait a little so they share one import.
    if (!this.running && !this.gatherTimer) {
      this.gatherTimer = setTimeout(() => {
        this.gatherTimer = null;
        this.pump();
      }, Math.min(500, this.settleMs / 4));
    }
  }

  private pump(): void {
    if (this.running || this.gatherTimer || this.stopped || this.ready.size === 0) return;
    const files: string[] = [];
    const versions = new Map<string, Signature>();
    for (const [file, settled] of [...this.ready].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      this.ready.delete(file);
      // The check right before reading: a file written to again since it settled waits once more.
      const now = statSignature(file);
      if (now === null) continue;
      if (now !== settled) this.settler.touch(file);
      else if (now !== this.imported.get(file)) {
        files.push(file);
        versions.set(file, now);
      }
    }
    if (files.length === 0) return;
    this.running = this.runImport(files, versions).finally(() => {
      this.running = null;
      this.pump();
    });
  }

  private async runImport(files: string[], versions: Map<string, Signature>): Promise<void> {
    this.onEvent({ type: 'importing', files });
    const result = await this.importer.importPaths(files);
    if (!result.ok && result.error.code === 'busy' && !this.stopped) {
      // Another import (the analyst's own, in the app) holds the engine: try again after it.
      for (const file of files) this.ready.set(file, versions.get(file)!);
      this.gatherTimer = setTimeout(() => {
        this.gatherTimer = null;
        this.pump();
      }, this.settleMs);
      return;
    }
    for (const file of files) {
      this.imported.set(file, versions.get(file)!);
      // Written to while it was being read: the stored version may be short, so read the new one too
      // (its known events count as duplicates).
      const now = statSignature(file);
      if (now !== null && now !== versions.get(file) && !this.stopped) this.settler.touch(file);
    }
    this.onEvent({ type: 'imported', files, result });
  }

  /** Reports a problem once; the same trouble every rescan is not news. */
  private problem(message: string): void {
    if (this.problems.has(message)) return;
    this.problems.add(message);
    this.onEvent({ type: 'problem', message });
  }
}
