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

/** Grows (or shrinks) a mounted tmpfs: "the analyst frees some space" without touching the files. */
export function resize(dir: string, sizeBytes: number): void {
  const r = spawnSync('mount', ['-o', `remount,size=${sizeBytes}`, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`resizing ${dir} failed: ${r.stderr}`);
}

/** Root-only tests run where mounting is allowed (as root, here and in CI) and say why they skip elsewhere. */
export function mountOrSkip(dir: string, sizeBytes: number, skip: () => void): string {
  const mnt = mountTmpfs(dir, sizeBytes);
  if (!mnt.ok) {
    if (process.env.CI === 'true') throw new Error(`CI must be able to run the disk tests: ${mnt.reason}`);
    console.warn(`skipped: ${mnt.reason}`);
    skip();
    throw new Error('unreachable: skip() throws');
  }
  return mnt.dir;
}
