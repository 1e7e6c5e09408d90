// A tiny tmpfs for full-disk and read-only tests. Mounting needs root (tests run as root on the
// project's machines); where it is not permitted the caller skips with the reason returned here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export type MountResult = { ok: true; dir: string } | { ok: false; reason: string };

const mounted: string[] = [];

export function mountTmpfs(dir: string, sizeBytes: number): MountResult {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, reason: `cannot mount a tmpfs here (${(r.stderr || String(r.error)).trim()})` };
  mounted.push(dir);
  return { ok: true, dir };
}

export function remount(dir: string, mode: 'ro' | 'rw'): void {
  const r = spawnSync('mount', ['-o', `remount,${mode}`, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`remount ${mode} of ${dir} failed: ${r.stderr}`);
}

export function unmountAll(): void {
  for (const dir of mounted.splice(0)) spawnSync('umount', ['-l', dir]);
}
