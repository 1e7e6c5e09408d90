// Turns the analyst's mix of files and folders into the sorted list of CSV files to import.
import fs from 'node:fs';
import path from 'node:path';

/** Node opens files by UTF-8 path strings throughout the import, so such a name cannot be opened. */
const NOT_UTF8 =
  'Its name is not valid UTF-8 text (it was probably made on another system), so the app cannot open it. Rename the file, keeping .csv at the end, and import again.';

export interface FoundFile {
  path: string;
  size: number;
}

export interface Discovery {
  files: FoundFile[];
  /** Files under the given folders that do not end in .csv: how many, and the first names. */
  ignored: Ignored;
  /** Inputs that could not be read at all (missing path, permission), with the reason. */
  unreadable: { path: string; message: string }[];
}

export interface Ignored {
  count: number;
  /** Up to IGNORED_SAMPLE names, sorted: every name of a big folder (240,121 for a home folder) was 27 MB in the ledger. */
  sample: string[];
}

export const IGNORED_SAMPLE = 100;

const isCsv = (p: string) => p.toLowerCase().endsWith('.csv');

/**
 * Folders are searched recursively for files ending in .csv in any case; files named directly are taken
 * as they are (a directly named non-CSV file is ignored too). Symbolic links are followed, loops are not.
 * The result is in sorted path order, which decides which duplicate wins.
 */
export function discover(inputs: string[]): Discovery {
  const files = new Map<string, FoundFile>();
  // Each folder is walked once (seenDirs) and each input taken once, so a path is never met twice.
  const ignoredSample: string[] = [];
  let ignoredCount = 0;
  const ignore = (p: string) => {
    ignoredCount++;
    if (ignoredSample.length < IGNORED_SAMPLE) ignoredSample.push(p);
  };
  const unreadable: Discovery['unreadable'] = [];
  const seenDirs = new Set<string>();
  /** A name that cannot be opened: a failure when it is a CSV, otherwise one more ignored file. */
  const unopenable = (p: string, message: string) => {
    if (isCsv(p)) unreadable.push({ path: p, message });
    else ignore(p);
  };

  const walk = (dir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      real = dir;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let raw: fs.Dirent<Buffer>[];
    try {
      // As bytes: a name that is not valid UTF-8 would otherwise come back altered and then not be
      // found under its altered name.
      raw = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      unreadable.push({ path: dir, message: `The folder could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).` });
      return;
    }
    const entries = raw.map((e) => ({ e, name: e.name.toString('utf8') }));
    // In name order, so the sample of ignored names is the same on every system.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { e, name } of entries) {
      const p = path.join(dir, name);
      // Decoding puts U+FFFD for every byte that is not UTF-8; only such a name needs the byte check.
      if (name.includes('\uFFFD') && !Buffer.from(name, 'utf8').equals(e.name)) {
        unopenable(p, NOT_UTF8);
        continue;
      }
      visit(p, e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other');
    }
  };

  const visit = (p: string, kind: 'dir' | 'file' | 'other') => {
    if (kind === 'other') {
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch (err) {
        unopenable(p, `The file could not be found or opened (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
        return;
      }
      kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    }
    if (kind === 'dir') return walk(p);
    if (kind === 'file' && isCsv(p)) {
      try {
        files.set(p, { path: p, size: fs.statSync(p).size });
      } catch (err) {
        unreadable.push({ path: p, message: `The file could not be opened (${(err as NodeJS.ErrnoException).code ?? 'error'}).` });
      }
    } else ignore(p);
  };

  for (const p of new Set(inputs.map((input) => path.resolve(input)))) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (err) {
      unreadable.push({ path: p, message: `Nothing was found at this path (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check that the drive or folder is still there.` });
      continue;
    }
    visit(p, st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other');
  }
  const sorted = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: sorted, ignored: { count: ignoredCount, sample: ignoredSample.sort() }, unreadable };
}

/** The date in a file name such as activities_20240131.csv, as 2024-01-31. */
export function fileDateFromName(p: string): string | null {
  const m = /(\d{4})(\d{2})(\d{2})(?!.*\d{8})/.exec(path.basename(p));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
