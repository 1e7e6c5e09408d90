// The preload runs sandboxed in Electron: CommonJS, and require() can only give 'electron'. This test
// compiles it the way tsconfig.node.json does and runs it in a bare VM context with a fake 'electron'.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_NAMES } from '../../shared/api.js';
import { DROPPED_PATH_CHANNEL } from '../../electron/main/chosen-paths.js';

const SOURCE = path.resolve(__dirname, '..', '..', 'electron', 'preload', 'preload.ts');

type Listener = (event: unknown, payload: unknown) => void;

function loadPreload() {
  const js = ts.transpileModule(fs.readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, isolatedModules: true },
  }).outputText;
  const required: string[] = [];
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const exposed: Record<string, unknown> = {};
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => {
        exposed[key] = value;
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => (invoked.push({ channel, args }), { ok: true, value: channel }),
      send: (channel: string, ...args: unknown[]) => void sent.push({ channel, args }),
      on: (channel: string, l: Listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(l),
      removeListener: (channel: string, l: Listener) => void listeners.get(channel)?.delete(l),
    },
    webUtils: {
      getPathForFile: (file: { path?: string }) => {
        if (!file || typeof file.path !== 'string') throw new TypeError('not a File');
        return file.path;
      },
    },
  };
  const module = { exports: {} };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return electron;
  };
  const dispatched: Array<{ type: string; detail: unknown }> = [];
  const window = {
    dispatchEvent: (event: CustomEvent) => (dispatched.push({ type: event.type, detail: event.detail }), true),
  };
  // The same wrapper Electron's sandboxed renderer gives a preload, in a realm with only the DOM globals
  // the preload touches.
  vm.runInNewContext(`(function (require, module, exports) {${js}\n})`, { window, CustomEvent })(sandboxRequire, module, module.exports);
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'ipcRenderer internals' }, payload);
  };
  return { api: exposed.analytics as Record<string, (...a: unknown[]) => unknown>, exposed, required, invoked, sent, listeners, emit, dispatched };
}

describe('preload', () => {
  it('requires nothing but electron and exposes only window.analytics', () => {
    const { required, exposed } = loadPreload();
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['analytics']);
  });

  it('has one function per API entry, each invoking api:<name> with the request', async () => {
    const { api, invoked } = loadPreload();
    for (const name of API_NAMES) {
      expect(typeof api[name], name).toBe('function');
      expect(await api[name]!({ probe: name })).toEqual({ ok: true, value: `api:${name}` });
    }
    expect(invoked).toEqual(API_NAMES.map((name) => ({ channel: `api:${name}`, args: [{ probe: name }] })));
  });

  it('exposes named functions only: no ipcRenderer, no generic invoke or send', () => {
    const { api } = loadPreload();
    expect(Object.keys(api).sort()).toEqual([...API_NAMES, 'onImportProgress', 'onWatchNotice', 'pathForFile'].sort());
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
  });

  it('delivers progress without the Electron event and unsubscribes', () => {
    const { api, emit, listeners } = loadPreload();
    const got: unknown[] = [];
    const off = api.onImportProgress!((p: unknown) => got.push(p)) as () => void;
    emit('api:event:importProgress', { files_done: 1 });
    off();
    emit('api:event:importProgress', { files_done: 2 });
    expect(got).toEqual([{ files_done: 1 }]);
    expect(listeners.get('api:event:importProgress')?.size).toBe(0);
  });

  it('delivers watch notices without the Electron event', () => {
    const { api, emit } = loadPreload();
    const got: unknown[] = [];
    const off = api.onWatchNotice!((n: unknown) => got.push(n)) as () => void;
    emit('api:event:watchNotice', { kind: 'imported', folder: '/data', text: 'a.csv: 1 rows' });
    off();
    emit('api:event:watchNotice', { kind: 'imported', folder: '/data', text: 'b.csv: 1 rows' });
    expect(got).toEqual([{ kind: 'imported', folder: '/data', text: 'a.csv: 1 rows' }]);
  });

  it('hands menu actions to the window as the analytics-command event it listens to', () => {
    const { emit, dispatched } = loadPreload();
    emit('api:event:menu', { action: 'import-folders' });
    emit('api:event:menu', { action: 'show-definitions' });
    expect(dispatched).toEqual([
      { type: 'analytics-command', detail: 'import-folders' },
      { type: 'analytics-command', detail: 'show-definitions' },
    ]);
  });

  it('gives a dropped file its path, and tells main it was dropped; an empty path for anything else', () => {
    const { api, sent } = loadPreload();
    expect(api.pathForFile!({ path: '/data/activities_20240101.csv' })).toBe('/data/activities_20240101.csv');
    expect(api.pathForFile!({})).toBe('');
    // Main imports only what was chosen or dropped (electron/main/chosen-paths.ts).
    expect(sent).toEqual([{ channel: DROPPED_PATH_CHANNEL, args: ['/data/activities_20240101.csv'] }]);
  });
});
