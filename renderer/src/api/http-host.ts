// Browser mode: the same AnalyticsApi over the 127.0.0.1 bridge (electron/web/server.ts). Every call
// carries the per-run token from the page URL. What the desktop shell does natively (dialogs, saving,
// printing) happens here in the page: files are uploaded, saves are downloads, the report opens its
// print view.
import { API_NAMES, ENGINE_API_NAMES, METRIC_NAMES, fail, ok } from '../../../shared/api';
import type { AnalyticsApi, ApiEvents, ApiName, ApiResult, BinaryFile, CsvFile } from '../../../shared/api';
import type { ImportProgress } from '../../../shared/importing';
import type { Host, UploadProgress } from './host';
import { collectDropped, type PickedFile } from './dropped-files';
import { reportHash } from '../../../shared/report-hash';

export function pageToken(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

async function post<T>(name: string, body: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(`/api/${name}?token=${encodeURIComponent(pageToken())}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  } catch {
    return fail('db_unavailable', 'The local server is not answering. Check that "npm run web" is still running, then reload this page.');
  }
  if (res.status === 401) {
    return fail('bad_request', 'This page is missing its access key. Open the exact address that "npm run web" printed.');
  }
  try {
    return (await res.json()) as ApiResult<T>;
  } catch {
    return fail('internal', `The local server gave an unreadable answer (HTTP ${res.status}). Reload the page and try again.`);
  }
}

/** Saves text as a download; the browser decides where it goes. */
export function downloadText(file: CsvFile): void {
  download(new Blob([file.content], { type: file.filename.endsWith('.csv') ? 'text/csv;charset=utf-8' : 'text/plain' }), file.filename);
}

const BINARY_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
};

/** Saves a base64 file (an XLSX, a PNG) as a download. */
export function downloadBinary(file: BinaryFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  download(new Blob([bytes], { type: BINARY_TYPES[file.filename.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream' }), file.filename);
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const UPLOAD_CANCELLED = 'Upload cancelled: nothing was imported.';

function uploadOne(file: PickedFile, onBytes: (loaded: number) => void, onXhr: (xhr: XMLHttpRequest) => void): Promise<ApiResult<{ path: string }>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    onXhr(xhr);
    xhr.open('PUT', `/api/upload?token=${encodeURIComponent(pageToken())}&path=${encodeURIComponent(file.relativePath)}`);
    // The bridge takes uploads only as octet-stream: a type no other site's page may send unasked.
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as ApiResult<{ path: string }>);
      } catch {
        resolve(fail('internal', `Uploading ${file.relativePath} failed (HTTP ${xhr.status}).`));
      }
    };
    xhr.onerror = () => resolve(fail('db_unavailable', `Uploading ${file.relativePath} failed: the local server is not answering.`));
    xhr.onabort = () => resolve(fail('cancelled', UPLOAD_CANCELLED));
    xhr.send(file.file);
  });
}

export function createHttpHost(): Host {
  const uploadListeners = new Set<(p: UploadProgress | null) => void>();
  const eventListeners: { [E in keyof ApiEvents]: Set<(payload: ApiEvents[E]) => void> } = { importProgress: new Set(), watchNotice: new Set() };
  let events: EventSource | null = null;
  /** The upload under way, to abort; cancelled stops the files after it too. */
  let current: { xhr: XMLHttpRequest | null; cancelled: boolean } | null = null;

  /** One server-sent event stream, open while anything listens to any event. */
  function subscribe<E extends keyof ApiEvents>(name: E, listener: (payload: ApiEvents[E]) => void): () => void {
    eventListeners[name].add(listener);
    if (!events) {
      events = new EventSource(`/api/events?token=${encodeURIComponent(pageToken())}`);
      for (const event of Object.keys(eventListeners) as (keyof ApiEvents)[]) {
        events.addEventListener(event, (e) => {
          const payload = JSON.parse((e as MessageEvent<string>).data) as never;
          eventListeners[event].forEach((l) => l(payload));
        });
      }
    }
    return () => {
      eventListeners[name].delete(listener);
      if (Object.values(eventListeners).every((set) => set.size === 0) && events) {
        events.close();
        events = null;
      }
    };
  }

  const emitUpload = (p: UploadProgress | null) => uploadListeners.forEach((l) => l(p));

  /** Uploads the CSV files into the bridge's per-run folder and returns their paths there. */
  async function upload(files: PickedFile[]): Promise<ApiResult<string[]>> {
    const bytesTotal = files.reduce((n, f) => n + f.file.size, 0);
    let bytesBefore = 0;
    const paths: string[] = [];
    const run: { xhr: XMLHttpRequest | null; cancelled: boolean } = (current = { xhr: null, cancelled: false });
    try {
      for (let i = 0; i < files.length; i++) {
        if (run.cancelled) return fail('cancelled', UPLOAD_CANCELLED);
        const f = files[i];
        const base = { files_done: i, files_total: files.length, bytes_total: bytesTotal, current_file: f.relativePath };
        emitUpload({ ...base, bytes_done: bytesBefore });
        const r = await uploadOne(f, (loaded) => emitUpload({ ...base, bytes_done: bytesBefore + loaded }), (xhr) => (run.xhr = xhr));
        if (!r.ok) return run.cancelled ? fail('cancelled', UPLOAD_CANCELLED) : r;
        paths.push(r.value.path);
        bytesBefore += f.file.size;
      }
    } finally {
      current = null;
      emitUpload(null);
    }
    return ok(paths);
  }

  async function uploadPicked(picked: PickedFile[]): Promise<{ paths: string[]; noCsv: boolean; skipped: number }> {
    const csv = picked.filter((f) => /\.csv$/i.test(f.relativePath));
    const skipped = picked.length - csv.length;
    if (csv.length === 0) return { paths: [], noCsv: picked.length > 0, skipped };
    const r = await upload(csv);
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return { paths: r.value, noCsv: false, skipped };
  }

  function pickFolder(): Promise<PickedFile[]> {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.webkitdirectory = true;
      input.hidden = true;
      input.dataset.testid = 'folder-picker';
      const done = (files: PickedFile[]) => {
        input.remove();
        resolve(files);
      };
      input.addEventListener('change', () =>
        done(Array.from(input.files ?? []).map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }))),
      );
      input.addEventListener('cancel', () => done([]));
      document.body.appendChild(input);
      input.click();
    });
  }

  const engineCalls = Object.fromEntries(
    ENGINE_API_NAMES.map((name) => [name, (req: unknown) => post(name, req)]),
  ) as Pick<AnalyticsApi, (typeof ENGINE_API_NAMES)[number]>;

  const api: AnalyticsApi = {
    ...engineCalls,
    startOver: (req) => post('startOver', req),
    exportCleanEvents: (req) => post('exportCleanEvents', req),
    async saveFile(file) {
      downloadText(file);
      return ok({ path: file.filename });
    },
    async saveBinaryFile(file) {
      downloadBinary(file);
      return ok({ path: file.filename });
    },
    async exportAllCsv(view) {
      const files: string[] = [];
      for (const target of METRIC_NAMES) {
        const r = await post<CsvFile>('getCsv', { target, ...view });
        if (!r.ok) return r;
        downloadText(r.value);
        files.push(r.value.filename);
      }
      return ok({ folder: 'your Downloads folder', files });
    },
    async exportReport({ page_size, filter, compare }) {
      const url = `${window.location.pathname}?token=${encodeURIComponent(pageToken())}${reportHash(page_size, filter, compare, true)}`;
      const w = window.open(url, '_blank');
      if (!w) return fail('unsupported', 'The browser blocked the report window. Allow pop-ups for this page and try again.');
      return ok({ path: 'the print view (choose "Save as PDF")' });
    },
    async chooseFolders() {
      try {
        const picked = await pickFolder();
        const r = await uploadPicked(picked);
        if (r.noCsv) return fail('not_found', 'There is no CSV file in the folder you chose. Choose a folder with activities_YYYYMMDD.csv files.');
        return ok({ paths: r.paths });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        return fail(e.code === 'db_unavailable' || e.code === 'cancelled' ? e.code : 'internal', e.message ?? String(err));
      }
    },
    async chooseWatchFolder() {
      return fail('unsupported', "In browser mode, type or paste the folder's full path in Watched folders.");
    },
    onImportProgress: (listener) => subscribe('importProgress', listener),
    onWatchNotice: (listener) => subscribe('watchNotice', listener),
    pathForFile() {
      return '';
    },
  };

  // Every name of the contract must be present; a missing one is a bug here, not at the call site.
  for (const name of API_NAMES as readonly ApiName[]) {
    if (typeof api[name] !== 'function') throw new Error(`browser API lacks ${name}`);
  }

  return {
    mode: 'browser',
    api,
    chooseLabel: 'Choose folder…',
    resolveDrop(dt) {
      const collecting = collectDropped(dt); // synchronous part runs now, while dt is still readable
      return collecting.then(uploadPicked);
    },
    onUploadProgress(listener) {
      uploadListeners.add(listener);
      return () => uploadListeners.delete(listener);
    },
    cancelUpload() {
      if (!current) return;
      current.cancelled = true;
      current.xhr?.abort();
    },
  };
}
