// Entry of the checkpoint thread: copies committed pages from the write-ahead log into the database file
// when asked, on its own connection, so the writer never stops for it (copying the log of a 2 GB file's
// commit took the writer 3 s, a gap in the progress events).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = parentPort!;
const pause = new Int32Array(new SharedArrayBuffer(4));
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
    // PASSIVE never waits for the writer or readers: it copies what it can. A reader still on an older
    // snapshot can hold some pages back; try again for up to 2 s rather than leave them to the writer.
    for (let attempt = 0; attempt < 100; attempt++) {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      if (r.checkpointed >= r.log) break;
      Atomics.wait(pause, 0, 0, 20);
    }
    port.postMessage({ ok: true });
  } catch (err) {
    port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
