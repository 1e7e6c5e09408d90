// Storage failures in an analyst's words.
import type { FileErrorCode } from '../../../shared/importing.js';

export function classifySqliteError(err: unknown): { code: FileErrorCode; message: string } {
  const code = String((err as { code?: unknown })?.code ?? '');
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_FULL' || /ENOSPC|disk is full|database or disk is full/i.test(detail)) {
    return { code: 'disk_full', message: 'The disk holding the database is full. Free some space and import again; everything imported before this file is safe.' };
  }
  if (code.startsWith('SQLITE_READONLY') || /EROFS|readonly|read-only/i.test(detail)) {
    return { code: 'read_only', message: 'The database cannot be written (the file or its folder is read-only). Check its permissions and import again; nothing was changed.' };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
    return { code: 'internal', message: `The database file could not be written (${code}). Check the drive and import again; everything imported before this file is safe.` };
  }
  return { code: 'internal', message: `The import stopped because of an unexpected error: ${detail}` };
}
