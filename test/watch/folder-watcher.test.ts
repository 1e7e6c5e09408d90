// The folder watcher on its own, with a fake importer that records each import's files and can hold
// an import open: queueing behind a running import, coalescing into one follow-up, the rescan when no
// events arrive, and a retry when the engine is busy with someone else's import.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderWatcher, type WatchEvent, type WatchImporter } from '../../electron/engine/watch/folder-watcher.js';
import type { ApiResult } from '../../shared/api.js';
import type { ImportSummary } from '../../shared/importing.js';
import { row, tempDir, writeCsv } from '../helpers/csv.js';

const WAIT_MS = 30_000;

class FakeImporter implements WatchImporter {
  readonly calls: string[][] = [];
  /** Results to give, in order; afterwards every import succeeds at once. */
  readonly script: (Promise<ApiResult<ImportSummary>> | ApiResult<ImportSummary>)[] = [];
  cancelled = 0;
  private readonly listeners = new Set<() => void>();

  importPaths(paths: string[]): Promise<ApiResult<ImportSummary>> {
    this.calls.push(paths.map((p) => path.basename(p)));
    for (const l of [...this.listeners]) l();
    return Promise.resolve(this.script.shift() ?? done());
  }

  async cancelImport(): Promise<void> {
    this.cancelled++;
  }

  waitForCalls(n: number): Promise<void> {
    return until(`${n} imports (have ${JSON.stringify(this.calls)})`, () => this.calls.length >= n, this.listeners);
  }
}

const done = (): ApiResult<ImportSummary> => ({ ok: true, value: { status: 'done' } as ImportSummary });

function until(what: string, check: () => boolean, listeners: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listeners.delete(poll);
      reject(new Error(`timed out waiting for ${what}`));
    }, WAIT_MS);
    const poll = () => {
      if (!check()) return;
      clearTimeout(timer);
      listeners.delete(poll);
      resolve();
    };
    listeners.add(poll);
    poll();
  });
}

function latch<T>(): { promise: Promise<T>; open: (v: T) => void } {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}

const watchers: FolderWatcher[] = [];
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
});

function start(dir: string, importer: FakeImporter, options: ConstructorParameters<typeof FolderWatcher>[3]) {
  const events: WatchEvent[] = [];
  const listeners = new Set<() => void>();
  const w = new FolderWatcher([dir], importer, (e) => {
    events.push(e);
    for (const l of [...listeners]) l();
  }, options);
  watchers.push(w);
  const count = (type: WatchEvent['type'], n: number) =>
    until(`${n} ${type} events`, () => events.filter((e) => e.type === type).length >= n, listeners);
  return { w, events, queued: (n: number) => count('queued', n), imported: (n: number) => count('imported', n), started: w.start() };
}

describe('FolderWatcher', () => {
  it('queues files that settle during an import and imports them all in one follow-up', async () => {
    const dir = tempDir();
    writeCsv(dir, 'a.csv', [row()]);
    const importer = new FakeImporter();
    const hold = latch<ApiResult<ImportSummary>>();
    importer.script.push(hold.promise);
    const { queued, started } = start(dir, importer, { settleMs: 200 });
    await started;
    await importer.waitForCalls(1);
    expect(importer.calls[0]).toEqual(['a.csv']);

    for (const name of ['d.csv', 'b.csv', 'c.csv']) writeCsv(dir, name, [row()]);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a CSV');
    await queued(4); // a.csv, then the three new ones
    expect(importer.calls).toHaveLength(1); // still held: nothing starts beside a running import

    hold.open(done());
    await importer.waitForCalls(2);
    expect(importer.calls[1]).toEqual(['b.csv', 'c.csv', 'd.csv']); // one import, in path order
  });

  it('finds new and changed files by rescanning when there are no change events', async () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'a.csv', [row()]);
    const importer = new FakeImporter();
    const { imported, started } = start(dir, importer, { settleMs: 100, rescanMs: 1000, events: false });
    await started;
    await imported(1);

    // Both in the same tick, so one rescan sees both and they settle together.
    writeCsv(dir, 'b.csv', [row()]);
    fs.appendFileSync(file, `${Object.values(row()).join(',')}\n`);
    await imported(2);
    expect(importer.calls).toEqual([['a.csv'], ['a.csv', 'b.csv']]);
  });

  it('tries again when the engine is busy with another import', async () => {
    const dir = tempDir();
    writeCsv(dir, 'a.csv', [row()]);
    const importer = new FakeImporter();
    importer.script.push({ ok: false, error: { code: 'busy', message: 'Another import is running on this database.' } });
    const { events, imported, started } = start(dir, importer, { settleMs: 100 });
    await started;
    await imported(1);
    expect(importer.calls).toEqual([['a.csv'], ['a.csv']]);
    expect(events.filter((e) => e.type === 'imported')).toHaveLength(1); // the busy attempt is not news
  });

  it('cancels the running import when stopped, and reports its result', async () => {
    const dir = tempDir();
    writeCsv(dir, 'a.csv', [row()]);
    const importer = new FakeImporter();
    const hold = latch<ApiResult<ImportSummary>>();
    importer.script.push(hold.promise);
    const { w, events, started } = start(dir, importer, { settleMs: 100 });
    await started;
    await importer.waitForCalls(1);
    const stopping = w.stop();
    expect(importer.cancelled).toBe(1);
    hold.open({ ok: true, value: { status: 'cancelled' } as ImportSummary });
    await stopping;
    const imported = events.filter((e) => e.type === 'imported');
    expect(imported).toHaveLength(1);
    expect(imported[0].type === 'imported' && imported[0].result.ok && imported[0].result.value.status).toBe('cancelled');
  });

  it('can be stopped before it has finished starting, and then imports nothing', async () => {
    const dir = tempDir();
    writeCsv(dir, 'a.csv', [row()]);
    const importer = new FakeImporter();
    const { w, events, started } = start(dir, importer, { settleMs: 100 });
    await w.stop();
    await started;
    expect(importer.calls).toEqual([]);
    expect(events).toEqual([]);
  });
});
