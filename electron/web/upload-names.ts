// Browser mode stores each dropped file under the per-run upload folder (a temporary path the analyst
// never chose). Every answer and progress event names those files by the path the analyst dropped
// (folder/activities_20240101.csv) instead: in the history, the rejected rows and their CSV export.
import path from 'node:path';

/** `value` with the upload folder's prefix taken out of every string in it (CSV text included). */
export function withUploadNames<T>(value: T, uploadRoot: string): T {
  const prefix = path.resolve(uploadRoot) + path.sep;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes(prefix) ? v.split(prefix).join('') : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
