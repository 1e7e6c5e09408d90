// Browser mode: a page on another site that learnt the token must not change anything. The browser
// sends a text/plain or no-cors POST from any page without asking the server first, so the server
// itself must refuse what does not come from its own page.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csv, row } from '../helpers/csv.js';
import { JSON_TYPE, UPLOAD_TYPE, send, startWeb, upload } from './helpers/web.js';
import type { HistoryResponse } from '../../shared/importing.js';

async function importedSource(web: Awaited<ReturnType<typeof startWeb>>): Promise<number> {
  const file = await upload(web, 'day/activities_20240101.csv', csv([row(), row({ merchant_id: 'M2' })]));
  const imported = await send(web, 'importPaths', '', { headers: JSON_TYPE, body: JSON.stringify({ paths: [file] }) });
  expect(imported.body).toMatchObject({ ok: true, value: { accepted: 2 } });
  return sourcesOf(await history(web))[0];
}

async function history(web: Awaited<ReturnType<typeof startWeb>>): Promise<HistoryResponse> {
  const r = await send(web, 'getHistory', '', { headers: JSON_TYPE, body: '{}' });
  expect(r.body.ok).toBe(true);
  return r.body.value as HistoryResponse;
}

function sourcesOf(h: HistoryResponse): number[] {
  return JSON.stringify(h).match(/"source_id":(\d+)/g)?.map((m) => Number(m.split(':')[1])) ?? [];
}

describe('browser mode refuses state-changing calls from other pages', () => {
  it('a text/plain or cross-site forget is refused and the file stays', async () => {
    const web = await startWeb();
    const source = await importedSource(web);
    const forget = JSON.stringify({ source_id: source });
    const other = `http://127.0.0.1:${web.port + 1}`;
    const refused: Array<Record<string, string>> = [
      { 'content-type': 'text/plain;charset=UTF-8' },
      { 'content-type': 'text/plain', origin: 'http://evil.example' },
      {},
      { 'content-type': 'application/x-www-form-urlencoded' },
      { ...JSON_TYPE, origin: 'http://evil.example' },
      { ...JSON_TYPE, origin: other },
      { ...JSON_TYPE, origin: 'null' },
      { ...JSON_TYPE, 'sec-fetch-site': 'cross-site' },
      { ...JSON_TYPE, 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of refused) {
      const r = await send(web, 'forgetFile', '', { headers, body: forget });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/refused|must be sent as application\/json/) } });
    }
    expect(sourcesOf(await history(web))).toContain(source);

    // The server's own page (either loopback name) still may.
    const own = await send(web, 'forgetFile', '', {
      headers: { 'content-type': 'application/json; charset=utf-8', origin: `http://127.0.0.1:${web.port}`, 'sec-fetch-site': 'same-origin' },
      body: forget,
    });
    expect(own).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('an upload from another page, or not sent as octet-stream, is refused and nothing is stored', async () => {
    const web = await startWeb();
    for (const headers of [{ 'content-type': 'text/plain' }, { ...UPLOAD_TYPE, origin: 'http://evil.example' }, { ...UPLOAD_TYPE, 'sec-fetch-site': 'cross-site' }]) {
      const r = await send(web, 'upload', '&path=a.csv', { method: 'PUT', headers, body: 'x' });
      expect(r.status, JSON.stringify(headers)).toBe(403);
    }
    expect(fs.readdirSync(web.uploadRoot).filter((n) => !n.startsWith('.'))).toEqual([]);
    const fromLocalhost = await send(web, 'upload', '&path=a.csv', { method: 'PUT', headers: { ...UPLOAD_TYPE, origin: `http://localhost:${web.port}` }, body: 'x' });
    expect(fromLocalhost).toMatchObject({ status: 200, body: { ok: true } });
  });
});
