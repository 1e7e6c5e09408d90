import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, METRIC_NAMES, fail, ok } from '../../shared/api.js';
import type { ApiResult } from '../../shared/api.js';
import { createFileExportHandlers, diskError, safeFileName } from '../../electron/main/file-exports.js';
import type { Dialogs, FileExportDeps } from '../../electron/main/file-exports.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-exports-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const owner = { id: 1 };
const ctx = { sender: owner };

function handlers(opts: { save?: string | null; folder?: string | null; inputs?: string[]; csv?: (target: string) => ApiResult<unknown> } = {}) {
  const asked: Array<{ kind: string; owner: unknown; options: unknown }> = [];
  const dialogs: Dialogs = {
    saveAs: async (o, options) => (asked.push({ kind: 'save', owner: o, options }), opts.save === undefined ? null : opts.save),
    chooseFolder: async (o, options) => (asked.push({ kind: 'folder', owner: o, options }), opts.folder ?? null),
    chooseInputs: async (o, options) => (asked.push({ kind: 'inputs', owner: o, options }), opts.inputs ?? []),
  };
  const printed: string[] = [];
  const rendered: unknown[] = [];
  const calls: unknown[] = [];
  const cleanExports: unknown[] = [];
  const deps: FileExportDeps = {
    engine: {
      call: (async (name: string, request: { target: string }) => {
        if (name !== 'getCsv') throw new Error(`unexpected ${name}`);
        calls.push(request);
        return opts.csv ? opts.csv(request.target) : ok({ filename: `${request.target}.csv`, content: `metric,value\n${request.target},1\n` });
      }) as FileExportDeps['engine']['call'],
    },
    dialogs,
    renderReportPdf: async (request) => (printed.push(request.page_size), rendered.push(request), new TextEncoder().encode(`%PDF-1.7 ${request.page_size}`)),
    exportCleanEvents: async (options) => (cleanExports.push(options), { format: options.format, out: options.out, events: 42, seconds: 0.1 }),
    defaultFolder: () => '/home/analyst/Documents',
    now: () => new Date(2026, 10, 24, 15, 30, 5),
  };
  return { h: createFileExportHandlers(deps), asked, printed, rendered, calls, cleanExports };
}

