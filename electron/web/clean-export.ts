// "Export clean events" in browser mode: the server's machine is the analyst's, so the output is the
// path they typed (as for watched folders). With no dialog to ask before replacing anything, an existing
// CSV file or a folder that is not empty is refused.
import path from 'node:path';
import { AppError } from '../../shared/api.js';
import type { ApiRequest, ApiResponse } from '../../shared/api.js';
import { runCleanExport } from '../engine/export/run-clean-export.js';

export async function webCleanExport(dbPath: string, { format, filter = {}, out }: ApiRequest<'exportCleanEvents'>): Promise<ApiResponse<'exportCleanEvents'>> {
  const what = format === 'csv' ? 'CSV file' : 'folder for the Parquet data set';
  if (out === undefined || !path.isAbsolute(out)) {
    throw new AppError({ code: 'bad_request', message: `In browser mode, type the full path of a new ${what} (for example ${format === 'csv' ? '/home/you/clean_events.csv' : '/home/you/clean_events'}).` });
  }
  const summary = await runCleanExport(dbPath, { format, filter, out, replaceCsv: false });
  return { path: summary.out, events: summary.events };
}
