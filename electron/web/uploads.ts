// Files dropped in the browser arrive here, one PUT per file, and are written under a per-run folder
// with their relative paths kept, so the engine sees the same folder layout and file names (the date
// comes from the name). Each file is written beside its place and renamed in, so a half-sent upload
// is never imported.
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';

/** A safe path under root for a browser-supplied relative path, or null if it tries to leave root. */
export function uploadTarget(root: string, relative: string): string | null {
  if (!relative || relative.length > 1024 || relative.includes('\0')) return null;
  const parts = relative.split(/[\\/]+/).filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..' || /^[a-zA-Z]:$/.test(p))) return null;
  const target = path.resolve(root, ...parts);
  return isInside(root, target) ? target : null;
}

export function isInside(root: string, p: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(p));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export async function receiveUpload(req: IncomingMessage, target: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.part`;
  try {
    await pipeline(req, fs.createWriteStream(partial));
    await fs.promises.rename(partial, target);
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
}
