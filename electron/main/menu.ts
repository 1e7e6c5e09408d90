// The application menu. Actions that belong to the window (import, export, the definitions panel) are
// sent to it as the 'api:event:menu' event with { action } (the window's own command names); the rest are Electron roles. Menu is
// passed in, so the template can be tested under Node.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from './events.js';

export interface MenuDeps {
  appName: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Sends { action } to the main window. */
  sendAction(action: MenuAction): void;
}

export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const isMac = deps.platform === 'darwin';
  const send = (action: MenuAction) => () => deps.sendAction(action);

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: deps.appName,
          submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
        },
      ]
    : [];

  // The window handles Ctrl/Cmd+O and +E itself (also in browser mode); the menu only shows them, so a
  // key press never runs the command twice.
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'importFolders', label: 'Import Folders…', accelerator: 'CmdOrCtrl+O', registerAccelerator: false, click: send('import-folders') },
      { id: 'watchFolder', label: 'Watch a Folder…', click: send('watch-folder') },
      { id: 'exportReport', label: 'Export Report…', accelerator: 'CmdOrCtrl+E', registerAccelerator: false, click: send('export-report') },
      { id: 'exportCleanEvents', label: 'Export Clean Events…', click: send('export-clean-events') },
      { type: 'separator' },
      { id: 'checkDatabase', label: 'Check and Repair Database…', click: send('check-database') },
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit' }] as MenuItemConstructorOptions[])),
    ],
  };

  // Without an Edit menu, copy and paste shortcuts do not work in text fields on macOS.
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(deps.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { id: 'metricDefinitions', label: 'Metric Definitions', accelerator: 'F1', click: send('show-definitions') },
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'about', label: `About ${deps.appName}` }] as MenuItemConstructorOptions[])),
    ],
  };

  return [...appMenu, file, edit, view, help];
}

export interface MenuApi<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

export function installApplicationMenu<M>(menu: MenuApi<M>, deps: MenuDeps): void {
  menu.setApplicationMenu(menu.buildFromTemplate(buildMenuTemplate(deps)));
}
