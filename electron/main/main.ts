// The Electron main process: one instance, one window, the engine worker behind the typed API.
// Kept thin on purpose — the rules live in security.ts, ipc.ts, file-exports.ts and menu.ts, which
// are tested without Electron.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, net, protocol, session } from 'electron';
import type { OpenDialogOptions, WebContents } from 'electron';
import { AppError } from '../../shared/api.js';
import { EngineSlot } from '../engine/engine-slot.js';
import { appResponseHeaders, resolveAppFile } from './app-protocol.js';
import { eventChannel } from './events.js';
import type { ShellEventName, ShellEvents } from './events.js';
import { createFileExportHandlers } from './file-exports.js';
import type { Dialogs } from './file-exports.js';
import { registerApiHandlers } from './ipc.js';
import { createChosenPaths, listenForDroppedPaths } from './chosen-paths.js';
import { installApplicationMenu } from './menu.js';
import { renderReportPdf } from './report-pdf.js';
import { runCleanExport } from '../engine/export/run-clean-export.js';
import { APP_ENTRY_URL, APP_SCHEME, hardenSession, hardenWebContents, isAppUrl, secureWebPreferences } from './security.js';

const APP_NAME = 'Merchant Analytics';
const DB_FILE = 'merchant-analytics.db';
// out/electron/main -> out/
const OUT_DIR = path.resolve(__dirname, '..', '..');
const PRELOAD = path.join(OUT_DIR, 'electron', 'preload', 'preload.js');
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');

let mainWindow: BrowserWindow | null = null;
let engine: EngineSlot | null = null;

const log = (message: string) => console.warn(`[security] ${message}`);

app.setName(APP_NAME);
// The same folder in development and in the installed app (Electron would otherwise name it after
// package.json): ~/.config/Merchant Analytics, %APPDATA%\Merchant Analytics, ~/Library/Application
// Support/Merchant Analytics. Tests and support can point the app at a throwaway profile instead.
app.setPath(
  'userData',
  process.env.MERCHANT_ANALYTICS_USER_DATA ? path.resolve(process.env.MERCHANT_ANALYTICS_USER_DATA) : path.join(app.getPath('appData'), APP_NAME),
);

// Must run before 'ready': app:// behaves like https (a real origin for CSP 'self', fetch and modules).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over the one database file; the first one is brought forward instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal('Merchant Analytics could not start', err));
}

function sendEvent<E extends ShellEventName>(name: E, payload: ShellEvents[E]): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(eventChannel(name), payload);
  }
}

function ownerWindow(sender: unknown): BrowserWindow | undefined {
  const win = sender ? BrowserWindow.fromWebContents(sender as WebContents) : null;
  return win ?? mainWindow ?? undefined;
}

function showOpen(owner: unknown, options: OpenDialogOptions) {
  const win = ownerWindow(owner);
  return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
}

const dialogs: Dialogs = {
  async saveAs(owner, options) {
    const win = ownerWindow(owner);
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  },
  async chooseFolder(owner, options) {
    const r = await showOpen(owner, { ...options, properties: ['openDirectory', 'createDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  async chooseInputs(owner, options) {
    // On Windows and Linux a dialog is either a folder or a file picker; there it shows folders.
    const r = await showOpen(owner, { ...options, properties: ['openDirectory', 'openFile', 'multiSelections'] });
    return r.canceled ? [] : r.filePaths;
  },
};

async function start(): Promise<void> {
  hardenSession(session.defaultSession, log);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(RENDERER_DIR, request.url);
    const headers = new Headers(appResponseHeaders());
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      const res = await net.fetch(pathToFileURL(file).toString());
      res.headers.forEach((v, k) => {
        if (!headers.has(k)) headers.set(k, v);
      });
      return new Response(res.body, { status: res.status, headers });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });

  const dbPath = path.join(app.getPath('userData'), DB_FILE);
  try {
    // Chromium usually creates the profile folder first, but not always before this point.
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    // A damaged database still opens the window, which offers to start over (EngineSlot).
    engine = await EngineSlot.open(dbPath, { watch: true });
  } catch (err) {
    // A database from a newer version or another program: say so and stop, never touch it.
    fatal('Merchant Analytics cannot open its database', err, dbPath);
    return;
  }

  const openedEngine = engine;
  const chosenPaths = createChosenPaths();
  listenForDroppedPaths(ipcMain, chosenPaths, (event) => typeof event.senderFrame?.url === 'string' && isAppUrl(event.senderFrame.url));
  registerApiHandlers(ipcMain, {
    engine: openedEngine,
    sendEvent,
    checkEngineRequest: chosenPaths.check,
    shell: {
      ...createFileExportHandlers({
        engine: openedEngine,
        dialogs,
        rememberChosen: chosenPaths.remember,
        defaultFolder: () => app.getPath('documents'),
        renderReportPdf: (request) => renderReportPdf(request, { preloadPath: PRELOAD, devTools: !app.isPackaged }),
        exportCleanEvents: (options) => runCleanExport(dbPath, options),
      }),
      startOver: () => openedEngine.startOver(),
    },
  });

  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: app.getVersion(),
    copyright: 'Offline analytics for merchant activity exports.',
  });
  installApplicationMenu(Menu, {
    appName: APP_NAME,
    isPackaged: app.isPackaged,
    platform: process.platform,
    sendAction: (action) => {
      const win = mainWindow ?? BrowserWindow.getFocusedWindow();
      if (win && !win.isDestroyed()) win.webContents.send(eventChannel('menu'), { action });
    },
  });

  createMainWindow();
  app.on('activate', () => {
    if (!mainWindow) createMainWindow();
  });
}

function createMainWindow(): void {
  const win = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    webPreferences: secureWebPreferences({ preloadPath: PRELOAD, devTools: !app.isPackaged }),
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('will-quit', (event) => {
  if (!engine || closing) return;
  // Let the worker finish its current transaction and close the database cleanly first.
  event.preventDefault();
  closing = true;
  const current = engine;
  engine = null;
  void current.close().finally(() => app.quit());
});

function fatal(title: string, err: unknown, dbPath?: string): void {
  const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
  dialog.showErrorBox(title, dbPath && !message.includes(dbPath) ? `${message}\n\nDatabase: ${dbPath}` : message);
  app.exit(1);
}
