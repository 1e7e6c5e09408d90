// electron-builder.yml checked with electron-builder's own loader, schema and file matcher, so a
// packaging mistake (a worker left inside the asar, the main file not shipped) fails here rather than
// on an analyst's machine.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const requireFromBuilder = createRequire(path.join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'));
const { getConfig, validateConfiguration } = requireFromBuilder('./out/util/config/config.js');
const { FileMatcher } = requireFromBuilder('./out/fileMatcher.js');

type Config = Record<string, any>;
const file = { isDirectory: () => false };

async function config(): Promise<Config> {
  return getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
}

/** `files` as plain patterns (electron-builder wraps them into a FileSet while loading). */
function patterns(files: Array<string | { filter?: string[] }>): string[] {
  return files.flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
}

function matcher(patterns: string[]): (rel: string) => boolean {
  const filter = new FileMatcher(ROOT, '/dest', (s: string) => s, patterns).createFilter();
  return (rel) => filter(path.join(ROOT, rel), file);
}

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder', async () => {
    const c = await config();
    await expect(validateConfiguration(c, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, nsis and dmg, from prebuilt native modules', async () => {
    const c = await config();
    expect(c.productName).toBe('Merchant Analytics');
    expect(c.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.npmRebuild).toBe(false);
    expect(c.asar).toBe(true);
  });

  it('ships the main entry, the preload and the renderer, and leaves out maps, bench and browser mode', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const included = matcher(patterns((await config()).files));
    for (const rel of ['package.json', pkg.main, 'out/electron/preload/preload.js', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'out/electron/engine/worker.js', 'out/shared/api.js']) {
      expect(included(rel), rel).toBe(true);
    }
    for (const rel of ['out/electron/main/main.js.map', 'out/bench/bench.js', 'out/electron/web/server.js', 'renderer/src/main.tsx', 'test/shell/ipc.test.ts', 'electron/main/main.ts']) {
      expect(included(rel), rel).toBe(false);
    }
  });

  it('copies better-sqlite3 with its prebuilt binaries but without its C sources', async () => {
    const excludes = patterns((await config()).files).filter((p) => p.startsWith('!'));
    // How electron-builder filters node_modules: everything, minus the exclusions of `files`.
    const included = matcher(['**/*', ...excludes]);
    expect(included('node_modules/better-sqlite3/lib/index.js')).toBe(true);
    expect(included('node_modules/better-sqlite3/prebuilds/linux-x64.node')).toBe(true);
    expect(included('node_modules/better-sqlite3/prebuilds/win32-x64.node')).toBe(true);
    expect(included('node_modules/papaparse/papaparse.js')).toBe(true);
    expect(included('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
    expect(included('node_modules/better-sqlite3/src/better_sqlite3.cpp')).toBe(false);
  });

  it('unpacks what the engine worker loads from disk, and keeps the rest in the archive', async () => {
    const unpacked = matcher((await config()).asarUnpack);
    for (const rel of [
      'out/electron/engine/worker.js',
      'out/electron/engine/import/run-import.js',
      'out/shared/api.js',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/better-sqlite3/prebuilds/darwin-arm64.node',
      'node_modules/papaparse/papaparse.js',
      'node_modules/chokidar/index.js',
      'node_modules/readdirp/index.js',
      'out/electron/engine/export/export-worker.js',
      'node_modules/parquet-wasm/node/parquet_wasm_bg.wasm',
      'node_modules/apache-arrow/Arrow.node.js',
      'node_modules/flatbuffers/package.json',
      'node_modules/some-other/addon.node',
    ]) {
      expect(unpacked(rel), rel).toBe(true);
    }
    for (const rel of ['out/electron/main/main.js', 'out/electron/preload/preload.js', 'out/renderer/index.html', 'package.json']) {
      expect(unpacked(rel), rel).toBe(false);
    }
  });

  it('has an icon electron-builder can turn into every platform format (PNG, at least 512 px)', async () => {
    const c = await config();
    for (const platform of ['linux', 'win', 'mac']) {
      const icon = fs.readFileSync(path.join(ROOT, c[platform].icon));
      expect(icon.subarray(1, 4).toString('ascii'), platform).toBe('PNG');
      const width = icon.readUInt32BE(16);
      const height = icon.readUInt32BE(20);
      expect(width).toBe(height);
      expect(width).toBeGreaterThanOrEqual(512);
    }
  });
});
