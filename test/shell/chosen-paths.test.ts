// The desktop window may import or watch only what the analyst chose this session: dialogs remember
// their choices, the preload reports dropped paths, and the guard lets exactly those (and what is
// inside a chosen folder) through.
import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/api.js';
import { createFileExportHandlers } from '../../electron/main/file-exports.js';
import type { Dialogs } from '../../electron/main/file-exports.js';
import { DROPPED_PATH_CHANNEL, createChosenPaths, listenForDroppedPaths, type DroppedPathEvent } from '../../electron/main/chosen-paths.js';

function shell(folder: string | null, inputs: string[] = []) {
  const guard = createChosenPaths();
  const asked: unknown[] = [];
  const dialogs: Dialogs = {
    saveAs: async () => null,
    chooseFolder: async (_o, options) => (asked.push(options), folder),
    chooseInputs: async () => inputs,
  };
  const h = createFileExportHandlers({
    engine: { call: (async () => ok({})) as never },
    dialogs,
    renderReportPdf: async () => new Uint8Array(),
    exportCleanEvents: async () => {
      throw new Error('not in these tests');
    },
    defaultFolder: () => '/home/analyst/Documents',
    rememberChosen: guard.remember,
  });
  return { guard, h, asked };
}

const ctx = { sender: { id: 1 } };
const refused = expect.objectContaining({ code: 'bad_request' });

describe('what the desktop window may import or watch', () => {
  it('watches only a folder the analyst chose', async () => {
    const { guard, h, asked } = shell('/data/exports');
    expect(guard.check('addWatchedFolder', { path: '/data/exports' })).toEqual(refused);
    expect(await h.chooseWatchFolder({}, ctx)).toEqual({ path: '/data/exports' });
    expect(asked).toEqual([expect.objectContaining({ buttonLabel: 'Watch', defaultPath: '/home/analyst/Documents' })]);
    expect(guard.check('addWatchedFolder', { path: '/data/exports' })).toBeNull();
    expect(guard.check('addWatchedFolder', { path: '/data/exports/../exports' })).toBeNull();
    expect(guard.check('addWatchedFolder', { path: '/data' })).toEqual(refused);
    expect(guard.check('addWatchedFolder', { path: 'exports' })).toEqual(refused);
  });

  it('imports only what was chosen in the import dialog, or is inside a chosen folder', async () => {
    const { guard, h } = shell(null, ['/data/exports', '/other/activities_20240101.csv']);
    expect(guard.check('importPaths', { paths: ['/data/exports'] })).toEqual(refused);
    await h.chooseFolders({}, ctx);
    expect(guard.check('importPaths', { paths: ['/data/exports', '/other/activities_20240101.csv'] })).toBeNull();
    expect(guard.check('importPaths', { paths: ['/data/exports/2024/activities_20240102.csv'] })).toBeNull();
    const outside = guard.check('importPaths', { paths: ['/data/exports', '/root', '/etc/passwd'] });
    expect(outside).toEqual(refused);
    expect(outside!.message).toContain('these 2 paths');
    expect(guard.check('importPaths', { paths: ['/data/exports-old'] })).toEqual(refused);
    expect(guard.check('importPaths', { paths: ['/other'] })).toEqual(refused);
  });

  it('imports and watches what the preload says was dropped on one of the app’s own pages', () => {
    const guard = createChosenPaths();
    const listeners = new Map<string, (event: DroppedPathEvent, ...args: unknown[]) => void>();
    listenForDroppedPaths({ on: (channel, l) => void listeners.set(channel, l) }, guard, (e) => e.senderFrame?.url === 'app://renderer/index.html');
    const drop = listeners.get(DROPPED_PATH_CHANNEL)!;
    drop({ senderFrame: { url: 'https://elsewhere.example/' } }, '/secret');
    drop({ senderFrame: { url: 'app://renderer/index.html' } }, 42);
    expect(guard.check('importPaths', { paths: ['/secret'] })).toEqual(refused);
    drop({ senderFrame: { url: 'app://renderer/index.html' } }, '/media/usb/exports');
    expect(guard.check('importPaths', { paths: ['/media/usb/exports'] })).toBeNull();
    expect(guard.check('addWatchedFolder', { path: '/media/usb/exports' })).toBeNull();
  });

  it('remembers nothing when a dialog is cancelled, and leaves other requests alone', async () => {
    const { guard, h } = shell(null);
    expect(await h.chooseWatchFolder({}, ctx)).toEqual({ path: null });
    await h.chooseFolders({}, ctx);
    expect(guard.check('pauseWatchedFolder', { id: 1, paused: true })).toBeNull();
    expect(guard.check('getMetrics', {})).toBeNull();
    expect(guard.check('importPaths', { paths: ['/anywhere'] })).toEqual(refused);
  });
});
