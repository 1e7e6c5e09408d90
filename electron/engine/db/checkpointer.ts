// Runs a checkpoint on a thread of its own after a large commit. The writer checkpoints by itself after
// ordinary commits (a daily file's log is a few megabytes); for a large file it would stop for seconds
// copying the log, so its automatic checkpoints are off from just before that commit until this thread
// has copied everything. If the thread fails or exits they are switched back on.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const AUTO_CHECKPOINT_PAGES = 1000;

export class Checkpointer {
  /** Started at the first large commit (most sessions never need it), then kept. */
  private worker: Worker | null = null;
  private failed = false;
  private exited: Promise<void> | null = null;
  private running = false;
  private again = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly dbPath: string,
    private readonly writer: Database.Database,
  ) {}

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    const worker = new Worker(path.join(__dirname, 'checkpoint-worker.js'), { workerData: { dbPath: this.dbPath }, resourceLimits: { maxYoungGenerationSizeMb: 1 } });
    this.worker = worker;
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', () => this.finished());
    worker.on('error', () => this.stop());
    worker.on('exit', () => this.stop());
    worker.unref();
    return worker;
  }

  /** Call just before committing a large transaction: the writer will not checkpoint it itself. */
  beforeLargeCommit(): void {
    if (this.start()) this.writer.pragma('wal_autocheckpoint = 0');
  }

  /** The large commit failed: the writer checkpoints by itself again. */
  abandonLargeCommit(): void {
    if (!this.running) this.autoCheckpoints();
  }

  /** Asks for a checkpoint of everything committed so far (one more runs if asked while one is running). */
  request(): void {
    if (!this.worker) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.worker.postMessage('checkpoint');
  }

  /** Resolves when no checkpoint is running or asked for. */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops the thread by asking it (see checkpoint-worker.ts), after any checkpoint under way. */
  async close(): Promise<void> {
    const w = this.worker;
    const exited = this.exited;
    this.stop();
    if (!w) return;
    w.postMessage('stop');
    await exited;
  }

  private finished(): void {
    this.running = false;
    if (this.again) {
      this.again = false;
      this.request();
      return;
    }
    this.autoCheckpoints();
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private autoCheckpoints(): void {
    try {
      this.writer.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    } catch {
      // The writer is closing.
    }
  }

  private stop(): void {
    if (!this.worker) return;
    this.worker = null;
    this.failed = true;
    this.running = false;
    this.autoCheckpoints();
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
