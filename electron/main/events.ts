// Channel names between main and the preload, and the events main pushes to the window. Type-only
// consumers (the preload) import these types; the preload repeats the channel strings as literals
// because a sandboxed preload can only require('electron').
import type { ApiEvents, ApiName } from '../../shared/api.js';

/** Requests: ipcRenderer.invoke('api:' + name, request) resolves to an ApiResult. */
export const API_CHANNEL_PREFIX = 'api:';
/** Pushed events: webContents.send('api:event:' + name, payload). */
export const EVENT_CHANNEL_PREFIX = 'api:event:';

/** What the application menu asks the window to do. */
// Spelled as the window's own commands (renderer AppCommand), so it can pass them straight on.
export const MENU_ACTIONS = ['import-folders', 'watch-folder', 'export-report', 'export-clean-events', 'show-definitions', 'check-database'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export interface MenuEvent {
  action: MenuAction;
}

/** Every event main sends: the engine's (shared/api.ts) plus the shell's own. */
export type ShellEvents = ApiEvents & { menu: MenuEvent };
export type ShellEventName = keyof ShellEvents;

export function apiChannel(name: ApiName): string {
  return API_CHANNEL_PREFIX + name;
}

export function eventChannel(name: ShellEventName): string {
  return EVENT_CHANNEL_PREFIX + name;
}
