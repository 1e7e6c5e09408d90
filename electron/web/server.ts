// Browser mode: the same renderer and the same typed API as the desktop app, served on 127.0.0.1 only,
// for machines without Electron and for the end-to-end tests. The first line on stdout is the address
// to open; it carries a random per-run token that every API call must present.
//
//   npm run web -- --db FILE [--port N]
//
// POST /api/<name>           JSON request -> ApiResult JSON (engine calls, validated like IPC)
// GET  /api/events           server-sent importProgress and watchNotice events
// PUT  /api/upload?path=REL  one dropped file, stored under the per-run upload folder
//
// Every call that changes something (POST, PUT) must come from this server's own page: a page on
// another site that learnt the token could otherwise send a "simple" cross-origin request, which the
// browser sends without asking (text/plain POST, no-cors), and forget a file.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fail, isEngineApiName, ok, toApiError } from '../../shared/api.js';
import type { ApiEvents, ApiRequest, ApiResult } from '../../shared/api.js';
import { isApiName, validateRequest } from '../../shared/validate-request.js';
import type { ImportProgress } from '../../shared/importing.js';
import type { EngineClient } from '../engine/client.js';
import { EngineSlot } from '../engine/engine-slot.js';
import { parseWebArgs } from './args.js';
import { serveStatic } from './static-files.js';
import { webCleanExport } from './clean-export.js';
import { DEFAULT_UPLOAD_LIMITS, UploadRefused, createUploadRoot, dropWhenStalled, isInside, receiveUpload, removeStaleUploadRoots, uploadAllowance, uploadTarget } from './uploads.js';
import type { UploadLimits } from './uploads.js';
import { withUploadNames } from './upload-names.js';

const MAX_JSON_BYTES = 4 * 1024 * 1024;
// Long enough to receive a file at the upload cap on a slow disk; an import's answer comes after the
// request is received, so it is not cut off by this.
const REQUEST_TIMEOUT_MS = 30 * 60_000;

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WebServerOptions {
  dbPath: string;
  port: number;
  /** Built renderer; defaults to out/renderer beside this compiled file. */
  rendererDir?: string;
  /** Where the per-run upload folder is made (and stale ones are removed); defaults to os.tmpdir(). */
  uploadParent?: string;
  uploadLimits?: Partial<UploadLimits>;
  /** The engine behind the bridge; defaults to EngineClient.open(dbPath). Tests pass one they control. A damaged database still serves the page, which offers to start over. */
  openEngine?: (dbPath: string) => Promise<WebEngine>;
}

export type WebEngine = Pick<EngineClient, 'call' | 'onProgress' | 'close'> & Partial<Pick<EngineClient, 'onWatchNotice'>>;

export interface WebServer {
  url: string;
  port: number;
  token: string;
  uploadRoot: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readJson(req: IncomingMessage, idleMs: number): Promise<ApiResult<unknown>> {
  return new Promise((resolve) => {
    dropWhenStalled(req, idleMs);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_JSON_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooBig) return resolve(fail('bad_request', 'The request is too large.'));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(ok({}));
      try {
        resolve(ok(JSON.parse(text)));
      } catch {
        resolve(fail('bad_request', 'The request is not valid JSON.'));
      }
    });
    req.on('error', () => resolve(fail('bad_request', 'The request could not be read.')));
  });
}

/** Why a state-changing request is refused as not coming from this server's page, or null. */
export function crossSiteRefusal(req: IncomingMessage, port: number, mediaType: string): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
    return 'This request came from another web page, so it was refused. Use the page at the address "npm run web" printed.';
  }
  // Browsers that send Sec-Fetch-Site say plainly where a request comes from; a page on another port
  // of this machine is "same-site", which is still another page.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return 'This request came from another web page, so it was refused. Use the page at the address "npm run web" printed.';
  }
  // A type a cross-origin page cannot send without the browser first asking this server, which never agrees.
  const given = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (given !== mediaType) return `This request must be sent as ${mediaType}; the page of "npm run web" does that.`;
  return null;
}

