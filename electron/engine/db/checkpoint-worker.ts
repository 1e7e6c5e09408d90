// Entry of the checkpoint thread: copies committed pages from the write-ahead log into the database file
// when asked, on its own connection, so the writer never stops for it (copying the log of a 2 GB file's
// commit took the writer 3 s, a gap in the progress events).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = parentPort!;
const db = new Database((workerData as { dbPath: string }).dbPath, { fileMustExist: true });
db.pragma('cache_size = -512');
db.pragma('busy_timeout = 1000');

port.on('message', (msg: 'checkpoint' | 'stop') => {
  if (msg === 'stop') {
    // Asked to stop rather than terminated: terminating a thread while it loads the native SQLite
    // module aborts the whole process.
    db.close();
    port.close();
    return;
  }
  try {
    // PASSIVE never waits for the writer or readers: it copies what it can.
    db.pragma('wal_checkpoint(PASSIVE)');
    port.postMessage({ ok: true });
  } catch (err) {
    port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
