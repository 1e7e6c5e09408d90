// Starts browser mode (out/electron/web/server.js, built by `npm run build`) as a child process and
// reads the address from the first line of its stdout.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { makeDataset } from './data';

export const ROOT = path.resolve(__dirname, '../../..');
export const SERVER_JS = path.join(ROOT, 'out/electron/web/server.js');
export const RENDERER_HTML = path.join(ROOT, 'out/renderer/index.html');
export const CLI_JS = path.join(ROOT, 'out/electron/cli/cli.js');

export interface RunningWeb {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  for (const f of [SERVER_JS, RENDERER_HTML, CLI_JS]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run "npm run build" first (npm test does).`);
  }
}

export function startWeb(db: string): Promise<RunningWeb> {
  // process.execPath is the project's pinned Node (vitest runs on it), which better-sqlite3 needs.
  const child = spawn(process.execPath, [SERVER_JS, '--db', db, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its address in 60 s; stderr: ${err}`)), 60_000);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const url = new URL(line.trim());
      resolve({
        url: line.trim(),
        origin: url.origin,
        token: url.searchParams.get('token') ?? '',
        child,
        stderr: () => err,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}: ${err}`));
    });
  });
}

/** Calls the bridge directly (as the page does), returning the parsed ApiResult. */
export async function api<T = unknown>(web: RunningWeb, name: string, body: unknown = {}): Promise<{ ok: boolean; value: T; error?: { code: string; message: string } }> {
  const res = await fetch(`${web.origin}/api/${name}?token=${web.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; value: T };
}

/**
 * A temporary folder with a generated dataset imported by the CLI into a new database, and browser
 * mode started on it; `done()` stops the server and removes the folder.
 */
export async function webWithData(prefix: string, dataset: Parameters<typeof makeDataset>[1]): Promise<{ web: RunningWeb; tmp: string; done(): Promise<void> }> {
  assertBuilt();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = path.join(tmp, 'analytics.db');
  const data = makeDataset(path.join(tmp, 'data'), dataset);
  execFileSync(process.execPath, [CLI_JS, 'import', '--db', db, '--json', data.dir], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
  const web = await startWeb(db);
  return {
    web,
    tmp,
    async done() {
      await web.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
