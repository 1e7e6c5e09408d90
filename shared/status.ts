// What the window asks the engine when it opens: whether it may write, and whether an import is
// running that it did not start (a reload, a second window, the CLI), so it can follow that import.
import type { ImportProgress } from './importing.js';

export interface RunningImport {
  /** Run by another process (the CLI, another app): this engine sees no progress and cannot cancel it. */
  elsewhere: boolean;
  /** The latest progress event; null until the first one, and always null when elsewhere. */
  progress: ImportProgress | null;
}

export interface EngineStatus {
  /** This engine holds the writer lock: importing and forgetting work. */
  writable: boolean;
  /** Why the database is open for reading only, in an analyst's words; null when writable. */
  read_only_reason: string | null;
  import: RunningImport | null;
}
