// `cli watch` as a child process of the compiled CLI with the project's Node: its JSON summaries and
// stderr lines as they arrive, and waits for what a test expects to see (never for a length of time).
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import { CLI, NODE, ROOT } from '../helpers/engine.js';

export interface JsonSummary {
  status: string;
  rows_read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejected_by_reason: Record<string, number>;
  files: { imported: number; unchanged: number; failed: number; cancelled: number; ignored: number };
  failed_files: { path: string; error_code: string; message: string }[];
}

/** Generous: a loaded CI box may be slow, but a watcher that works gets there long before. */
const WAIT_MS = 45_000;

const running = new Set<WatchProcess>();

afterEach(async () => {
  await Promise.all([...running].map((w) => w.stop('SIGKILL')));
});

export class WatchProcess {
  readonly summaries: JsonSummary[] = [];
  readonly stderr: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly waiters = new Set<() => void>();

  /** Starts `cli watch --db db --json --settle 1 DIR...` (extra flags may override). */
  constructor(db: string, dirs: string[], extra: string[] = []) {
    this.child = spawn(NODE, [CLI, 'watch', '--db', db, '--json', '--settle', '1', ...extra, ...dirs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(this);
    lines(this.child.stdout!, (l) => {
      this.summaries.push(JSON.parse(l) as JsonSummary);
      this.notify();
    });
    lines(this.child.stderr!, (l) => {
      this.stderr.push(l);
      this.notify();
    });
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        running.delete(this);
        this.notify();
        resolve(this.exit);
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves once check() holds; rejects if the process ends first or after a generous timeout. */
  waitFor(what: string, check: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), WAIT_MS);
      const done = (err?: Error) => {
        clearTimeout(timer);
        this.waiters.delete(poll);
        if (err) reject(new Error(`${err.message}\nsummaries: ${JSON.stringify(this.summaries)}\nstderr:\n${this.stderr.join('\n')}`));
        else resolve();
      };
      const poll = () => {
        if (check()) done();
        else if (this.exit) done(new Error(`the watcher exited (${JSON.stringify(this.exit)}) before ${what}`));
      };
      this.waiters.add(poll);
      poll();
    });
  }

  waitForStderr(pattern: RegExp): Promise<void> {
    return this.waitFor(`a stderr line matching ${pattern}`, () => this.stderr.some((l) => pattern.test(l)));
  }

  /** Waits until the summaries together have accepted exactly this many rows (or more, which fails later). */
  waitForAccepted(total: number): Promise<void> {
    return this.waitFor(`${total} accepted rows`, () => this.total('accepted') >= total);
  }

  total(key: 'accepted' | 'duplicates' | 'rejected' | 'rows_read'): number {
    return this.summaries.reduce((n, s) => n + s[key], 0);
  }

  /** Sends the signal and resolves with how the process ended. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exit) this.child.kill(signal);
    return this.exited;
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  static started(db: string, dirs: string[], extra: string[] = []): Promise<WatchProcess> {
    const w = new WatchProcess(db, dirs, extra);
    return w.waitForStderr(/^watching /).then(() => w);
  }
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const l = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (l.trim()) onLine(l);
    }
  });
}
