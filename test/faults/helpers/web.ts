// Browser mode started in this process (startWebServer), and raw HTTP requests to it whose every
// header the test chooses: fetch would add or forbid some of them.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startWebServer } from '../../../electron/web/server.js';
import type { WebServer, WebServerOptions } from '../../../electron/web/server.js';
import { tempDir } from '../../helpers/csv.js';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

const running: WebServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.close().catch(() => undefined)));
});

/** A server on a fresh database with its uploads in a fresh folder; closed after the test. */
export async function startWeb(options: Partial<WebServerOptions> = {}): Promise<WebServer> {
  const web = await startWebServer({
    dbPath: path.join(tempDir('mad-web-db-'), 'web.db'),
    port: 0,
    rendererDir: path.join(ROOT, 'out', 'renderer'),
    uploadParent: tempDir('mad-web-uploads-'),
    ...options,
  });
  running.push(web);
  return web;
}

export interface Reply {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

export interface Call {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Starts a request to /api/<name>?token=… and returns it unsent, with a promise of the reply. */
export function open(web: WebServer, name: string, query = '', call: Call = {}): { req: http.ClientRequest; reply: Promise<Reply> } {
  const req = http.request({
    host: '127.0.0.1',
    port: web.port,
    method: call.method ?? 'POST',
    path: `/api/${name}?token=${web.token}${query}`,
    headers: call.headers ?? {},
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : { ok: false } }));
    });
    req.on('error', reject);
  });
  return { req, reply };
}

/** One whole request. */
export function send(web: WebServer, name: string, query = '', call: Call = {}): Promise<Reply> {
  const { req, reply } = open(web, name, query, call);
  req.end(call.body);
  return reply;
}

export const JSON_TYPE = { 'content-type': 'application/json' };
export const UPLOAD_TYPE = { 'content-type': 'application/octet-stream' };

/** Uploads content as the page does and returns the stored path. */
export async function upload(web: WebServer, rel: string, content: string | Buffer): Promise<string> {
  const r = await send(web, 'upload', `&path=${encodeURIComponent(rel)}`, { method: 'PUT', headers: UPLOAD_TYPE, body: content });
  if (!r.body.ok) throw new Error(`upload of ${rel} failed: ${JSON.stringify(r.body)}`);
  return (r.body.value as { path: string }).path;
}

/** Waits until check() holds, looking again as the event loop turns; the test's own timeout bounds it. */
/** Waits until check() holds; fails, saying so, if it still does not after 30 s (a hang would say nothing). */
export async function eventually(check: () => boolean, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within 30 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every file below dir, as paths relative to it, without the server's own marker. */
export function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name !== '.owner.json')
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}
