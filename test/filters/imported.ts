// A data set a test writes into a fresh folder, imported into a fresh database before the enclosing
// describe block's tests (the engine closed after them), with the brute-force reference read from the
// same files (reference.ts).
import { afterAll, beforeAll } from 'vitest';
import { EngineClient } from '../../electron/engine/client.js';
import type { ImportSummary } from '../../shared/importing.js';
import { tempDir } from '../helpers/csv.js';
import { newDbPath } from '../helpers/engine.js';
import { readEvents, type RefData } from './reference.js';

export interface Imported {
  engine: EngineClient;
  /** The reference: the events the import policy keeps, and the rows it rejects or counts as duplicates. */
  ref: RefData;
  /** The database file. */
  db: string;
  summary: ImportSummary;
}

/** Filled in before the block's tests: `write` puts the files in the folder it is given and returns their paths. */
export function importedDataSet(prefix: string, write: (dir: string) => string[], timeout = 120_000): Imported {
  const data = {} as Imported;
  beforeAll(async () => {
    const dir = tempDir(prefix);
    data.ref = readEvents(write(dir));
    data.db = newDbPath();
    data.engine = await EngineClient.open(data.db);
    data.summary = await data.engine.request('importPaths', { paths: [dir] });
  }, timeout);
  afterAll(async () => {
    await data.engine?.close();
  });
  return data;
}
