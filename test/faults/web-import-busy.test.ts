// Browser mode: while an import runs, uploads are refused (they would change files under it). A
// second importPaths, refused by the engine because one is running, must not lift that refusal.
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/api.js';
import type { ApiResult } from '../../shared/api.js';
import type { WebEngine } from '../../electron/web/server.js';
import { JSON_TYPE, UPLOAD_TYPE, send, startWeb, upload } from './helpers/web.js';

/** An engine whose first import runs until the test lets it finish; any other import meanwhile is busy. */
function heldEngine() {
  let finish!: () => void;
  const held = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  let imports = 0;
  const engine: WebEngine = {
    call: (async (name: string): Promise<ApiResult<unknown>> => {
      if (name !== 'importPaths') return ok({});
      if (imports++ > 0) return fail('busy', 'An import is already running.');
      started();
      await held;
      return ok({ accepted: 0 });
    }) as WebEngine['call'],
    onProgress: () => () => undefined,
    close: async () => undefined,
  };
  return { engine, running, finish };
}

describe('uploads during an import', () => {
  it('stay refused after a second import is turned away', async () => {
    const fake = heldEngine();
    const web = await startWeb({ openEngine: async () => fake.engine });
    const file = await upload(web, 'a.csv', 'x');
    const body = JSON.stringify({ paths: [file] });
    const first = send(web, 'importPaths', '', { headers: JSON_TYPE, body });
    await fake.running;

    const second = await send(web, 'importPaths', '', { headers: JSON_TYPE, body });
    expect(second.body).toMatchObject({ ok: false, error: { code: 'busy' } });
    const during = await send(web, 'upload', '&path=b.csv', { method: 'PUT', headers: UPLOAD_TYPE, body: 'y' });
    expect(during).toMatchObject({ status: 409, body: { ok: false, error: { code: 'busy' } } });

    fake.finish();
    expect((await first).body).toMatchObject({ ok: true });
    expect(await upload(web, 'b.csv', 'y')).toMatch(/b\.csv$/);
  });
});
