// The engine a long-running host (the desktop shell, browser mode) serves the window from. When the
// database turns out to be damaged at start-up, the window still opens: every engine call answers
// with the damage (db_damaged, the way out in words), and startOver() does the way out and puts the
// engine on the new database in its place, so the window goes on without a restart.
import { AppError, fail } from '../../shared/api.js';
import type { ApiError, ApiRequest, ApiResponse, ApiResult, EngineApiName, WatchNotice } from '../../shared/api.js';
import type { StartOverReport } from '../../shared/checking.js';
import type { ImportProgress } from '../../shared/importing.js';
import { EngineClient, type EngineOptions } from './client.js';
import { startAfresh, type OpenEngine, type StartableEngine } from './start-afresh.js';

export class EngineSlot<E extends StartableEngine = EngineClient> {
  private readonly listeners = new Set<(p: ImportProgress) => void>();
  private readonly noticeListeners = new Set<(n: WatchNotice) => void>();
  private unsubscribe: () => void = () => {};
  private starting: Promise<StartOverReport> | null = null;

  private constructor(
    private readonly dbPath: string,
    private readonly options: EngineOptions,
    private readonly open: OpenEngine<E>,
    private engine: E | null,
    private damage: ApiError | null,
  ) {
    if (engine) this.attach(engine);
  }

  /** Opens the engine; a damaged database gives a slot that says so instead of rejecting. Other failures reject. */
  static async open<E extends StartableEngine = EngineClient>(dbPath: string, options: EngineOptions = {}, open?: OpenEngine<E>): Promise<EngineSlot<E>> {
    const opener = open ?? (EngineClient.open as unknown as OpenEngine<E>);
    try {
      return new EngineSlot(dbPath, options, opener, await opener(dbPath, options), null);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'db_damaged')) throw err;
      return new EngineSlot(dbPath, options, opener, null, err.toData());
    }
  }

  /** The damage found at start-up, until startOver() has made a new database. */
  get damaged(): ApiError | null {
    return this.damage;
  }

  call<K extends EngineApiName>(name: K, request: ApiRequest<K>): Promise<ApiResult<ApiResponse<K>>> {
    if (this.engine) return this.engine.call(name, request);
    const why = this.damage ?? { code: 'internal' as const, message: 'The new database is being made. Wait a moment and try again.' };
    return Promise.resolve(fail(why.code, why.message));
  }

  onProgress(listener: (p: ImportProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What watched folders import by themselves, from whichever engine is in the slot. */
  onWatchNotice(listener: (n: WatchNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** Moves the damaged file aside, makes a new database and imports the listed files again (once, however often asked). */
  startOver(): Promise<StartOverReport> {
    if (!this.damage && !this.starting) {
      return Promise.reject(new AppError({ code: 'bad_request', message: 'The database is not damaged, so there is nothing to start over.' }));
    }
    this.starting ??= this.run();
    return this.starting;
  }

  async close(): Promise<void> {
    // A re-import under way stops with its engine, like any import; only the opening is waited for.
    if (!this.engine) await this.starting?.catch(() => undefined);
    this.unsubscribe();
    await this.engine?.close();
  }

  private async run(): Promise<StartOverReport> {
    try {
      // The new engine answers at once: the re-import's progress reaches the window like any import's,
      // and cancelling it works.
      const { report } = await startAfresh(this.dbPath, this.options, async (db, options) => {
        const opened = await this.open(db, options);
        this.attach(opened);
        this.engine = opened;
        return opened;
      });
      this.damage = null;
      return report;
    } catch (err) {
      this.starting = null; // nothing was made (the file could not be moved): the analyst may try again
      throw err;
    }
  }

  private attach(engine: E): void {
    this.unsubscribe();
    const stops = [
      engine.onProgress((p) => this.listeners.forEach((l) => l(p))),
      engine.onWatchNotice?.((n) => this.noticeListeners.forEach((l) => l(n))),
    ];
    this.unsubscribe = () => stops.forEach((stop) => stop?.());
  }
}
