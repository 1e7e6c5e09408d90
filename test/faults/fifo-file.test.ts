// A .csv that became a named pipe after the folder was listed: opening it must not block the parse
// thread (a blocking open of a pipe waits for a writer for ever, and cancel could not end it). The
// parser is called directly on the pipe, as it would be on the listed path.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDicts, parseFile } from '../../electron/engine/import/parse-file.js';
import type { ParserMessage } from '../../electron/engine/import/batch.js';
import { tempDir } from '../helpers/csv.js';

describe('a file replaced by a named pipe', () => {
  it.skipIf(process.platform === 'win32')('is reported as unreadable at once instead of hanging the thread', async () => {
    const fifo = path.join(tempDir('mad-fifo-'), 'activities_20240101.csv');
    execFileSync('mkfifo', [fifo]);
    const posted: ParserMessage[] = [];
    await parseFile(0, fifo, {
      batchRows: 64,
      knownSizes: new Set(),
      knownHashes: new Set(),
      logBudget: { remaining: 10 },
      dicts: newDicts(),
      post: (m) => void posted.push(m),
    });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'file-error', code: 'unreadable' });
    expect((posted[0] as { message: string }).message).toMatch(/not a regular file/);
  });
});
