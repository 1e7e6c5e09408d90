import { describe, expect, it } from 'vitest';
import { API_NAMES, AppError, ENGINE_API_NAMES, fail, ok } from '../../shared/api.js';
import type { ApiResult, WatchNotice } from '../../shared/api.js';
import type { ImportProgress } from '../../shared/importing.js';
import { registerApiHandlers } from '../../electron/main/ipc.js';
import type { ApiDeps, EngineLike, InvokeEventLike, IpcMainLike, ShellHandlers } from '../../electron/main/ipc.js';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, request) would resolve to; Electron rejects unknown channels. */
  async invoke(channel: string, request?: unknown, url = 'app://renderer/index.html'): Promise<ApiResult<unknown>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler({ sender: { id: 7 }, senderFrame: { url } }, request)) as ApiResult<unknown>;
  }
}

class FakeEngine implements EngineLike {
  readonly calls: Array<{ name: string; request: unknown }> = [];
  readonly listeners = new Set<(p: ImportProgress) => void>();
  reply: (name: string, request: unknown) => Promise<ApiResult<unknown>> = async (name) => ok({ answeredBy: name });
  call(name: never, request: never): Promise<never> {
    this.calls.push({ name, request });
    return this.reply(name, request) as Promise<never>;
  }
  onProgress(listener: (p: ImportProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  readonly noticeListeners = new Set<(n: WatchNotice) => void>();
  onWatchNotice(listener: (n: WatchNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }
}

function shellHandlers(overrides: Partial<ShellHandlers> = {}): ShellHandlers & { seen: Array<{ name: string; request: unknown; sender: unknown }> } {
  const seen: Array<{ name: string; request: unknown; sender: unknown }> = [];
  const record =
    <T>(name: string, value: T) =>
    async (request: unknown, ctx: { sender: unknown }) => {
      seen.push({ name, request, sender: ctx.sender });
      return value;
    };
  return {
    seen,
    saveFile: record('saveFile', { path: '/tmp/a.csv' }),
    exportAllCsv: record('exportAllCsv', { folder: '/tmp/x', files: [] }),
    exportReport: record('exportReport', { path: '/tmp/r.pdf' }),
    chooseFolders: record('chooseFolders', { paths: ['/data'] }),
    chooseWatchFolder: record('chooseWatchFolder', { path: '/data' }),
    startOver: record('startOver', { moved_to: '/data/a.db.damaged-20240101-000000', ledger: 'read' as const, paths: [], missing: [], failed: [], accepted: 0 }),
    saveBinaryFile: record('saveBinaryFile', { path: '/tmp/a.xlsx' }),
    exportCleanEvents: record('exportCleanEvents', { path: '/tmp/clean.csv', events: 3 }),
    ...overrides,
  };
}

function setup(deps: Partial<ApiDeps> = {}) {
  const ipc = new FakeIpcMain();
  const engine = new FakeEngine();
  const shell = shellHandlers();
  const events: Array<{ name: string; payload: unknown }> = [];
  const unregister = registerApiHandlers(ipc, {
    engine,
    shell,
    sendEvent: (name, payload) => events.push({ name, payload }),
    ...deps,
  });
  return { ipc, engine, shell, events, unregister };
}

const progress: ImportProgress = {
  import_id: 3,
  files_done: 1,
  files_total: 4,
  bytes_done: 100,
  bytes_total: 400,
  rows_read: 20,
  accepted: 18,
  duplicates: 1,
  rejected: 1,
  rows_per_second: 2000,
  seconds_left: 3,
  current_file: '/data/activities_20240102.csv',
};

describe('registerApiHandlers', () => {
  it('registers exactly one api:<name> handler per API entry', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(API_NAMES.map((n) => `api:${n}`).sort());
  });

  it('routes engine entries to the engine with the validated request', async () => {
    const { ipc, engine, shell } = setup();
    for (const name of ENGINE_API_NAMES) {
      const requests: Partial<Record<string, object>> = {
        importPaths: { paths: ['/data'] },
        forgetFile: { source_id: 4 },
        getCsv: { target: 'kyc_funnel' },
        getTrend: { grain: 'week' },
        searchMerchants: { query: 'MRC' },
        getMerchant: { merchant_id: 'MRC-1' },
        saveView: { name: 'V', state: '', dates: 'fixed' },
        renameView: { id: 1, name: 'W' },
        duplicateView: { id: 1 },
        deleteView: { id: 1 },
        moveView: { id: 1, position: 0 },
        setLastView: { state: '' },
        addWatchedFolder: { path: '/data' },
        pauseWatchedFolder: { id: 1, paused: true },
        removeWatchedFolder: { id: 1 },
      };
      const request = requests[name] ?? {};
      expect(await ipc.invoke(`api:${name}`, request)).toEqual(ok({ answeredBy: name }));
    }
    expect(engine.calls.map((c) => c.name)).toEqual([...ENGINE_API_NAMES]);
    expect(shell.seen).toEqual([]);
  });

  it('passes the validated request on, with unknown keys dropped', async () => {
    const { ipc, engine } = setup();
    await ipc.invoke('api:importPaths', { paths: ['/a', '/b'], evil: 'x' });
    await ipc.invoke('api:getRejectedRows', { limit: 50, offset: 100, sql: 'DROP TABLE events' });
    expect(engine.calls[0]?.request).toEqual({ paths: ['/a', '/b'] });
    expect(engine.calls[1]?.request).toEqual({ limit: 50, offset: 100 });
  });

  it('routes shell entries to the shell handlers with the calling web contents', async () => {
    const { ipc, shell, engine } = setup();
    expect(await ipc.invoke('api:chooseFolders', {})).toEqual(ok({ paths: ['/data'] }));
    expect(await ipc.invoke('api:exportReport', { page_size: 'Letter' })).toEqual(ok({ path: '/tmp/r.pdf' }));
    expect(shell.seen).toEqual([
      { name: 'chooseFolders', request: {}, sender: { id: 7 } },
      { name: 'exportReport', request: { page_size: 'Letter' }, sender: { id: 7 } },
    ]);
    expect(engine.calls).toEqual([]);
  });

  it('turns invalid arguments into bad_request data without calling anything', async () => {
    const { ipc, engine, shell } = setup();
    const cases: Array<[string, unknown]> = [
      ['api:importPaths', { paths: [] }],
      ['api:importPaths', { paths: [42] }],
      ['api:importPaths', 'not an object'],
      ['api:forgetFile', { source_id: -1 }],
      ['api:getCsv', { target: '../../etc/passwd' }],
      ['api:exportReport', { page_size: 'A3' }],
      ['api:saveFile', { filename: '../../.bashrc', content: 'x' }],
      ['api:saveBinaryFile', { filename: '../../.bashrc', base64: 'AAAA' }],
      ['api:saveBinaryFile', { filename: 'chart.png', base64: 'not base64!' }],
      ['api:getXlsx', { compare: 'previous' }],
      ['api:getEventsXlsx', { status: ['LOST'] }],
      ['api:getDataQuality', { filter: { from: '2024-02-30' } }],
      ['api:exportCleanEvents', { format: 'xlsx' }],
      ['api:exportCleanEvents', { format: 'csv', out: 42 }],
      ['api:exportCleanEvents', { format: 'parquet', filter: { from: '2024-02-30' } }],
    ];
    for (const [channel, request] of cases) {
      const r = await ipc.invoke(channel, request);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_request');
        expect(r.error.message).toMatch(/Invalid request|needs an object/);
      }
    }
    expect(engine.calls).toEqual([]);
    expect(shell.seen).toEqual([]);
  });

  it('takes the drill\'s XLSX without paging: offset and limit are dropped, the rest checked as getEvents', async () => {
    const { ipc, engine } = setup();
    await ipc.invoke('api:getEventsXlsx', { filter: { region: ['lagos'] }, merchant: ' MRC-1 ', offset: 20, limit: 5, sort: '-amount' });
    expect(engine.calls).toEqual([{ name: 'getEventsXlsx', request: { filter: { region: ['LAGOS'] }, merchant: 'MRC-1', sort: '-amount' } }]);
  });

  it('returns engine errors as they are', async () => {
    const { ipc, engine } = setup();
    engine.reply = async () => fail('busy', 'An import is already running. Wait for it to finish or cancel it.');
    expect(await ipc.invoke('api:importPaths', { paths: ['/x'] })).toEqual(fail('busy', 'An import is already running. Wait for it to finish or cancel it.'));
  });

  it('turns a throwing or rejecting handler into error data, never a thrown IPC error', async () => {
    const { ipc, engine } = setup({
      shell: shellHandlers({
        saveFile: async () => {
          throw new AppError({ code: 'disk_full', message: 'The disk is full.' });
        },
        exportAllCsv: async () => {
          throw new TypeError('boom');
        },
      }),
    });
    expect(await ipc.invoke('api:saveFile', { filename: 'a.csv', content: 'x' })).toEqual(fail('disk_full', 'The disk is full.'));
    const r = await ipc.invoke('api:exportAllCsv', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!r.ok) expect(r.error.message).toContain('boom');

    engine.reply = async () => {
      throw new Error('worker gone');
    };
    expect(await ipc.invoke('api:getMetrics', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    engine.reply = async () => undefined as never;
    expect(await ipc.invoke('api:getMetrics', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('has no handler for names outside the API map', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke('api:exec', { cmd: 'rm -rf /' })).rejects.toThrow(/No handler/);
    await expect(ipc.invoke('api:__proto__', {})).rejects.toThrow(/No handler/);
  });

  it('refuses calls from frames that are not the app', async () => {
    const { ipc, engine } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', '']) {
      const r = await ipc.invoke('api:getMetrics', {}, url);
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(engine.calls).toEqual([]);
  });

  it('forwards engine progress to the window as importProgress events', () => {
    const { engine, events } = setup();
    for (const l of engine.listeners) l(progress);
    for (const l of engine.listeners) l({ ...progress, files_done: 2 });
    expect(events).toEqual([
      { name: 'importProgress', payload: progress },
      { name: 'importProgress', payload: { ...progress, files_done: 2 } },
    ]);
  });

  it('forwards watch notices to the window as watchNotice events', () => {
    const { engine, events } = setup();
    const notice: WatchNotice = { kind: 'imported', folder: '/data', text: 'activities_20250102.csv: 27,051 rows, 3 rejected' };
    for (const l of engine.noticeListeners) l(notice);
    expect(events).toEqual([{ name: 'watchNotice', payload: notice }]);
  });

  it('lets a content check refuse an engine request before the engine sees it', async () => {
    const { ipc, engine } = setup({
      checkEngineRequest: (name) => (name === 'addWatchedFolder' ? { code: 'bad_request', message: 'Choose the folder first.' } : null),
    });
    expect(await ipc.invoke('api:addWatchedFolder', { path: '/etc' })).toEqual({ ok: false, error: { code: 'bad_request', message: 'Choose the folder first.' } });
    expect(await ipc.invoke('api:listWatchedFolders', {})).toEqual(ok({ answeredBy: 'listWatchedFolders' }));
    expect(engine.calls.map((c) => c.name)).toEqual(['listWatchedFolders']);
  });

  it('keeps forwarding progress when sending to a closed window throws', () => {
    let sent = 0;
    const { engine } = setup({
      sendEvent: () => {
        sent++;
        throw new Error('Object has been destroyed');
      },
    });
    expect(() => {
      for (const l of engine.listeners) l(progress);
    }).not.toThrow();
    expect(sent).toBe(1);
  });

  it('unregisters every handler and the event subscriptions', () => {
    const { ipc, engine, unregister } = setup();
    unregister();
    expect(ipc.handlers.size).toBe(0);
    expect(engine.listeners.size).toBe(0);
    expect(engine.noticeListeners.size).toBe(0);
  });
});
