// Browser mode: two uploads of one path at once (the same file dropped twice, or two tabs) must leave
// one of them whole, the one that finished last, never a file mixing both bodies.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UPLOAD_TYPE, eventually, filesBelow, open, send, startWeb } from './helpers/web.js';

describe('two uploads of one path', () => {
  it('the last to finish wins whole', async () => {
    const web = await startWeb();
    const size = 256 * 1024;
    const first = Buffer.alloc(size, 'a');
    const second = Buffer.alloc(size, 'b');
    const query = `&path=${encodeURIComponent('day/activities_20240101.csv')}`;
    const slow = open(web, 'upload', query, { method: 'PUT', headers: { ...UPLOAD_TYPE, 'content-length': String(size) } });
    slow.req.write(first.subarray(0, size / 2));
    // The first upload's half is on disk before the second starts.
    const partials = () => filesBelow(web.uploadRoot).filter((f) => f.endsWith('.part'));
    await eventually(() => partials().length === 1 && fs.statSync(path.join(web.uploadRoot, partials()[0])).size === size / 2);

    const fast = await send(web, 'upload', query, { method: 'PUT', headers: UPLOAD_TYPE, body: second });
    expect(fast).toMatchObject({ status: 200, body: { ok: true } });
    const target = (fast.body.value as { path: string }).path;
    expect(fs.readFileSync(target).equals(second)).toBe(true);

    slow.req.end(first.subarray(size / 2));
    expect(await slow.reply).toMatchObject({ status: 200, body: { ok: true, value: { path: target } } });
    expect(fs.readFileSync(target).equals(first)).toBe(true);
    expect(filesBelow(web.uploadRoot)).toEqual([path.join('day', 'activities_20240101.csv')]);
  });
});
