// The desktop window may add a watched folder only after the analyst chose it in the native dialog
// this session: chooseWatchFolder remembers the choice, the guard lets exactly that path through.
import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/api.js';
import { createFileExportHandlers } from '../../electron/main/file-exports.js';
import type { Dialogs } from '../../electron/main/file-exports.js';
import { createWatchFolderGuard } from '../../electron/main/watch-folder-guard.js';

function shell(folder: string | null) {
  const guard = createWatchFolderGuard();
  const asked: unknown[] = [];
  const dialogs: Dialogs = {
    saveAs: async () => null,
    chooseFolder: async (_o, options) => (asked.push(options), folder),
    chooseInputs: async () => [],
  };
  const h = createFileExportHandlers({
    engine: { call: (async () => ok({})) as never },
    dialogs,
    renderReportPdf: async () => new Uint8Array(),
    exportCleanEvents: async () => {
      throw new Error('not in these tests');
    },
    defaultFolder: () => '/home/analyst/Documents',
    rememberWatchFolder: guard.remember,
  });
  return { guard, h, asked };
}

const ctx = { sender: { id: 1 } };

describe('watching a folder from the desktop window', () => {
  it('refuses a folder the analyst did not choose, and allows the chosen one', async () => {
    const { guard, h, asked } = shell('/data/exports');
    expect(guard.check('addWatchedFolder', { path: '/data/exports' })).toEqual(expect.objectContaining({ code: 'bad_request' }));
    expect(await h.chooseWatchFolder({}, ctx)).toEqual({ path: '/data/exports' });
    expect(asked).toEqual([expect.objectContaining({ buttonLabel: 'Watch', defaultPath: '/home/analyst/Documents' })]);
    expect(guard.check('addWatchedFolder', { path: '/data/exports' })).toBeNull();
    expect(guard.check('addWatchedFolder', { path: '/data/exports/../exports' })).toBeNull();
    expect(guard.check('addWatchedFolder', { path: '/data' })).toEqual(expect.objectContaining({ code: 'bad_request' }));
    expect(guard.check('addWatchedFolder', { path: 'exports' })).toEqual(expect.objectContaining({ code: 'bad_request' }));
  });

  it('remembers nothing when the dialog is cancelled, and leaves other requests alone', async () => {
    const { guard, h } = shell(null);
    expect(await h.chooseWatchFolder({}, ctx)).toEqual({ path: null });
    expect(guard.check('pauseWatchedFolder', { id: 1, paused: true })).toBeNull();
    expect(guard.check('importPaths', { paths: ['/anywhere'] })).toBeNull();
  });
});
