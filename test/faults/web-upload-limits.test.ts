// Browser mode: an upload has a size cap per file and per run, bounded by the free disk, and a body
// that stops arriving is dropped instead of holding its connection for good.
import { describe, expect, it } from 'vitest';
import { UPLOAD_TYPE, eventually, filesBelow, open, send, startWeb } from './helpers/web.js';

const put = (rel: string) => ['upload', `&path=${encodeURIComponent(rel)}`] as const;

describe('upload caps', () => {
  it('refuses a file above the per-file cap, declared or sent without a length, and keeps nothing of it', async () => {
    const web = await startWeb({ uploadLimits: { fileBytes: 1000 } });
    const declared = await send(web, ...put('big.csv'), { method: 'PUT', headers: UPLOAD_TYPE, body: Buffer.alloc(1001, 'a') });
    expect(declared).toMatchObject({ status: 413, body: { ok: false, error: { code: 'bad_request', message: expect.stringContaining('1000 B browser mode accepts per file') } } });

    const { req, reply } = open(web, ...put('chunked.csv'), { method: 'PUT', headers: { ...UPLOAD_TYPE, 'transfer-encoding': 'chunked' } });
    req.on('error', () => undefined); // the server may close the rest of an oversized body
    req.write(Buffer.alloc(600, 'b'));
    req.end(Buffer.alloc(600, 'b'));
    expect(await reply).toMatchObject({ status: 413, body: { ok: false, error: { code: 'bad_request' } } });
    await eventually(() => filesBelow(web.uploadRoot).length === 0, "no part of the refused upload left on disk");

    expect(await send(web, ...put('fits.csv'), { method: 'PUT', headers: UPLOAD_TYPE, body: Buffer.alloc(1000, 'c') })).toMatchObject({ status: 200, body: { ok: true } });
    expect(filesBelow(web.uploadRoot)).toEqual(['fits.csv']);
  });

  it('refuses what goes over the per-run total; uploading a path again replaces its share', async () => {
    const web = await startWeb({ uploadLimits: { fileBytes: 1000, runBytes: 1500 } });
    const body = Buffer.alloc(800, 'a');
    expect((await send(web, ...put('a.csv'), { method: 'PUT', headers: UPLOAD_TYPE, body })).status).toBe(200);
    const over = await send(web, ...put('b.csv'), { method: 'PUT', headers: UPLOAD_TYPE, body });
    expect(over).toMatchObject({ status: 413, body: { error: { code: 'bad_request', message: expect.stringContaining('per run') } } });
    expect((await send(web, ...put('a.csv'), { method: 'PUT', headers: UPLOAD_TYPE, body })).status).toBe(200);
    expect(filesBelow(web.uploadRoot)).toEqual(['a.csv']);
  });

  it('refuses an upload that would leave the disk without its reserve, saying it is the disk', async () => {
    const web = await startWeb({ uploadLimits: { keepFreeBytes: Number.MAX_SAFE_INTEGER } });
    const r = await send(web, ...put('a.csv'), { method: 'PUT', headers: UPLOAD_TYPE, body: 'x' });
    expect(r).toMatchObject({ status: 413, body: { ok: false, error: { code: 'disk_full', message: expect.stringContaining('free disk space') } } });
    expect(filesBelow(web.uploadRoot)).toEqual([]);
  });
});

describe('a stalled upload', () => {
  it('is dropped, and leaves no partial file', { timeout: 30_000 }, async () => {
    const web = await startWeb({ uploadLimits: { idleMs: 200 } });
    const { req, reply } = open(web, ...put('stalled.csv'), { method: 'PUT', headers: { ...UPLOAD_TYPE, 'content-length': '1000' } });
    const dropped = new Promise<string>((resolve) => {
      req.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? e.message));
      reply.then((r) => resolve(`answered ${r.status}`), () => undefined);
    });
    req.write(Buffer.alloc(500, 'a'));
    await eventually(() => filesBelow(web.uploadRoot).length === 1);
    // Nothing more is sent: the server, not this test, must end the request.
    expect(await dropped).toMatch(/ECONNRESET|socket hang up/);
    await eventually(() => filesBelow(web.uploadRoot).length === 0);
  });
});
