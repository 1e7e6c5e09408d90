// Reads what was dropped on the window into files with their relative paths, walking folders.
// The entries must be taken from the DataTransfer synchronously, inside the drop event.

export interface PickedFile {
  file: File;
  /** Path inside what was dropped, e.g. "2024/activities_20240101.csv". */
  relativePath: string;
}

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries returns at most ~100 entries per call; keep reading until it returns none.
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    out.push({ file: await entryFile(entry as FileSystemFileEntry), relativePath: rel });
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await walk(child, rel, out);
  }
}

export function collectDropped(dt: DataTransfer): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
  }
  // Synthetic drops (and some platforms) give files without entries.
  const plainFiles = Array.from(dt.files ?? []);
  return (async () => {
    if (entries.length === 0) return plainFiles.map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
    const out: PickedFile[] = [];
    for (const e of entries) await walk(e, '', out);
    return out;
  })();
}
