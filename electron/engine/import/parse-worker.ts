// Entry of a parse thread: parses its share of the files (every stride-th, in order) and streams batches
// to the writer, never more than a few batches ahead so memory stays flat. The writer stops it by
// terminating it.
import { parentPort } from 'node:worker_threads';
import { batchTransfers, type ParserCommand, type ParserMessage, type RowBatch } from './batch.js';
import { newDicts, parseFile } from './parse-file.js';

const MAX_IN_FLIGHT = 6;
const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | null = null;
const spare: RowBatch[] = [];

function post(msg: ParserMessage): Promise<void> | void {
  if (msg.type === 'batch') {
    port.postMessage(msg, batchTransfers(msg.batch));
    inFlight++;
    if (inFlight >= MAX_IN_FLIGHT) return new Promise<void>((resolve) => (wake = resolve));
    return;
  }
  port.postMessage(msg);
}

async function run(cmd: Extract<ParserCommand, { type: 'start' }>): Promise<void> {
  const ctx = {
    batchRows: cmd.batchRows,
    knownSizes: new Set(cmd.knownSizes),
    knownHashes: new Set(cmd.knownHashes),
    logBudget: { remaining: cmd.maxLoggedRows },
    dicts: newDicts(),
    recycle: () => spare.pop(),
    post,
  };
  for (let i = cmd.first; i < cmd.files.length; i += cmd.stride) await parseFile(i, cmd.files[i].path, ctx);
  port.postMessage({ type: 'done' } satisfies ParserMessage);
}

port.on('message', (cmd: ParserCommand) => {
  if (cmd.type === 'ack') {
    spare.push(cmd.batch);
    inFlight--;
    if (wake && inFlight < MAX_IN_FLIGHT) {
      const w = wake;
      wake = null;
      w();
    }
  } else if (cmd.type === 'start') {
    run(cmd).catch((err: Error) => {
      // Anything unexpected is reported as data; the writer records it against the files not yet done.
      port.postMessage({ type: 'fatal', message: err.message } satisfies ParserMessage);
    });
  }
});
