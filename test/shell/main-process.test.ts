// The compiled main process (out/electron/main/main.js) run under Node with a fake 'electron' module
// (test/shell/fake-electron): checks the wiring Electron would otherwise hide — the single-instance
// lock, where the database goes, the real engine behind the IPC handlers, the app protocol, the
// window's settings and a clean shutdown. The real Electron app is covered by electron-app.test.ts
// where a binary exists.
import { execFileSync, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_NAMES } from '../../shared/api.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security.js';
import { DROPPED_PATH_CHANNEL } from '../../electron/main/chosen-paths.js';
import { row, tempDir, writeCsv } from '../helpers/csv.js';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'out', 'electron', 'main', 'main.js');
const REGISTER = path.join(__dirname, 'fake-electron', 'register.cjs');
const built = fs.existsSync(MAIN) && fs.existsSync(path.join(ROOT, 'out', 'electron', 'engine', 'worker.js'));

interface Msg {
  type: string;
  data: any;
}

class MainProcess {
  readonly messages: Msg[] = [];
  private seq = 0;
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(readonly appData: string, env: Record<string, string> = {}) {
    this.child = fork(MAIN, [], {
      execArgv: ['-r', REGISTER],
      env: { ...process.env, FAKE_APP_DATA: appData, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.on('message', (m: Msg) => this.messages.push(m));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Waits for the first message of `type` matching `where`. */
  async next(type: string, where: (data: any) => boolean = () => true, timeoutMs = 30_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.messages.find((m) => m.type === type && where(m.data));
      if (hit) return hit.data;
      if (Date.now() > deadline) throw new Error(`no ${type} within ${timeoutMs} ms; got ${this.messages.map((m) => m.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async ask(type: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<any> {
    const id = ++this.seq;
    this.child.send({ type, id, ...payload });
    return this.next(`${type}.result`, (d) => d.id === id, timeoutMs);
  }

  /** What the preload's ipcRenderer.send would deliver to main. */
  send(channel: string, args: unknown[], url = 'app://renderer/index.html') {
    return this.ask('send', { channel, args, url });
  }

  invoke(name: string, request: unknown, url = 'app://renderer/index.html') {
    return this.ask('invoke', { channel: `api:${name}`, request, url }, 60_000);
  }

  all(type: string): any[] {
    return this.messages.filter((m) => m.type === type).map((m) => m.data);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

const running: MainProcess[] = [];
function start(env: Record<string, string> = {}): MainProcess {
  const appData = tempDir('ma-main-');
  const p = new MainProcess(appData, env);
  running.push(p);
  return p;
}
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

describe.skipIf(!built)(`the main process${built ? '' : ' (skipped: out/ is not built; run npm run build)'}`, () => {
  it('starts: app scheme before ready, hardened session, API handlers, menu, one secure window on the app page', async () => {
    const main = start();
    const userData = path.join(main.appData, 'Merchant Analytics');
    const win = await main.next('BrowserWindow');
    expect(await main.next('loadURL')).toBe('app://renderer/index.html');

    expect(main.all('app.requestSingleInstanceLock')).toEqual([true]);
    expect(main.all('protocol.registerSchemesAsPrivileged')[0]).toMatchObject({ beforeReady: true, schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }] });
    expect(main.all('app.setPath')).toContainEqual({ name: 'userData', value: userData });
    expect(main.all('session.setPermissionCheckHandler')).toEqual([false]);
    expect(main.all('session.webRequest.onBeforeRequest')[0].urls).toContain('https://*/*');
    expect(main.all('Menu.setApplicationMenu')[0]).toEqual(['&File', '&Edit', '&View', '&Help']);

    expect(win.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(win.webPreferences.preload).toBe(path.join(ROOT, 'out', 'electron', 'preload', 'preload.js'));
    expect(fs.existsSync(win.webPreferences.preload)).toBe(true);

    const { channels } = await main.ask('handlers', {});
    expect(channels.sort()).toEqual(API_NAMES.map((n) => `api:${n}`).sort());
    // The engine created its database in the user-data folder.
    expect(fs.existsSync(path.join(userData, 'merchant-analytics.db'))).toBe(true);
  }, 60_000);

  it('answers API calls from the app page with the real engine, and refuses other pages', async () => {
    const main = start();
    await main.next('loadURL');
    const data = tempDir('ma-main-data-');
    writeCsv(data, 'activities_20240105.csv', [
      row({ merchant_id: 'MRC-000042', amount: '1500.50' }),
      row({ merchant_id: 'MRC-000042', amount: '200.00' }),
      row({ merchant_id: 'MRC-000007', amount: '900.00' }),
    ]);
    // Only what the analyst chose or dropped is imported: first not, then dropped (the preload says so).
    expect((await main.invoke('importPaths', { paths: [data] })).result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await main.send(DROPPED_PATH_CHANNEL, [data])).toMatchObject({ listened: true });
    const imported = await main.invoke('importPaths', { paths: [data] });
    expect(imported.result).toMatchObject({ ok: true, value: { status: 'done', accepted: 3 } });
    // The engine's progress reached the window on the event channel the preload listens to.
    const progress = main.all('webContents.send').filter((m) => m.channel === 'api:event:importProgress');
    expect(progress.at(-1)?.payload).toMatchObject({ files_done: 1, files_total: 1, accepted: 3 });

    const metrics = await main.invoke('getMetrics', {});
    expect(metrics.result.value.metrics.top_merchant).toEqual({ merchant_id: 'MRC-000042', total_volume: 1700.5 });

    expect((await main.invoke('importPaths', { paths: 'not a list' })).result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await main.invoke('getMetrics', {}, 'https://evil.example/')).result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Dialog cancelled (the fake always cancels): null, not an error.
    expect((await main.invoke('exportReport', { page_size: 'A4' })).result).toEqual({ ok: true, value: { path: null } });
  }, 90_000);

  it('serves the built renderer on app:// with the CSP, and nothing outside it', async () => {
    const main = start();
    await main.next('loadURL');
    const outside = await main.ask('fetch', { url: 'app://renderer/..%2f..%2fpackage.json' });
    expect(outside.status).toBe(404);
    const missing = await main.ask('fetch', { url: 'app://renderer/no-such-file.js' });
    expect(missing.status).toBe(404);
    if (fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) {
      const page = await main.ask('fetch', { url: 'app://renderer/index.html#/report?page=A4' });
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('<div id="root">');
    }
  }, 60_000);

  it('blocks navigation away from the app in the real window', async () => {
    const main = start();
    await main.next('loadURL');
    expect((await main.ask('navigate', { url: 'https://example.com/' })).prevented).toBe(true);
    expect((await main.ask('navigate', { url: 'app://renderer/index.html' })).prevented).toBe(false);
  }, 60_000);

  it('a second instance quits at once without opening the database or a window', async () => {
    const main = start({ FAKE_LOCK: 'taken' });
    expect(await main.exited).toBe(0);
    expect(main.all('app.quit')).toHaveLength(1);
    expect(main.all('BrowserWindow')).toEqual([]);
    expect(fs.existsSync(path.join(main.appData, 'Merchant Analytics', 'merchant-analytics.db'))).toBe(false);
  }, 60_000);

  it('shows the engine\'s message and quits when the database is not its own, leaving the file untouched', async () => {
    const appData = tempDir('ma-main-');
    const db = path.join(appData, 'Merchant Analytics', 'merchant-analytics.db');
    fs.mkdirSync(path.dirname(db), { recursive: true });
    fs.writeFileSync(db, 'this is a spreadsheet, not a database\n'.repeat(200));
    const before = fs.readFileSync(db);
    const main = new MainProcess(appData);
    running.push(main);
    const box = await main.next('dialog.showErrorBox');
    expect(box.title).toBe('Merchant Analytics cannot open its database');
    expect(box.content).toMatch(/not a Merchant Analytics database/);
    expect(box.content).toContain(db);
    expect(await main.exited).toBe(1);
    expect(main.all('BrowserWindow')).toEqual([]);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  }, 60_000);

  it('a damaged database still opens the window, which starts over on request and goes on with the new database', async () => {
    const appData = tempDir('ma-main-');
    const db = path.join(appData, 'Merchant Analytics', 'merchant-analytics.db');
    fs.mkdirSync(path.dirname(db), { recursive: true });
    const data = tempDir('ma-main-data-');
    writeCsv(data, 'activities_20240105.csv', [row({ merchant_id: 'MRC-000042', amount: '1500.50' }), row({ merchant_id: 'MRC-000007', amount: '900.00' })]);
    execFileSync(process.execPath, [path.join(ROOT, 'out', 'electron', 'cli', 'cli.js'), 'import', '--db', db, '--json', data], { cwd: ROOT });
    fs.writeFileSync(db, Buffer.alloc(4096, 0x5a), { flag: 'r+' }); // page 1 overwritten
    const main = new MainProcess(appData);
    running.push(main);
    await main.next('loadURL');
    expect(main.all('dialog.showErrorBox')).toEqual([]);
    expect((await main.invoke('getMetrics', {})).result).toMatchObject({ ok: false, error: { code: 'db_damaged' } });

    const started = (await main.invoke('startOver', {})).result;
    expect(started).toMatchObject({ ok: true, value: { ledger: 'read', paths: [path.join(data, 'activities_20240105.csv')], missing: [], failed: [], accepted: 2 } });
    expect(fs.existsSync(started.value.moved_to)).toBe(true);
    const metrics = await main.invoke('getMetrics', {});
    expect(metrics.result.value.metrics.top_merchant).toEqual({ merchant_id: 'MRC-000042', total_volume: 1500.5 });
    // The re-import's progress reached the window like any import's.
    expect(main.all('webContents.send').some((m) => m.channel === 'api:event:importProgress')).toBe(true);
  }, 90_000);

  it('closes the engine before quitting', async () => {
    const main = start();
    await main.next('loadURL');
    main.messages.length = 0;
    (main as unknown as { child: ChildProcess }).child.send({ type: 'quit' });
    expect(await main.exited).toBe(0);
    // will-quit was held back once for the engine to close, then quit ran again.
    expect(main.all('app.quit').length).toBe(2);
  }, 60_000);
});
