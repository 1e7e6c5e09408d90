// The words of what a watched folder did by itself: the CLI prints them, the app shows them as a
// quiet notice. One line per file, such as "activities_20250102.csv: 27,051 rows, 3 rejected".
import path from 'node:path';
import type { ApiResult, WatchNotice } from '../../../shared/api.js';
import type { ImportSummary } from '../../../shared/importing.js';

const n = (x: number) => x.toLocaleString('en-US');

/** One line per file that brought rows in. */
export function fileNotices(s: ImportSummary): string[] {
  return s.file_records
    .filter((f) => f.status === 'imported')
    .map((f) => `${path.basename(f.path)}: ${n(f.accepted)} rows${f.duplicates ? `, ${n(f.duplicates)} duplicates` : ''}${f.rejected ? `, ${n(f.rejected)} rejected` : ''}`);
}

const MAX_LINES = 3;

/** Up to three file names, such as "a.csv, b.csv, c.csv and 2 more". */
export function fileList(files: string[]): string {
  const names = files.slice(0, MAX_LINES).map((f) => path.basename(f));
  const more = files.length - names.length;
  return names.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

export function importingNotice(folder: string, files: string[]): WatchNotice {
  return { kind: 'importing', folder, text: `Importing ${fileList(files)} from the watched folder ${folder}.` };
}

/** The notice at the end of one watch import; 'unchanged' (not news) when every file was already stored, as at most start-ups. */
export function importNotice(folder: string, result: ApiResult<ImportSummary>): WatchNotice {
  if (!result.ok) return { kind: 'failed', folder, text: `Importing from the watched folder ${folder} failed: ${result.error.message}` };
  const failed = result.value.file_records
    .filter((f) => f.status === 'failed')
    .map((f) => `${path.basename(f.path)} could not be imported: ${f.error_message ?? 'unknown error'}`);
  const lines = [...fileNotices(result.value), ...failed];
  if (lines.length === 0) return { kind: 'unchanged', folder, text: `Nothing new in the watched folder ${folder}.` };
  const more = lines.length - MAX_LINES;
  const text = lines.slice(0, MAX_LINES).join('; ') + (more > 0 ? `; and ${more} more file${more === 1 ? '' : 's'}` : '');
  return { kind: failed.length > 0 ? 'failed' : 'imported', folder, text };
}
