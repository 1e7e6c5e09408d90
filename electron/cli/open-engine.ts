// Opening the engine for a CLI command: a database that cannot be opened (foreign, newer, unreadable)
// is one line on stderr and exit code 2, the same for every command.
import { EngineClient, type EngineOptions } from '../engine/client.js';

/** The engine on db, or null once the reason has been printed. */
export async function openEngineOrSay(db: string, options: EngineOptions = {}): Promise<EngineClient | null> {
  try {
    return await EngineClient.open(db, options);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return null;
  }
}
