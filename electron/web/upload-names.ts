// Browser mode stores each dropped file under a per-run upload folder (a temporary path the analyst
// never chose). Every answer and progress event names those files by the path the analyst dropped
// (folder/activities_20240101.csv) instead: in the history, the rejected rows and their CSV export.
// The folders of earlier runs are taken out too, since the database keeps the files they imported.
import path from 'node:path';
import { UPLOAD_ROOT_PREFIX } from './uploads.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches the upload folder of any run under `uploadParent` (mkdtemp adds six characters), with its separator. */
export function uploadRootPattern(uploadParent: string): RegExp {
  return new RegExp(`${escape(path.join(path.resolve(uploadParent), UPLOAD_ROOT_PREFIX))}[A-Za-z0-9]{6}${escape(path.sep)}`, 'g');
}

/** `value` with every run's upload folder prefix taken out of every string in it (CSV text included). */
export function withUploadNames<T>(value: T, uploadParent: string): T {
  const pattern = uploadRootPattern(uploadParent);
  const marker = path.join(path.resolve(uploadParent), UPLOAD_ROOT_PREFIX);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes(marker) ? v.replace(pattern, '') : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
