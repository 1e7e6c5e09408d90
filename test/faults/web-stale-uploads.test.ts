// Browser mode keeps uploaded copies of the analyst's files in a per-run folder; a server that crashed
// never removed its folder. The next server removes the folders whose server is gone, and only those.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { createUploadRoot } from '../../electron/web/uploads.js';
import { startWeb } from './helpers/web.js';

/** A pid that was a process a moment ago and is gone now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function fakeRoot(parent: string, name: string, marker: object | null): string {
  const dir = path.join(parent, `merchant-analytics-web-${name}`);
  fs.mkdirSync(path.join(dir, 'day'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'day', 'activities_20240101.csv'), 'the analyst’s data');
  if (marker) fs.writeFileSync(path.join(dir, '.owner.json'), JSON.stringify(marker));
  return dir;
}

describe('upload folders left by a crashed server', () => {
  it('are removed at the next start; a live server’s folder and other folders stay', async () => {
    const parent = tempDir('mad-uploads-parent-');
    const crashed = fakeRoot(parent, 'crashed', { pid: deadPid(), start: null });
    const live = createUploadRoot(parent); // this process is a live server
    const unmarkedNew = fakeRoot(parent, 'unmarked', null);
    const unmarkedOld = fakeRoot(parent, 'old', null);
    const long = new Date(Date.now() - 24 * 3600_000);
    fs.utimesSync(unmarkedOld, long, long);
    fs.mkdirSync(path.join(parent, 'someone-else'));

    const web = await startWeb({ uploadParent: parent });
    const left = fs.readdirSync(parent).sort();
    expect(left).not.toContain(path.basename(crashed));
    expect(left).not.toContain(path.basename(unmarkedOld));
    expect(left).toEqual(expect.arrayContaining([path.basename(live), path.basename(unmarkedNew), path.basename(web.uploadRoot), 'someone-else']));
  });

  it.runIf(fs.existsSync('/proc/self/stat'))('a folder whose pid now belongs to another process is removed', async () => {
    const parent = tempDir('mad-uploads-parent-');
    // This process is alive, but did not start at that moment: its pid was reused.
    const reused = fakeRoot(parent, 'reused', { pid: process.pid, start: '1' });
    await startWeb({ uploadParent: parent });
    expect(fs.existsSync(reused)).toBe(false);
  });
});
