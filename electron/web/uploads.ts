// Files dropped in the browser arrive here, one PUT per file, and are written under a per-run folder
// with their relative paths kept, so the engine sees the same folder layout and file names (the date
// comes from the name). Each upload is written to its own partial file beside its place and renamed
// in, so a half-sent upload is never imported and, of two uploads of one path, the last to finish
// wins whole.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { formatBytes } from '../../shared/format.js';

const MARKER = '.owner.json';

/** A safe path under root for a browser-supplied relative path, or null if it tries to leave root. */
export function uploadTarget(root: string, relative: string): string | null {
  if (!relative || relative.length > 1024 || relative.includes('\0')) return null;
  const parts = relative.split(/[\\/]+/).filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..' || /^[a-zA-Z]:$/.test(p))) return null;
  const target = path.resolve(root, ...parts);
  // The folder's owner marker is the server's, not an upload's.
  return isInside(root, target) && target !== path.join(path.resolve(root), MARKER) ? target : null;
}

export function isInside(root: string, p: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(p));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export interface UploadLimits {
  /** Largest single file (a year of daily files is about 1.2 GB in all). */
  fileBytes: number;
  /** Most bytes one run of the server takes in, over all its uploads. */
  runBytes: number;
  /** Free space an upload must leave on the disk of the upload folder, for the database and the system. */
  keepFreeBytes: number;
  /** A body that sends nothing for this long is dropped, so a stalled upload cannot hold its connection. */
  idleMs: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  fileBytes: 4 * 1024 ** 3,
  runBytes: 64 * 1024 ** 3,
  keepFreeBytes: 1024 ** 3,
  idleMs: 60_000,
};

/** Why an upload is refused, in an analyst's words. */
export class UploadRefused extends Error {
  constructor(
    readonly code: 'bad_request' | 'disk_full',
    message: string,
  ) {
    super(message);
  }
}

export interface Allowance {
  /** Bytes this upload may have at most. */
  bytes: number;
  /** The refusal for an upload larger than `bytes`. */
  refusal: UploadRefused;
}

/** How much one upload of `name` may hold, given what this run already took and the disk's free space. */
export function uploadAllowance(limits: UploadLimits, name: string, takenThisRun: number, freeBytes: number, folder: string): Allowance {
  const byFile = limits.fileBytes;
  const byRun = Math.max(0, limits.runBytes - takenThisRun);
  const byDisk = Math.max(0, freeBytes - limits.keepFreeBytes);
  const bytes = Math.min(byFile, byRun, byDisk);
  const cli = 'import it with "npm run cli -- import" or the desktop app instead';
  let refusal: UploadRefused;
  if (bytes === byDisk && byDisk < byFile) {
    refusal = new UploadRefused(
      'disk_full',
      `There is not enough free disk space to receive ${name}: ${formatBytes(freeBytes)} is free where browser mode keeps uploads (${folder}), and it leaves at least ${formatBytes(limits.keepFreeBytes)} free. Free some space and drop the files again.`,
    );
  } else if (bytes === byRun && byRun < byFile) {
    refusal = new UploadRefused(
      'bad_request',
      `Browser mode receives at most ${formatBytes(limits.runBytes)} of files per run, and ${formatBytes(takenThisRun)} has been received already, so ${name} does not fit. Restart "npm run web" (what you imported stays), or ${cli}.`,
    );
  } else {
    refusal = new UploadRefused('bad_request', `${name} is larger than the ${formatBytes(limits.fileBytes)} browser mode accepts per file. Split it into daily files, or ${cli}.`);
  }
  return { bytes, refusal };
}

/** Destroys req unless touched every idleMs, so a body that stops arriving cannot hold its connection. */
function stallGuard(req: IncomingMessage, idleMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => req.destroy(new Error('The file stopped arriving.')), idleMs);
  };
  touch();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  return touch;
}

/**
 * Drops a request whose body stops arriving. Call it only when something reads the body at once: its
 * 'data' listener would otherwise let chunks flow away unread.
 */
export function dropWhenStalled(req: IncomingMessage, idleMs: number): void {
  req.on('data', stallGuard(req, idleMs));
}

/** Writes the request body to target, refusing it once it exceeds the allowance; returns its size. */
export async function receiveUpload(req: IncomingMessage, target: string, allowance: Allowance, idleMs: number): Promise<number> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  // One partial file per request: two uploads of one path must not write into the same file.
  const partial = `${target}.${crypto.randomBytes(6).toString('hex')}.part`;
  let size = 0;
  async function* capped(source: AsyncIterable<Buffer>) {
    const touch = stallGuard(req, idleMs);
    for await (const chunk of source) {
      touch();
      size += chunk.length;
      if (size > allowance.bytes) throw allowance.refusal;
      yield chunk;
    }
  }
  const out = fs.createWriteStream(partial, { flags: 'wx' });
  try {
    await pipeline(req, capped, out);
    // rename replaces the target in one step: a reader sees the old file or the new one, never a mix.
    await fs.promises.rename(partial, target);
    return size;
  } catch (err) {
    // A body refused before the file had opened still opens it, later: remove it only once closed.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
}

// Upload folders of a server that crashed would keep copies of the analyst's files for good. Each
// folder holds a marker naming its server process; the next server removes the folders whose process
// is gone.
export const UPLOAD_ROOT_PREFIX = 'merchant-analytics-web-';
// A folder without a marker is from before markers, or of a server writing its marker this moment.
const UNMARKED_GRACE_MS = 10 * 60_000;

interface Owner {
  pid: number;
  /** The process's start as the OS reports it (Linux), so a reused pid is not taken for the owner. */
  start: string | null;
}

function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name in field 2 may hold spaces, so count from its ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.start === null) return true;
  const now = processStart(owner.pid);
  return now === null || now === owner.start;
}

/** A fresh upload folder under parent, marked as this process's. */
export function createUploadRoot(parent: string): string {
  const root = fs.mkdtempSync(path.join(parent, UPLOAD_ROOT_PREFIX));
  const owner: Owner = { pid: process.pid, start: processStart(process.pid) };
  fs.writeFileSync(path.join(root, MARKER), JSON.stringify(owner));
  return root;
}

/** Removes the upload folders under parent whose server is gone; returns the folders removed. */
export async function removeStaleUploadRoots(parent: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(UPLOAD_ROOT_PREFIX)) continue;
    const dir = path.join(parent, name);
    try {
      const stat = await fs.promises.lstat(dir);
      if (!stat.isDirectory() || (typeof process.getuid === 'function' && stat.uid !== process.getuid())) continue;
      let owner: Owner | null = null;
      try {
        owner = JSON.parse(await fs.promises.readFile(path.join(dir, MARKER), 'utf8')) as Owner;
      } catch {
        owner = null;
      }
      const stale = owner && Number.isInteger(owner.pid) ? !isAlive(owner) : now - stat.mtimeMs > UNMARKED_GRACE_MS;
      if (!stale) continue;
      await fs.promises.rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Another server cleaning at the same time, or a folder we may not touch: leave it.
    }
  }
  return removed;
}
