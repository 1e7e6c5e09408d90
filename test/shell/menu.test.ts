import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, installApplicationMenu } from '../../electron/main/menu.js';
import type { MenuAction } from '../../electron/main/events.js';
import { MENU_ACTIONS } from '../../electron/main/events.js';

function menu(overrides: { isPackaged?: boolean; platform?: NodeJS.Platform } = {}) {
  const sent: MenuAction[] = [];
  const template = buildMenuTemplate({
    appName: 'Merchant Analytics',
    isPackaged: overrides.isPackaged ?? true,
    platform: overrides.platform ?? 'linux',
    sendAction: (a) => sent.push(a),
  });
  return { template, sent };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...items(Array.isArray(m.submenu) ? m.submenu : [])]);
}

function top(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const m = template.find((t) => t.label?.replace('&', '') === label);
  if (!m || !Array.isArray(m.submenu)) throw new Error(`no ${label} menu`);
  return m.submenu;
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as unknown as () => void)();

describe('application menu', () => {
  it('has File, View and Help with the commands the window needs', () => {
    const { template } = menu();
    expect(template.map((t) => t.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = top(template, 'File');
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual(['Import Folders…', 'Watch a Folder…', 'Export Report…', 'Export Clean Events…', 'separator', 'Check and Repair Database…', 'separator', 'quit']);
    const view = top(template, 'View').map((i) => i.role).filter(Boolean);
    expect(view).toEqual(expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom']));
    const help = top(template, 'Help');
    expect(help.map((i) => i.label ?? i.role ?? i.type)).toEqual(['Metric Definitions', 'separator', 'About Merchant Analytics']);
    expect(help.find((i) => i.label?.startsWith('About'))?.role).toBe('about');
  });

  it('sends the window its command for each menu action, and only known ones', () => {
    const { template, sent } = menu();
    for (const item of top(template, 'File').slice(0, 4)) click(item);
    click(top(template, 'File').find((i) => i.id === 'checkDatabase'));
    click(top(template, 'Help')[0]);
    expect(sent).toEqual(['import-folders', 'watch-folder', 'export-report', 'export-clean-events', 'check-database', 'show-definitions']);
    for (const a of sent) expect(MENU_ACTIONS).toContain(a);
  });

  it('shows Ctrl/Cmd+O and +E without registering them, because the window handles those keys', () => {
    const file = top(menu().template, 'File');
    expect(file[0]).toMatchObject({ accelerator: 'CmdOrCtrl+O', registerAccelerator: false });
    expect(file[2]).toMatchObject({ accelerator: 'CmdOrCtrl+E', registerAccelerator: false });
  });

  it('offers developer tools only in an unpackaged build', () => {
    expect(items(menu({ isPackaged: true }).template).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(menu({ isPackaged: false }).template).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('follows macOS conventions: an app menu holds About and Quit', () => {
    const { template } = menu({ platform: 'darwin' });
    expect(template[0]?.label).toBe('Merchant Analytics');
    const appMenu = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['about', 'quit']));
    expect(items(template).filter((i) => i.role === 'quit')).toHaveLength(1);
    expect(items(template).filter((i) => i.role === 'about')).toHaveLength(1);
  });

  it('installs the built menu as the application menu', () => {
    const calls: unknown[] = [];
    installApplicationMenu(
      {
        buildFromTemplate: (t) => ({ built: t.length }),
        setApplicationMenu: (m) => calls.push(m),
      },
      { appName: 'Merchant Analytics', isPackaged: true, platform: 'win32', sendAction: () => {} },
    );
    expect(calls).toEqual([{ built: 4 }]);
  });
});

const APP_TSX = path.resolve(__dirname, '..', '..', 'renderer', 'src', 'components', 'App.tsx');
const hasApp = fs.existsSync(APP_TSX);

it.skipIf(!hasApp)(`menu actions are exactly the window's AppCommand names${hasApp ? '' : ' (skipped: renderer App.tsx not found)'}`, () => {
  const source = fs.readFileSync(APP_TSX, 'utf8');
  const union = /export type AppCommand\s*=\s*([^;]+);/.exec(source)?.[1];
  expect(union, 'renderer/src/components/App.tsx should export type AppCommand').toBeDefined();
  const commands = [...union!.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  expect([...MENU_ACTIONS].sort()).toEqual(commands.sort());
});
