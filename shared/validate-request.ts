// Checks every argument that crosses into main (IPC) or the browser-mode bridge (HTTP) before the
// engine sees it. Pure and Node-free so both sides and the tests share it.
import { API_NAMES, METRIC_NAMES, fail, ok } from './api.js';
import type { ApiName, ApiRequest, ApiResult } from './api.js';

type Checker<K extends ApiName> = (raw: Record<string, unknown>) => string | ApiRequest<K>;

const MAX_PATHS = 10_000;
const MAX_SAVE_BYTES = 512 * 1024 * 1024;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalInt(raw: Record<string, unknown>, key: string, min: number, max: number): string | number | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    return `${key} must be a whole number from ${min} to ${max}`;
  }
  return v;
}

const empty = () => ({}) as Record<string, never>;

const checkers: { [K in ApiName]: Checker<K> } = {
  importPaths(raw) {
    const paths = raw.paths;
    if (!Array.isArray(paths) || paths.length === 0) return 'paths must be a non-empty list of files or folders';
    if (paths.length > MAX_PATHS) return `at most ${MAX_PATHS} paths can be imported at once`;
    for (const p of paths) {
      if (typeof p !== 'string' || p.trim() === '' || p.includes('\0')) return 'every path must be a non-empty text';
    }
    return { paths: paths as string[] };
  },
  cancelImport: empty,
  getMetrics: empty,
  getHistory: empty,
  getRejectedRows(raw) {
    const out: ApiRequest<'getRejectedRows'> = {};
    for (const [key, min, max] of [
      ['import_id', 1, Number.MAX_SAFE_INTEGER],
      ['offset', 0, Number.MAX_SAFE_INTEGER],
      ['limit', 1, 10_000],
    ] as const) {
      const v = optionalInt(raw, key, min, max);
      if (typeof v === 'string') return v;
      if (v !== undefined) out[key] = v;
    }
    if (raw.kind !== undefined) {
      if (raw.kind !== 'rejected' && raw.kind !== 'warning' && raw.kind !== 'all') return 'kind must be rejected, warning or all';
      out.kind = raw.kind;
    }
    return out;
  },
  forgetFile(raw) {
    const id = optionalInt(raw, 'source_id', 1, Number.MAX_SAFE_INTEGER);
    if (typeof id !== 'number') return typeof id === 'string' ? id : 'source_id is required';
    return { source_id: id };
  },
  getCsv(raw) {
    const target = raw.target;
    if (target !== 'rejected_rows' && !(METRIC_NAMES as readonly unknown[]).includes(target)) {
      return `target must be one of ${[...METRIC_NAMES, 'rejected_rows'].join(', ')}`;
    }
    const importId = optionalInt(raw, 'import_id', 1, Number.MAX_SAFE_INTEGER);
    if (typeof importId === 'string') return importId;
    return { target: target as ApiRequest<'getCsv'>['target'], ...(importId === undefined ? {} : { import_id: importId }) };
  },
  saveFile(raw) {
    const { filename, content } = raw;
    if (typeof filename !== 'string' || !/^[\w.\- ]{1,200}$/.test(filename)) return 'filename must be a plain file name';
    if (typeof content !== 'string') return 'content must be text';
    if (content.length > MAX_SAVE_BYTES) return 'content is too large to save';
    return { filename, content };
  },
  exportAllCsv: empty,
  exportReport(raw) {
    if (raw.page_size !== 'A4' && raw.page_size !== 'Letter') return 'page_size must be A4 or Letter';
    return { page_size: raw.page_size };
  },
  chooseFolders: empty,
};

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && (API_NAMES as readonly string[]).includes(name);
}

/** Validates a request for `name`; unknown keys are dropped. */
export function validateRequest<K extends ApiName>(name: K, raw: unknown): ApiResult<ApiRequest<K>> {
  if (!isApiName(name)) return fail('bad_request', `Unknown request "${String(name)}".`);
  const input = raw === undefined || raw === null ? {} : raw;
  if (!isPlainObject(input)) return fail('bad_request', `The request ${name} needs an object of arguments.`);
  const checked = (checkers[name] as Checker<K>)(input);
  if (typeof checked === 'string') return fail('bad_request', `Invalid request ${name}: ${checked}.`);
  return ok(checked);
}
