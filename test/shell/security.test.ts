import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, resolveAppFile } from '../../electron/main/app-protocol.js';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isRemoteUrl,
  parseCsp,
  secureWebPreferences,
} from '../../electron/main/security.js';
import { FakeSession, FakeWebContents } from './fakes.js';

const ROOT = path.resolve(__dirname, '..', '..');

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences({ preloadPath: '/app/out/electron/preload/preload.js', devTools: false });

  it('isolates and sandboxes the window and keeps Node and webviews out', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
      preload: '/app/out/electron/preload/preload.js',
    });
  });

  it('lets only the hidden report window opt out of background throttling', () => {
    expect(prefs.backgroundThrottling).toBe(true);
    expect(secureWebPreferences({ preloadPath: 'p', devTools: true, backgroundThrottling: false })).toMatchObject({
      backgroundThrottling: false,
      devTools: true,
      sandbox: true,
      contextIsolation: true,
    });
  });
});

describe('isAppUrl / isRemoteUrl', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['app://renderer/index.html#/report?page=A4', true],
    ['app://renderer/assets/index-abc.js', true],
    ['app://other/index.html', false],
    ['app://user:pw@renderer/index.html', false],
    ['file:///etc/passwd', false],
    ['https://example.com/', false],
    ['http://127.0.0.1:5173/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['not a url', false],
    ['', false],
  ])('%s is an app page: %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('treats http, https, ws, wss and ftp as remote and the app scheme as local', () => {
    for (const u of ['http://a', 'HTTPS://b/c', 'ws://x', 'wss://y', 'ftp://z']) expect(isRemoteUrl(u)).toBe(true);
    for (const u of [APP_ENTRY_URL, 'file:///x', 'devtools://devtools/bundled/x.html', 'data:,x']) expect(isRemoteUrl(u)).toBe(false);
  });
});

describe('hardenWebContents', () => {
  function hardened() {
    const contents = new FakeWebContents();
    const log: string[] = [];
    hardenWebContents(contents, (m) => log.push(m));
    return { contents, log };
  }

  it('blocks navigation away from the app, whichever way Electron passes the URL', () => {
    const { contents, log } = hardened();
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-navigate', 'file:///home/analyst/secret.csv', 'property')).toBe(true);
    expect(contents.emit('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(contents.emit('will-frame-navigate', 'https://x.example/', 'property')).toBe(true);
    expect(log.filter((l) => l.startsWith('Blocked'))).toHaveLength(4);
  });

  it('lets the app move between its own pages (a reload of a route)', () => {
    const { contents } = hardened();
    expect(contents.emit('will-navigate', 'app://renderer/index.html#/history')).toBe(false);
    expect(contents.emit('will-frame-navigate', APP_ENTRY_URL, 'property')).toBe(false);
  });

  it('blocks a navigation without any URL rather than allowing it', () => {
    const { contents } = hardened();
    expect(contents.emit('will-navigate', undefined)).toBe(true);
  });

  it('denies window.open, including to the app itself', () => {
    const { contents } = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = hardened();
    expect(contents.emit('will-attach-webview')).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const session = new FakeSession();
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      session.requestHandler?.({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(session.checkHandler?.({}, permission)).toBe(false);
    }
  });

  it('cancels every request to the network', () => {
    const session = new FakeSession();
    hardenSession(session);
    expect(session.beforeRequest?.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    for (const url of ['https://cdn.example/chart.js', 'http://127.0.0.1:9999/api', 'wss://x.example/socket']) {
      let response: { cancel?: boolean } | undefined;
      session.beforeRequest?.listener({ url }, (r) => (response = r));
      expect(response, url).toEqual({ cancel: true });
    }
  });
});

describe('Content-Security-Policy', () => {
  it('allows nothing remote, nothing inline and no plugins', () => {
    const csp = parseCsp(CONTENT_SECURITY_POLICY);
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    for (const sources of Object.values(csp)) {
      for (const s of sources) expect(s).not.toMatch(/unsafe-|^https?:|^\*$|^ws/);
    }
    expect(Object.keys(csp).sort()).toEqual(Object.keys(CSP_DIRECTIVES).sort());
  });

  it('is sent as a header on every app:// response', () => {
    expect(appResponseHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  const indexHtml = path.join(ROOT, 'renderer', 'index.html');
  const hasIndex = fs.existsSync(indexHtml);
  it.skipIf(!hasIndex)(`renderer/index.html carries the same policy in its meta tag${hasIndex ? '' : ' (skipped: renderer/index.html does not exist yet)'}`, () => {
    const html = fs.readFileSync(indexHtml, 'utf8');
    const metas = [...html.matchAll(/<meta\b[^>]*>/gis)].map((m) => m[0]);
    const meta = metas.find((m) => /http-equiv\s*=\s*["']?Content-Security-Policy/i.test(m));
    expect(meta, 'renderer/index.html needs <meta http-equiv="Content-Security-Policy" content="…">').toBeDefined();
    const content = /content\s*=\s*"([^"]*)"/is.exec(meta!)?.[1] ?? /content\s*=\s*'([^']*)'/is.exec(meta!)?.[1];
    expect(content).toBeDefined();
    expect(parseCsp(content!)).toEqual(parseCsp(CONTENT_SECURITY_POLICY));
  });
});

describe('resolveAppFile', () => {
  const root = path.resolve('/app/out/renderer');

  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://renderer/index.html#/report?page=A4')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/assets/index-x1.js?v=2')).toBe(path.join(root, 'assets', 'index-x1.js'));
    expect(resolveAppFile(root, 'app://renderer/assets/My%20Font.woff2')).toBe(path.join(root, 'assets', 'My Font.woff2'));
  });

  it('never leaves the renderer folder', () => {
    for (const url of [
      'app://renderer/../../../etc/passwd',
      'app://renderer/%2e%2e/%2e%2e/etc/passwd',
      'app://renderer/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://renderer/..%5c..%5cwindows%5csystem.ini',
      'app://renderer/a%00.js',
      'app://renderer/%E0%A4%A',
    ]) {
      const file = resolveAppFile(root, url);
      if (file !== null) expect(file.startsWith(root + path.sep), `${url} -> ${file}`).toBe(true);
    }
    // Encoded separators survive URL parsing and would climb out once decoded: refused.
    expect(resolveAppFile(root, 'app://renderer/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile(root, 'app://renderer/a%00.js')).toBeNull();
  });

  it('serves nothing for another host or scheme', () => {
    expect(resolveAppFile(root, 'app://elsewhere/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///app/out/renderer/index.html')).toBeNull();
    expect(resolveAppFile(root, 'nonsense')).toBeNull();
  });
});
