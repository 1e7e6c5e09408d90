// The browser-mode bridge's own rules, without a browser: its command line and where uploads may land.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseWebArgs } from '../../electron/web/args';
import { isInside, uploadTarget } from '../../electron/web/uploads';

describe('browser-mode bridge', () => {
  it('reads --db and --port, and says what is wrong otherwise', () => {
    expect(parseWebArgs(['--db', 'a.db'])).toEqual({ db: 'a.db', port: 0 });
    expect(parseWebArgs(['--db=a.db', '--port=8123'])).toEqual({ db: 'a.db', port: 8123 });
    expect(parseWebArgs([])).toMatch(/^missing --db FILE/);
    expect(parseWebArgs(['--db', 'a.db', '--port', '70000'])).toMatch(/--port must be a number from 0 to 65535/);
    expect(parseWebArgs(['--db', 'a.db', '--host', '0.0.0.0'])).toMatch(/unknown argument "--host"/);
  });

  it('keeps uploads inside the per-run folder, with their relative paths', () => {
    const root = path.resolve('/tmp/uploads-root');
    expect(uploadTarget(root, 'march/activities_20240301.csv')).toBe(path.join(root, 'march', 'activities_20240301.csv'));
    expect(uploadTarget(root, 'a\\b.csv')).toBe(path.join(root, 'a', 'b.csv'));
    for (const bad of ['', '../x.csv', 'a/../../x.csv', 'a/./b.csv', 'C:/x.csv', 'a\0b.csv', '..', 'x'.repeat(2000)]) {
      expect(uploadTarget(root, bad), bad.slice(0, 20)).toBeNull();
    }
    // An absolute path is taken as relative to the root, never as itself.
    expect(uploadTarget(root, '/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(isInside(root, path.join(root, 'a.csv'))).toBe(true);
    expect(isInside(root, root)).toBe(false);
    expect(isInside(root, `${root}-other/a.csv`)).toBe(false);
    expect(isInside(root, '/work/shared/fixtures')).toBe(false);
  });
});
