// "Export clean events" in browser mode: the analyst types the output path, and with no dialog to ask
// first, an existing CSV file or a folder that is not empty is refused in words and left as it was.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { generatedFolder, parquetFiles, readParquet } from '../export/export-helpers.js';
import { JSON_TYPE, send, startWeb, upload } from './helpers/web.js';
import type { WebServer } from '../../electron/web/server.js';

const filter = { region: ['ABUJA'], from: '2024-02-01' };

const call = (web: WebServer, name: string, body: unknown) => send(web, name, '', { headers: JSON_TYPE, body: JSON.stringify(body) });

async function webWithData(): Promise<{ web: WebServer; total: number }> {
  const web = await startWeb();
  const src = generatedFolder();
  const paths: string[] = [];
  for (const f of fs.readdirSync(src)) paths.push(await upload(web, f, fs.readFileSync(path.join(src, f))));
  expect((await call(web, 'importPaths', { paths })).body).toMatchObject({ ok: true, value: { status: 'done' } });
  const events = await call(web, 'getEvents', { filter, limit: 1 });
  const total = (events.body.value as { total: number }).total;
  expect(total).toBeGreaterThan(10);
  return { web, total };
}

describe('exportCleanEvents in browser mode', () => {
  it('writes the CSV at the typed path with getEvents\' events for the filter', async () => {
    const { web, total } = await webWithData();
    const out = path.join(tempDir('mad-web-clean-'), 'abuja.csv');
    const r = await call(web, 'exportCleanEvents', { format: 'csv', filter, out });
    expect(r.body).toEqual({ ok: true, value: { path: out, events: total } });
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(total);
    for (const row of rows) expect(row.region === 'ABUJA' && row.event_date >= '2024-02-01').toBe(true);
  });

  it('writes a Parquet data set into a new folder at the typed path', async () => {
    const { web, total } = await webWithData();
    const out = path.join(tempDir('mad-web-clean-'), 'abuja');
    const r = await call(web, 'exportCleanEvents', { format: 'parquet', filter, out });
    expect(r.body).toEqual({ ok: true, value: { path: out, events: total } });
    let n = 0;
    for (const f of parquetFiles(out)) n += (await readParquet(path.join(out, f))).rows.length;
    expect(n).toBe(total);
  });

  it('refuses an existing CSV file and leaves it as it was', async () => {
    const { web } = await webWithData();
    const out = path.join(tempDir('mad-web-clean-'), 'mine.csv');
    fs.writeFileSync(out, 'keep me');
    const r = await call(web, 'exportCleanEvents', { format: 'csv', filter, out });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('already exists') } });
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('refuses a folder that is not empty, and a path that is not a full one', async () => {
    const { web } = await webWithData();
    const out = tempDir('mad-web-clean-');
    fs.writeFileSync(path.join(out, 'keep.txt'), 'keep me');
    expect((await call(web, 'exportCleanEvents', { format: 'parquet', out })).body).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('not an empty folder') } });
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
    expect((await call(web, 'exportCleanEvents', { format: 'csv', out: 'clean.csv' })).body).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('full path') } });
    expect((await call(web, 'exportCleanEvents', { format: 'csv' })).body).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('full path') } });
  });
});
