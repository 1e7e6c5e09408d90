// A stand-in for the 'electron' module, so the compiled main process (out/electron/main/main.js) can run
// under plain Node in a child process. It records what main does and reports it to the test over the
// child-process IPC channel; the test drives it back (invoke an API handler, fetch from the app
// protocol, quit). Loaded with `node -r test/shell/fake-electron/register.cjs`.
'use strict';
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const path = require('node:path');

const report = (type, data) => process.send && process.send({ type, data });
const plain = (v) => JSON.parse(JSON.stringify(v ?? null));

const paths = { appData: process.env.FAKE_APP_DATA, documents: process.env.FAKE_APP_DATA };

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
    this.quitting = false;
  }
  setName(name) {
    report('app.setName', name);
  }
  setPath(name, value) {
    paths[name] = value;
    report('app.setPath', { name, value });
  }
  getPath(name) {
    if (!paths[name]) throw new Error(`fake electron: no path ${name}`);
    return paths[name];
  }
  getVersion() {
    return '0.0.0-test';
  }
  setAboutPanelOptions(o) {
    report('app.setAboutPanelOptions', o);
  }
  requestSingleInstanceLock() {
    const got = process.env.FAKE_LOCK !== 'taken';
    report('app.requestSingleInstanceLock', got);
    return got;
  }
  quit() {
    report('app.quit');
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('will-quit', event);
    if (!event.defaultPrevented) setTimeout(() => process.exit(0), 10);
  }
  exit(code) {
    report('app.exit', code);
    setTimeout(() => process.exit(code), 10);
  }
}
const app = new App();

const windows = [];
class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.win = win;
  }
  send(channel, payload) {
    report('webContents.send', { channel, payload: plain(payload) });
  }
  setWindowOpenHandler(h) {
    this.windowOpenHandler = h;
  }
}
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents(this);
    windows.push(this);
    report('BrowserWindow', plain(options));
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    report('loadURL', url);
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {}
  focus() {}
  destroy() {}
  static getAllWindows() {
    return windows;
  }
  static fromWebContents(wc) {
    return windows.find((w) => w.webContents === wc) ?? null;
  }
  static getFocusedWindow() {
    return windows[0] ?? null;
  }
}

const handlers = new Map();
const listeners = new Map();
const ipcMain = {
  handle(channel, fn) {
    handlers.set(channel, fn);
  },
  on(channel, fn) {
    listeners.set(channel, fn);
  },
  removeHandler(channel) {
    handlers.delete(channel);
  },
};

let protocolHandler = null;
const protocol = {
  registerSchemesAsPrivileged(schemes) {
    report('protocol.registerSchemesAsPrivileged', { schemes: plain(schemes), beforeReady: !readyFired });
  },
  handle(scheme, handler) {
    protocolHandler = handler;
    report('protocol.handle', scheme);
  },
};

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const net = {
  // Node's fetch has no file: support; this is what Electron's net.fetch does for a file URL.
  async fetch(url) {
    const file = require('node:url').fileURLToPath(url);
    const body = fs.readFileSync(file);
    return new Response(body, { status: 200, headers: { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' } });
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler(h) {
      report('session.setPermissionRequestHandler', typeof h);
    },
    setPermissionCheckHandler(h) {
      report('session.setPermissionCheckHandler', typeof h === 'function' ? h({}, 'media') : h);
    },
    webRequest: {
      onBeforeRequest(filter) {
        report('session.webRequest.onBeforeRequest', plain(filter));
      },
    },
  },
};

const Menu = {
  buildFromTemplate(t) {
    return t;
  },
  setApplicationMenu(m) {
    report('Menu.setApplicationMenu', m.map((i) => i.label));
  },
};

const dialog = {
  showErrorBox(title, content) {
    report('dialog.showErrorBox', { title, content });
  },
  async showSaveDialog() {
    return { canceled: true };
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
};

let readyFired = false;
app.whenReady = () =>
  new Promise((resolve) =>
    setTimeout(() => {
      readyFired = true;
      resolve();
    }, 10),
  );

process.on('message', async (msg) => {
  if (msg.type === 'invoke') {
    const fn = handlers.get(msg.channel);
    if (!fn) return report('invoke.result', { id: msg.id, error: `No handler registered for '${msg.channel}'` });
    const sender = windows[0]?.webContents ?? {};
    const result = await fn({ sender, senderFrame: { url: msg.url } }, msg.request);
    report('invoke.result', { id: msg.id, result: plain(result) });
  } else if (msg.type === 'send') {
    const fn = listeners.get(msg.channel);
    if (fn) fn({ sender: windows[0]?.webContents ?? {}, senderFrame: { url: msg.url } }, ...msg.args);
    report('send.result', { id: msg.id, listened: Boolean(fn) });
  } else if (msg.type === 'fetch') {
    const res = await protocolHandler(new Request(msg.url));
    report('fetch.result', { id: msg.id, status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() });
  } else if (msg.type === 'navigate') {
    let prevented = false;
    windows[0].webContents.emit('will-navigate', { url: msg.url, preventDefault: () => (prevented = true) }, msg.url);
    report('navigate.result', { id: msg.id, prevented });
  } else if (msg.type === 'handlers') {
    report('handlers.result', { id: msg.id, channels: [...handlers.keys()] });
  } else if (msg.type === 'quit') {
    app.quit();
  }
});

module.exports = { app, BrowserWindow, ipcMain, protocol, net, session, Menu, dialog };
