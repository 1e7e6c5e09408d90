// Registers one ipcMain handler per entry of the API map. Every argument is validated before anything
// else sees it, and every outcome — bad input, an engine error, a dialog that throws — comes back to
// the window as an ApiResult; a handler never throws across IPC (Electron would turn that into an
// opaque "Error invoking remote method" string). Electron is injected so this is testable under Node.
import { API_NAMES, fail, isEngineApiName, ok, toApiError } from '../../shared/api.js';
import type { ApiError, ApiName, ApiRequest, ApiResponse, ApiResult, EngineApiName, WatchNotice } from '../../shared/api.js';
import type { ImportProgress } from '../../shared/importing.js';
import { isApiName, validateRequest } from '../../shared/validate-request.js';
import { apiChannel } from './events.js';
import type { ShellEventName, ShellEvents } from './events.js';
import { isAppUrl } from './security.js';

/** The part of an IpcMainInvokeEvent this module reads. */
export interface InvokeEventLike {
  sender: unknown;
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface EngineLike {
  call<K extends EngineApiName>(name: K, request: ApiRequest<K>): Promise<ApiResult<ApiResponse<K>>>;
  onProgress(listener: (progress: ImportProgress) => void): () => void;
  onWatchNotice(listener: (notice: WatchNotice) => void): () => void;
}

export type ShellApiName = Exclude<ApiName, EngineApiName>;

export interface CallContext {
  /** The web contents that asked (owner of any dialog it opens). */
  sender: unknown;
}

/** Handlers for the entries main answers itself; they may throw (AppError for expected failures). */
export type ShellHandlers = {
  [K in ShellApiName]: (request: ApiRequest<K>, context: CallContext) => Promise<ApiResponse<K>>;
};

export interface ApiDeps {
  engine: EngineLike;
  shell: ShellHandlers;
  /** Pushes an event to the window(s). */
  sendEvent<E extends ShellEventName>(name: E, payload: ShellEvents[E]): void;
  /** A last check of an engine request's content (watch only folders chosen in a dialog); null lets it through. */
  checkEngineRequest?<K extends EngineApiName>(name: K, request: ApiRequest<K>): ApiError | null;
  /** Only the app's own pages may call the API; defaults to checking the calling frame's URL. */
  isTrustedSender?(event: InvokeEventLike): boolean;
}

function defaultTrust(event: InvokeEventLike): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

/** Validates and runs one request; resolves to an ApiResult whatever happens. */
export async function dispatchApiCall(deps: ApiDeps, name: string, raw: unknown, event: InvokeEventLike): Promise<ApiResult<unknown>> {
  try {
    if (!isApiName(name)) return fail('bad_request', `Unknown request "${name}".`);
    if (!(deps.isTrustedSender ?? defaultTrust)(event)) {
      return fail('bad_request', `The request ${name} did not come from the app's own window and was refused.`);
    }
    const checked = validateRequest(name, raw);
    if (!checked.ok) return checked;
    if (isEngineApiName(name)) {
      const refused = deps.checkEngineRequest?.(name, checked.value as ApiRequest<typeof name>);
      if (refused) return { ok: false, error: refused };
      const result = await deps.engine.call(name, checked.value as ApiRequest<typeof name>);
      // The engine never throws, but a malformed reply must still reach the window as data.
      if (!result || typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') {
        return fail('internal', `The import engine gave no answer to ${name}. Restart the app and try again.`);
      }
      return result;
    }
    const handler = deps.shell[name] as (request: unknown, context: CallContext) => Promise<unknown>;
    return ok(await handler(checked.value, { sender: event.sender }));
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}

/**
 * Registers `api:<name>` for every name in API_NAMES and forwards engine events (import progress,
 * watch notices) to the window.
 * Returns a function that removes the handlers and the progress subscription again.
 */
export function registerApiHandlers(ipcMain: IpcMainLike, deps: ApiDeps): () => void {
  for (const name of API_NAMES) {
    ipcMain.handle(apiChannel(name), (event, raw) => dispatchApiCall(deps, name, raw, event));
  }
  const forward = <E extends ShellEventName>(name: E) => (payload: ShellEvents[E]) => {
    try {
      deps.sendEvent(name, payload);
    } catch {
      // A window closing mid-import must not break the import; the next event finds no window.
    }
  };
  const unsubscribe = [deps.engine.onProgress(forward('importProgress')), deps.engine.onWatchNotice(forward('watchNotice'))];
  return () => {
    for (const u of unsubscribe) u();
    for (const name of API_NAMES) ipcMain.removeHandler(apiChannel(name));
  };
}