describe('saveFile', () => {
  it('writes the content where the analyst chose, starting in Documents with the suggested name', async () => {
    const target = path.join(dir, 'adoption.csv');
    const { h, asked } = handlers({ save: target });
    expect(await h.saveFile({ filename: 'product_adoption.csv', content: 'product,merchants\nPOS,3\n' }, ctx)).toEqual({ path: target });
    expect(fs.readFileSync(target, 'utf8')).toBe('product,merchants\nPOS,3\n');
    expect(asked[0]).toMatchObject({ kind: 'save', owner, options: { defaultPath: path.join('/home/analyst/Documents', 'product_adoption.csv') } });
  });

  it('writes nothing when the analyst cancels', async () => {
    const { h } = handlers({ save: null });
    expect(await h.saveFile({ filename: 'a.csv', content: 'x' }, ctx)).toEqual({ path: null });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('says plainly when the folder cannot be written', async () => {
    const { h } = handlers({ save: path.join(dir, 'missing-folder', 'a.csv') });
    await expect(h.saveFile({ filename: 'a.csv', content: 'x' }, ctx)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('saveBinaryFile', () => {
  it('writes the decoded bytes where the analyst chose, offering the file type of the name', async () => {
    const target = path.join(dir, 'book.xlsx');
    const { h, asked } = handlers({ save: target });
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]);
    expect(await h.saveBinaryFile({ filename: 'merchant_analytics 2024-01-01_2024-01-31.xlsx', base64: bytes.toString('base64') }, ctx)).toEqual({ path: target });
    expect(fs.readFileSync(target).equals(bytes)).toBe(true);
    expect(asked[0]).toMatchObject({ options: { defaultPath: path.join('/home/analyst/Documents', 'merchant_analytics 2024-01-01_2024-01-31.xlsx'), filters: [{ extensions: ['xlsx'] }] } });
  });

  it('writes nothing when the analyst cancels', async () => {
    const { h } = handlers({ save: null });
    expect(await h.saveBinaryFile({ filename: 'chart.png', base64: 'iVBORw0K' }, ctx)).toEqual({ path: null });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('exportAllCsv', () => {
  it('asks the engine for every table under the dashboard\'s filter and comparison', async () => {
    const { h, calls } = handlers({ folder: dir });
    const view = { filter: { from: '2024-01-01', to: '2024-01-31', region: ['LAGOS'] }, compare: 'previous' as const };
    await h.exportAllCsv(view, ctx);
    expect(calls).toEqual(METRIC_NAMES.map((target) => ({ target, ...view })));
  });

  it('writes the five metric CSVs into a new folder inside the chosen one', async () => {
    const { h } = handlers({ folder: dir });
    const r = await h.exportAllCsv({}, ctx);
    expect(r.folder).toBe(path.join(dir, 'Merchant Analytics metrics 2026-11-24 153005'));
    expect(r.files.map((f) => path.basename(f))).toEqual(METRIC_NAMES.map((n) => `${n}.csv`));
    for (const name of METRIC_NAMES) {
      expect(fs.readFileSync(path.join(r.folder!, `${name}.csv`), 'utf8')).toBe(`metric,value\n${name},1\n`);
    }
  });

  it('never overwrites an earlier export in the same folder', async () => {
    const earlier = path.join(dir, 'kyc_funnel.csv');
    fs.writeFileSync(earlier, 'keep me');
    const { h } = handlers({ folder: dir });
    await h.exportAllCsv({}, ctx);
    expect(fs.readFileSync(earlier, 'utf8')).toBe('keep me');
  });

  it('writes nothing when one metric cannot be read, and passes the engine error on', async () => {
    const { h } = handlers({ folder: dir, csv: (t) => (t === 'kyc_funnel' ? fail('db_unavailable', 'The database is busy.') : ok({ filename: `${t}.csv`, content: 'x' })) });
    const err = await h.exportAllCsv({}, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'db_unavailable', message: 'The database is busy.' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps engine-suggested names inside the export folder', async () => {
    const { h } = handlers({ folder: dir, csv: (t) => ok({ filename: `../../${t}.csv`, content: 'x' }) });
    const r = await h.exportAllCsv({}, ctx);
    for (const f of r.files) expect(path.dirname(f)).toBe(r.folder);
  });

  it('returns no folder when the analyst cancels', async () => {
    const { h } = handlers({ folder: null });
    expect(await h.exportAllCsv({}, ctx)).toEqual({ folder: null, files: [] });
  });
});

describe('exportReport', () => {
  it('prints under the dashboard\'s view and names the file for it', async () => {
    const target = path.join(dir, 'report.pdf');
    const { h, asked, rendered } = handlers({ save: target });
    const request = { page_size: 'A4' as const, filter: { from: '2024-01-01', to: '2024-01-31' }, compare: 'year' as const };
    await h.exportReport(request, ctx);
    expect(rendered).toEqual([request]);
    expect(asked[0]).toMatchObject({ options: { defaultPath: path.join('/home/analyst/Documents', 'Merchant Analytics report 2026-11-24 2024-01-01_2024-01-31 vs-year.pdf') } });
  });

  it('prints the report at the chosen paper size after the save dialog and writes the PDF', async () => {
    const target = path.join(dir, 'report.pdf');
    const { h, printed, asked } = handlers({ save: target });
    expect(await h.exportReport({ page_size: 'Letter' }, ctx)).toEqual({ path: target });
    expect(printed).toEqual(['Letter']);
    expect(fs.readFileSync(target, 'utf8')).toBe('%PDF-1.7 Letter');
    expect(asked[0]?.options).toMatchObject({ defaultPath: path.join('/home/analyst/Documents', 'Merchant Analytics report 2026-11-24.pdf') });
  });

  it('does not print at all when the analyst cancels', async () => {
    const { h, printed } = handlers({ save: null });
    expect(await h.exportReport({ page_size: 'A4' }, ctx)).toEqual({ path: null });
    expect(printed).toEqual([]);
  });
});

describe('chooseFolders', () => {
  it('returns the chosen paths, or none when cancelled', async () => {
    expect(await handlers({ inputs: ['/data/2024', '/data/x.csv'] }).h.chooseFolders({}, ctx)).toEqual({ paths: ['/data/2024', '/data/x.csv'] });
    expect(await handlers({ inputs: [] }).h.chooseFolders({}, ctx)).toEqual({ paths: [] });
  });
});

describe('helpers', () => {
  it('reduces suggested names to a plain file name', () => {
    expect(safeFileName('../../etc/passwd', 'x.csv')).toBe('passwd');
    expect(safeFileName('..\\..\\boot.ini', 'x.csv')).toBe('boot.ini');
    expect(safeFileName('..', 'x.csv')).toBe('x.csv');
    expect(safeFileName('a:b*c?.csv', 'x.csv')).toBe('a_b_c_.csv');
  });

  it('maps disk errors to codes an analyst can act on', () => {
    const e = (code: string) => Object.assign(new Error(code), { code });
    expect(diskError(e('ENOSPC'), '/x').code).toBe('disk_full');
    expect(diskError(e('EROFS'), '/x').code).toBe('read_only');
    expect(diskError(e('EACCES'), '/x').code).toBe('read_only');
    expect(diskError(e('ENOENT'), '/x').code).toBe('not_found');
    expect(diskError(e('EIO'), '/x')).toMatchObject({ code: 'internal', message: expect.stringContaining('/x') });
  });
});

describe('exportCleanEvents', () => {
  const filter = { from: '2024-01-01', to: '2024-01-31', region: ['LAGOS'] };

  it('CSV: asks with a save dialog named for the view, then exports the filter there', async () => {
    const target = path.join(dir, 'clean.csv');
    const { h, asked, cleanExports } = handlers({ save: target });
    expect(await h.exportCleanEvents({ format: 'csv', filter }, ctx)).toEqual({ path: target, events: 42 });
    expect(asked[0]).toMatchObject({ kind: 'save', owner, options: { defaultPath: path.join('/home/analyst/Documents', 'clean_events 2024-01-01_2024-01-31 region-LAGOS.csv'), filters: [{ extensions: ['csv'] }] } });
    expect(cleanExports).toEqual([{ format: 'csv', filter, out: target }]);
  });

  it('Parquet: the data set goes into a new subfolder of the chosen folder, named for the view', async () => {
    const { h, asked, cleanExports } = handlers({ folder: dir });
    const r = await h.exportCleanEvents({ format: 'parquet', filter }, ctx);
    const out = path.join(dir, 'clean_events 2024-01-01_2024-01-31 region-LAGOS');
    expect(r).toEqual({ path: out, events: 42 });
    expect(asked[0]).toMatchObject({ kind: 'folder', owner });
    expect(cleanExports).toEqual([{ format: 'parquet', filter, out }]);
  });

  it('Parquet: a subfolder of that name already there is left alone and a stamped one is used', async () => {
    fs.mkdirSync(path.join(dir, 'clean_events'));
    const { h, cleanExports } = handlers({ folder: dir });
    await h.exportCleanEvents({ format: 'parquet' }, ctx);
    expect(cleanExports).toEqual([{ format: 'parquet', filter: {}, out: path.join(dir, 'clean_events 2026-11-24 153005') }]);
  });

  it('exports nothing when the analyst cancels either dialog', async () => {
    const { h, cleanExports } = handlers({ save: null, folder: null });
    expect(await h.exportCleanEvents({ format: 'csv' }, ctx)).toEqual({ path: null, events: 0 });
    expect(await h.exportCleanEvents({ format: 'parquet' }, ctx)).toEqual({ path: null, events: 0 });
    expect(cleanExports).toEqual([]);
  });

  it('refuses a path sent by the window: only the dialog chooses where the app writes', async () => {
    const { h, asked, cleanExports } = handlers({ save: path.join(dir, 'x.csv') });
    await expect(h.exportCleanEvents({ format: 'csv', out: '/etc/passwd' }, ctx)).rejects.toMatchObject({ code: 'bad_request' });
    expect(asked).toEqual([]);
    expect(cleanExports).toEqual([]);
  });
});
