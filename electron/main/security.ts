// Every window's security settings in one place. Electron objects are passed in (structural types) so
// the rules can be unit-tested under plain Node with fakes; nothing here imports electron at runtime.
import type { WebPreferences } from 'electron';

/** The app's own pages are served from app://renderer/ (see app-protocol.ts), never from file:// or http. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Content-Security-Policy of the renderer. The same text is sent as a response header by the app
 * protocol and must appear as the <meta http-equiv="Content-Security-Policy"> of renderer/index.html
 * (a test compares them), so it only uses directives a meta tag honours (no frame-ancestors).
 * Everything is local: scripts, styles and data calls come from the app's own origin only (no inline
 * code); charts may produce data:/blob: images; frames fall back to default-src 'none'.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Parses a CSP string into directive -> sources (names lower-cased, order of sources ignored). */
export function parseCsp(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    out[name.toLowerCase()] = sources.sort();
  }
  return out;
}

export interface WindowSecurityOptions {
  /** Absolute path of the compiled preload (CommonJS; runs sandboxed). */
  preloadPath: string;
  /** Developer tools only in unpackaged builds. */
  devTools: boolean;
  /** Hidden windows (the PDF report) must keep rendering while not shown. */
  backgroundThrottling?: boolean;
}

/** webPreferences for every BrowserWindow the app creates. */
export function secureWebPreferences(options: WindowSecurityOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: options.devTools,
    backgroundThrottling: options.backgroundThrottling ?? true,
  };
}

/** True for the app's own pages; every other destination (http, file, data, javascript…) is refused. */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/** Requests the session cancels outright: nothing in the app ever needs the network. */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

export function isRemoteUrl(raw: string): boolean {
  return /^(https?|wss?|ftp):/i.test(raw.trim());
}

// ---- structural views of the Electron objects this module configures ----

export interface PreventableEvent {
  preventDefault(): void;
  url?: string;
}

export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: PreventableEvent, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ): void;
  };
}

export interface HardeningLog {
  (message: string): void;
}

/**
 * Locks one web contents down: it may only ever show the app's own pages. Navigation elsewhere,
 * window.open and <webview> are refused. External links are not opened either: the app is offline
 * and has no links out, so there is nothing to hand to the OS browser.
 */
export function hardenWebContents(contents: WebContentsLike, log: HardeningLog = () => {}): void {
  const guard = (kind: string) => (event: PreventableEvent, url?: string) => {
    const target = url ?? event.url ?? '';
    if (!isAppUrl(target)) {
      event.preventDefault();
      log(`Blocked ${kind} to ${target}`);
    }
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked window.open of ${url}`);
    return { action: 'deny' };
  });
}

/** Denies every permission (camera, notifications, geolocation, clipboard reads…) and all network traffic. */
export function hardenSession(session: SessionLike, log: HardeningLog = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`Denied permission ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (details, callback) => {
    const cancel = isRemoteUrl(details.url);
    if (cancel) log(`Blocked a network request to ${details.url}`);
    callback({ cancel });
  });
}
