// Stand-ins for the Electron objects the shell configures. They record what was registered and let a
// test fire events the way Electron would; nothing here requires electron.
import type { PreventableEvent, SessionLike, WebContentsLike } from '../../electron/main/security.js';

type Listener = (...args: never[]) => unknown;

export class FakeWebContents implements WebContentsLike {
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Fires `event` like Electron does (event object first, then the URL) and says if it was prevented. */
  emit(event: string, url?: string, style: 'argument' | 'property' = 'argument'): boolean {
    let prevented = false;
    const e: PreventableEvent = { preventDefault: () => void (prevented = true), ...(style === 'property' ? { url } : {}) };
    const listeners = this.listeners.get(event) ?? [];
    if (listeners.length === 0) throw new Error(`nothing listens to ${event}`);
    for (const l of listeners) (l as (e: PreventableEvent, url?: string) => void)(e, style === 'argument' ? url : undefined);
    return prevented;
  }
}

export class FakeSession implements SessionLike {
  requestHandler: Parameters<SessionLike['setPermissionRequestHandler']>[0] = null;
  checkHandler: Parameters<SessionLike['setPermissionCheckHandler']>[0] = null;
  beforeRequest: { filter: { urls: string[] }; listener: (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void } | null = null;
  readonly webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) => {
      this.beforeRequest = { filter, listener };
    },
  };
  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void {
    this.checkHandler = handler;
  }
}