async function freeBytes(dir: string): Promise<number> {
  try {
    const s = await fs.promises.statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const rendererDir = options.rendererDir ?? path.resolve(__dirname, '..', '..', 'renderer');
  const limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...options.uploadLimits };
  // The server's machine is the analyst's: browser mode watches the stored folders as the app does.
  const given = options.openEngine;
  const engine = await EngineSlot.open<WebEngine>(options.dbPath, { watch: true }, given ? (db) => given(db) : undefined);
  const token = crypto.randomBytes(24).toString('base64url');
  const uploadParent = options.uploadParent ?? os.tmpdir();
  await removeStaleUploadRoots(uploadParent);
  const uploadRoot = createUploadRoot(uploadParent);
  const listeners = new Set<ServerResponse>();
  // A count, not a flag: a second importPaths refused by the engine ends before the running one.
  let importsRunning = 0;
  // Bytes received this run: finished files by path (a new upload of a path replaces its size) and
  // the declared sizes of uploads under way.
  const stored = new Map<string, number>();
  let receiving = 0;
  let port = options.port;

  // Progress names files by the analyst's own paths, not the upload folder's (watch notices name watched folders).
  const push = (name: keyof ApiEvents) => (payload: unknown) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(name === 'importProgress' ? withUploadNames(payload as ImportProgress, uploadParent) : payload)}\n\n`;
    for (const res of listeners) res.write(frame);
  };
  const stopEvents = [engine.onProgress(push('importProgress')), engine.onWatchNotice?.(push('watchNotice'))];
  const heartbeat = setInterval(() => {
    for (const res of listeners) res.write(': keep-alive\n\n');
  }, 15_000);

  async function callApi(name: string, req: IncomingMessage): Promise<ApiResult<unknown>> {
    if (!isApiName(name)) return fail('not_found', `There is no request named "${name}".`);
    if (!isEngineApiName(name) && name !== 'startOver' && name !== 'exportCleanEvents') {
      return fail('unsupported', `In browser mode, ${name} happens in the page itself, not on the server.`);
    }
    const body = await readJson(req, limits.idleMs);
    if (!body.ok) return body;
    const checked = validateRequest(name, body.value);
    if (!checked.ok) return checked;
    if (name === 'exportCleanEvents') return ok(await webCleanExport(options.dbPath, checked.value as ApiRequest<'exportCleanEvents'>));
    if (name === 'startOver') {
      // It imports: uploads wait for it like for any import.
      importsRunning++;
      try {
        return ok(await engine.startOver());
      } finally {
        importsRunning--;
      }
    }
    if (name === 'importPaths') {
      // The page can only import what it uploaded: this server never reads other files on the machine.
      const { paths } = checked.value as { paths: string[] };
      if (!paths.every((p) => isInside(uploadRoot, p))) {
        return fail('bad_request', 'In browser mode only files dropped on the page or chosen with "Choose folder…" can be imported.');
      }
      importsRunning++;
      try {
        return await engine.call('importPaths', { paths });
      } finally {
        importsRunning--;
      }
    }
    return engine.call(name, checked.value as never);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (importsRunning > 0) {
      sendJson(res, 409, fail('busy', 'An import is running. Wait for it to finish before adding more files.'));
      return;
    }
    const relative = url.searchParams.get('path') ?? '';
    const target = uploadTarget(uploadRoot, relative);
    if (!target) {
      sendJson(res, 400, fail('bad_request', 'The file name of an upload is not usable.'));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    let taken = receiving;
    for (const [p, size] of stored) if (p !== target) taken += size;
    const allowance = uploadAllowance(limits, relative, taken, await freeBytes(uploadRoot), uploadRoot);
    if (declared > allowance.bytes) {
      // Node reads and discards the body after the answer, so the browser gets to read the answer.
      res.once('finish', () => dropWhenStalled(req, limits.idleMs));
      sendJson(res, 413, fail(allowance.refusal.code, allowance.refusal.message));
      return;
    }
    const reserved = Number.isFinite(declared) ? declared : 0;
    receiving += reserved;
    try {
      stored.set(target, await receiveUpload(req, target, allowance, limits.idleMs));
      sendJson(res, 200, ok({ path: target }));
    } catch (err) {
      if (err instanceof UploadRefused) {
        // The rest of an oversized body is not worth reading.
        res.once('finish', () => req.destroy());
        sendJson(res, 413, fail(err.code, err.message));
        return;
      }
      const e = err as NodeJS.ErrnoException;
      if (req.destroyed && !res.headersSent) {
        res.destroy();
        return;
      }
      const result = e.code === 'ENOSPC' ? fail('disk_full', 'The disk is full: free some space and drop the files again.') : fail('internal', `The file could not be received: ${e.message}`);
      sendJson(res, 500, result);
    } finally {
      receiving -= reserved;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only this machine's loopback names: a page elsewhere that rebinds its DNS to 127.0.0.1 gets nothing.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403).end();
      return;
    }
    res.setHeader('x-content-type-options', 'nosniff');
    // The token is in the page address: never send it anywhere as a referrer.
    res.setHeader('referrer-policy', 'no-referrer');

    if (url.pathname.startsWith('/api/')) {
      if (!sameToken(url.searchParams.get('token') ?? (req.headers['x-analytics-token'] as string | undefined) ?? null, token)) {
        sendJson(res, 401, fail('bad_request', 'Missing or wrong access key. Open the exact address printed by "npm run web".'));
        return;
      }
      const name = url.pathname.slice('/api/'.length);
      if (name === 'events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write('retry: 1000\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }
      if (req.method !== 'POST' && !(name === 'upload' && req.method === 'PUT')) {
        sendJson(res, 405, fail('bad_request', `Use POST for /api/${name}.`));
        return;
      }
      const refused = crossSiteRefusal(req, port, req.method === 'PUT' ? 'application/octet-stream' : 'application/json');
      if (refused) {
        sendJson(res, 403, fail('bad_request', refused));
        return;
      }
      if (req.method === 'PUT') {
        await upload(req, res, url);
        return;
      }
      let result: ApiResult<unknown>;
      try {
        result = withUploadNames(await callApi(name, req), uploadParent);
      } catch (err) {
        result = { ok: false, error: toApiError(err) };
      }
      // Errors are data (ApiResult); only an unknown name is an HTTP-level miss.
      sendJson(res, isApiName(name) ? 200 : 404, result);
      return;
    }

    if (req.method === 'GET' || req.method === 'HEAD') {
      res.setHeader('content-security-policy', CSP);
      if (await serveStatic(rendererDir, url.pathname, res, req.method === 'HEAD')) return;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(405).end();
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toApiError(err) });
      else res.end();
    });
  });
  // A stalled body is dropped by dropWhenStalled; these bound the rest.
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    uploadRoot,
    async close() {
      clearInterval(heartbeat);
      for (const stop of stopEvents) stop?.();
      for (const res of listeners) res.end();
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
      await fs.promises.rm(uploadRoot, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const args = parseWebArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    process.exit(2);
  }
  let web: WebServer;
  try {
    web = await startWebServer({ dbPath: args.db, port: args.port });
  } catch (err) {
    process.stderr.write(`${toApiError(err).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${web.url}\n`);
  process.stderr.write(`Merchant Analytics (browser mode) is serving ${path.resolve(args.db)}. Open the address above; press Ctrl+C to stop.\n`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    web.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
