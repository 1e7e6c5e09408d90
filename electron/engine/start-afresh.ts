// Starting over from a damaged database, end to end, for the CLI, browser mode and the desktop shell:
// move the damaged file aside (db/start-over.ts), open a new database through the engine and import
// the listed files again with the ordinary import, so every rule and the ledger apply.
import type { ImportFailure, ImportSummary } from '../../shared/importing.js';
import type { StartOverReport } from '../../shared/checking.js';
import { EngineClient, type EngineOptions } from './client.js';
import { startOver } from './db/start-over.js';

/** What starting over needs of an engine (EngineClient, or a test's stand-in). */
export type StartableEngine = Pick<EngineClient, 'call' | 'onProgress' | 'close'> & Partial<Pick<EngineClient, 'onWatchNotice'>>;
export type OpenEngine<E extends StartableEngine> = (dbPath: string, options: EngineOptions) => Promise<E>;

export interface StartedAfresh<E extends StartableEngine = EngineClient> {
  /** The engine on the new database, open for the caller to go on with. */
  engine: E;
  report: StartOverReport;
  /** The re-import's summary; null when there was nothing to import. */
  summary: ImportSummary | null;
}

/** Throws an AppError when the file cannot be moved aside or the new database cannot be made. */
export async function startAfresh<E extends StartableEngine = EngineClient>(
  dbPath: string,
  options: EngineOptions = {},
  open: OpenEngine<E> = EngineClient.open as unknown as OpenEngine<E>,
): Promise<StartedAfresh<E>> {
  const moved = startOver(dbPath);
  const engine = await open(dbPath, options);
  let summary: ImportSummary | null = null;
  let failed: StartOverReport['failed'] = [];
  if (moved.paths.length > 0) {
    const result = await engine.call('importPaths', { paths: moved.paths });
    // A failing import (a full disk) still says which files made it.
    summary = result.ok ? result.value : ((result.error as Partial<ImportFailure>).summary ?? null);
    const taken = new Set(summary?.file_records.filter((f) => f.status === 'imported' || f.status === 'unchanged').map((f) => f.path));
    const why = new Map(summary?.file_records.map((f) => [f.path, f.status === 'cancelled' ? 'the import was cancelled before it finished; import it again' : f.error_message] as const));
    const fallback = result.ok ? 'it was not imported' : result.error.message;
    failed = moved.paths.filter((p) => !taken.has(p)).map((p) => ({ path: p, message: why.get(p) ?? fallback }));
  }
  return { engine, summary, report: { ...moved, failed, accepted: summary?.accepted ?? 0 } };
}

