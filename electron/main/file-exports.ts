// The API entries main answers itself: native dialogs and writing the analyst's files (a CSV, all five
// metric CSVs, the PDF report). Dialogs and the PDF renderer are injected, so this runs under Node in
// tests; main.ts wires in Electron's dialog and report-pdf.ts.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, METRIC_NAMES, unwrap } from '../../shared/api.js';
import type { ApiRequest, CsvFile, EngineApiName, ApiResponse, ApiResult } from '../../shared/api.js';
import type { CallContext, ShellHandlers } from './ipc.js';
import { viewFileName } from '../../shared/view-text.js';
import type { CleanExportOptions, CleanExportSummary } from '../engine/export/clean-events.js';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native dialogs, each resolving to null / [] when the analyst cancels. `owner` is the asking web contents. */
export interface Dialogs {
  saveAs(owner: unknown, options: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<string | null>;
  chooseFolder(owner: unknown, options: { title: string; buttonLabel: string; defaultPath: string }): Promise<string | null>;
  chooseInputs(owner: unknown, options: { title: string; buttonLabel: string; filters: FileFilter[] }): Promise<string[]>;
}

export interface FileExportDeps {
  engine: { call<K extends EngineApiName>(name: K, request: ApiRequest<K>): Promise<ApiResult<ApiResponse<K>>> };
  dialogs: Dialogs;
  /** Renders the report view, under the request's filter and comparison, to PDF bytes. */
  renderReportPdf(request: ApiRequest<'exportReport'>, owner: unknown): Promise<Uint8Array>;
  /** Told of each file or folder the analyst chooses (so the window may then import or watch it). */
  rememberChosen?(chosen: string): void;
  /** Writes the clean events off the engine worker (runCleanExport on the app's database). */
  exportCleanEvents(options: CleanExportOptions): Promise<CleanExportSummary>;
  /** Where save dialogs start (the analyst's Documents folder). */
  defaultFolder(): string;
  now?(): Date;
}

const CSV_FILTER: FileFilter = { name: 'CSV files', extensions: ['csv'] };
const PDF_FILTER: FileFilter = { name: 'PDF documents', extensions: ['pdf'] };
const BINARY_FILTERS: Record<string, FileFilter> = {
  xlsx: { name: 'Excel workbooks', extensions: ['xlsx'] },
  png: { name: 'PNG images', extensions: ['png'] },
};

/** Local date and time as 2026-11-24 and 1530, for file and folder names. */
function stamp(date: Date): { day: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`,
  };
}

/** A suggested name from the engine or the window, reduced to a plain file name. */
export function safeFileName(name: string, fallback: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[^\w.\- ]/g, '_').trim();
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

/** A disk error as a message an analyst can act on. */
export function diskError(err: unknown, target: string): AppError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError({ code: 'disk_full', message: `The disk is full, so ${target} could not be saved. Free some space or choose another place.` });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError({ code: 'read_only', message: `The app may not write to ${target}. Choose a folder you can save into.` });
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AppError({ code: 'not_found', message: `The folder for ${target} no longer exists. Choose another place.` });
  }
  return new AppError({ code: 'internal', message: `${target} could not be saved (${(err as Error).message}). Try another place.` });
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/** Writes a file, turning disk errors into messages an analyst can act on. */
export async function writeForAnalyst(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await fs.writeFile(file, data);
  } catch (err) {
    throw diskError(err, file);
  }
}

/** Every shell entry but startOver, which main answers from its engine slot. */
export function createFileExportHandlers(deps: FileExportDeps): Omit<ShellHandlers, 'startOver'> {
  const now = () => (deps.now ? deps.now() : new Date());

  return {
    async saveFile(request: CsvFile, { sender }: CallContext) {
      const name = safeFileName(request.filename, 'export.csv');
      const isCsv = /\.csv$/i.test(name);
      const file = await deps.dialogs.saveAs(sender, {
        title: 'Save as',
        defaultPath: path.join(deps.defaultFolder(), name),
        filters: isCsv ? [CSV_FILTER] : [],
      });
      if (!file) return { path: null };
      await writeForAnalyst(file, request.content);
      return { path: file };
    },

    async saveBinaryFile(request, { sender }: CallContext) {
      const name = safeFileName(request.filename, 'export.bin');
      const filter = BINARY_FILTERS[path.extname(name).slice(1).toLowerCase()];
      const file = await deps.dialogs.saveAs(sender, {
        title: 'Save as',
        defaultPath: path.join(deps.defaultFolder(), name),
        filters: filter ? [filter] : [],
      });
      if (!file) return { path: null };
      await writeForAnalyst(file, Buffer.from(request.base64, 'base64'));
      return { path: file };
    },

    async exportAllCsv(request, { sender }: CallContext) {
      const parent = await deps.dialogs.chooseFolder(sender, {
        title: 'Choose a folder for the five metric CSV files',
        buttonLabel: 'Export here',
        defaultPath: deps.defaultFolder(),
      });
      if (!parent) return { folder: null, files: [] };
      // Everything is fetched before anything is written, so an engine error leaves no half export.
      const csvs: CsvFile[] = [];
      for (const target of METRIC_NAMES) csvs.push(unwrap(await deps.engine.call('getCsv', { target, ...request })));
      // A fresh subfolder per export: earlier exports in the chosen folder are never overwritten.
      const { day, time } = stamp(now());
      const folder = path.join(parent, `Merchant Analytics metrics ${day} ${time}`);
      try {
        await fs.mkdir(folder, { recursive: true });
      } catch (err) {
        throw diskError(err, folder);
      }
      const files: string[] = [];
      for (const [i, csv] of csvs.entries()) {
        const file = path.join(folder, safeFileName(csv.filename, `${METRIC_NAMES[i]}.csv`));
        await writeForAnalyst(file, csv.content);
        files.push(file);
      }
      return { folder, files };
    },

    async exportReport(request, { sender }: CallContext) {
      const file = await deps.dialogs.saveAs(sender, {
        title: 'Save the report as PDF',
        defaultPath: path.join(deps.defaultFolder(), viewFileName(`Merchant Analytics report ${stamp(now()).day}`, request.filter, request.compare, 'pdf')),
        filters: [PDF_FILTER],
      });
      if (!file) return { path: null };
      const pdf = await deps.renderReportPdf(request, sender);
      await writeForAnalyst(file, pdf);
      return { path: file };
    },

    async exportCleanEvents({ format, filter = {}, out }, { sender }: CallContext) {
      // Only a native dialog chooses where the app writes; the window never names a path.
      if (out !== undefined) throw new AppError({ code: 'bad_request', message: 'The app asks where to save the clean events itself; the window cannot choose the place.' });
      const name = viewFileName('clean_events', filter, undefined, 'csv');
      let target: string | null;
      if (format === 'csv') {
        target = await deps.dialogs.saveAs(sender, { title: 'Export clean events as CSV', defaultPath: path.join(deps.defaultFolder(), name), filters: [CSV_FILTER] });
      } else {
        const parent = await deps.dialogs.chooseFolder(sender, { title: 'Choose a folder for the clean events (Parquet)', buttonLabel: 'Export here', defaultPath: deps.defaultFolder() });
        // A new subfolder named for the view; a stamp when that name is taken, so nothing is overwritten.
        const stem = path.join(parent ?? '', name.replace(/\.csv$/, ''));
        const { day, time } = stamp(now());
        target = parent === null ? null : (await exists(stem)) ? `${stem} ${day} ${time}` : stem;
      }
      if (!target) return { path: null, events: 0 };
      const summary = await deps.exportCleanEvents({ format, filter, out: target });
      return { path: summary.out, events: summary.events };
    },

    async chooseFolders(_request, { sender }: CallContext) {
      const paths = await deps.dialogs.chooseInputs(sender, {
        title: 'Choose folders or CSV files to import',
        buttonLabel: 'Import',
        filters: [CSV_FILTER],
      });
      for (const p of paths) deps.rememberChosen?.(p);
      return { paths };
    },

    async chooseWatchFolder(_request, { sender }: CallContext) {
      const folder = await deps.dialogs.chooseFolder(sender, { title: 'Choose a folder to watch', buttonLabel: 'Watch', defaultPath: deps.defaultFolder() });
      if (folder) deps.rememberChosen?.(folder);
      return { path: folder };
    },
  };
}
