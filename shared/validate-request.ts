// Checks every argument that crosses into main (IPC) or the browser-mode bridge (HTTP) before the
// engine sees it. Pure and Node-free so both sides and the tests share it.
import { API_NAMES, METRIC_NAMES, fail, ok } from './api.js';
import type { ApiName, ApiRequest, ApiResult } from './api.js';
import { parseCompare, parseFilter, type CompareSpec, type MetricFilter } from './filter.js';
import { KYC_STEP_NAMES, STATUSES } from './metrics.js';
import type { EventSort, EventsRequest, TrendGrain } from './exploring.js';
import { VIEW_DATES, checkLastState, checkState, checkViewName, type ViewDates } from './views.js';
import { REJECT_REASONS, WARNING_REASONS, type RejectedRowsQuery } from './importing.js';

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

/** A required row id such as source_id or a watched folder's id. */
function requiredId(raw: Record<string, unknown>, key: string): string | number {
  const id = optionalInt(raw, key, 1, Number.MAX_SAFE_INTEGER);
  return id === undefined ? `${key} is required` : id;
}

/** A path the analyst typed (browser mode), trimmed; null when it cannot be one. */
function typedPath(p: unknown): string | null {
  return typeof p !== 'string' || p.trim() === '' || p.includes('\0') || p.length > 4096 ? null : p.trim();
}

const empty = () => ({}) as Record<string, never>;

const MAX_STATE = 10_000;

/** A view state that parses (shared/views.ts), in its canonical text. */
function viewState(raw: Record<string, unknown>, dates: ViewDates | 'last'): string | { state: string } {
  if (typeof raw.state !== 'string' || raw.state.length > MAX_STATE) return `state must be a view's text of at most ${MAX_STATE} characters`;
  const text = raw.state.replace(/^#\/?\??/, '');
  const state = dates === 'last' ? checkLastState(text) : checkState(text, dates);
  return typeof state === 'string' ? { state } : state.error;
}

/** The filter and comparison every data request may carry; absent parts stay absent. */
function filterAndCompare(raw: Record<string, unknown>, allowCompare = true): string | { filter?: MetricFilter; compare?: CompareSpec } {
  const filter = parseFilter(raw.filter);
  if (typeof filter === 'string') return filter;
  const out: { filter?: MetricFilter; compare?: CompareSpec } = {};
  if (raw.filter !== undefined) out.filter = filter;
  if (!allowCompare) return out;
  const compare = parseCompare(raw.compare, filter);
  if ('error' in compare) return compare.error;
  if (compare.compare !== undefined) out.compare = compare.compare;
  return out;
}

const GRAINS: readonly TrendGrain[] = ['day', 'week', 'month'];
const SORTS: readonly EventSort[] = ['time', '-time', 'amount', '-amount', 'merchant', '-merchant'];
const MAX_EVENTS_PAGE = 10_000;

const REASONS: readonly string[] = [...REJECT_REASONS, ...WARNING_REASONS];

/** Which rejected rows (getRejectedRows, and getCsv's rejected), with the page when paged. */
function rejectedRowsQuery(raw: Record<string, unknown>, paged: boolean): string | RejectedRowsQuery {
  const out: RejectedRowsQuery = {};
  for (const [key, min, max] of [
    ['import_id', 1, Number.MAX_SAFE_INTEGER],
    ['import_file_id', 1, Number.MAX_SAFE_INTEGER],
    ...(paged ? ([['offset', 0, Number.MAX_SAFE_INTEGER], ['limit', 1, 10_000]] as const) : []),
  ] as const) {
    const v = optionalInt(raw, key, min, max);
    if (typeof v === 'string') return v;
    if (v !== undefined) out[key] = v;
  }
  if (raw.kind !== undefined) {
    if (raw.kind !== 'rejected' && raw.kind !== 'warning' && raw.kind !== 'all') return 'kind must be rejected, warning or all';
    out.kind = raw.kind;
  }
  if (raw.reason !== undefined) {
    if (typeof raw.reason !== 'string' || !REASONS.includes(raw.reason)) return `reason must be one of ${REASONS.join(', ')}`;
    out.reason = raw.reason as RejectedRowsQuery['reason'];
  }
  if (raw.filter !== undefined) {
    if (out.import_id !== undefined) return 'give either import_id or filter, not both';
    const filter = parseFilter(raw.filter);
    if (typeof filter === 'string') return filter;
    out.filter = filter;
  }
  return out;
}

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
  getStatus: empty,
  waitForImport: empty,
  getMetrics: (raw) => filterAndCompare(raw),
  getDimensions: (raw) => filterAndCompare(raw, false),
  getTrend(raw) {
    const fc = filterAndCompare(raw);
    if (typeof fc === 'string') return fc;
    if (!GRAINS.includes(raw.grain as TrendGrain)) return `grain must be one of ${GRAINS.join(', ')}`;
    return { ...fc, grain: raw.grain as TrendGrain };
  },
  searchMerchants(raw) {
    if (typeof raw.query !== 'string' || raw.query.length > 200) return 'query must be a text of at most 200 characters';
    const limit = optionalInt(raw, 'limit', 1, 1000);
    if (typeof limit === 'string') return limit;
    return { query: raw.query, ...(limit === undefined ? {} : { limit }) };
  },
  getMerchant(raw) {
    const fc = filterAndCompare(raw, false);
    if (typeof fc === 'string') return fc;
    if (typeof raw.merchant_id !== 'string' || raw.merchant_id.trim() === '' || raw.merchant_id.length > 1000) return 'merchant_id must be a non-empty text';
    return { ...fc, merchant_id: raw.merchant_id.trim() };
  },
  getEvents(raw) {
    const fc = filterAndCompare(raw, false);
    if (typeof fc === 'string') return fc;
    const out: EventsRequest = { ...fc };
    if (raw.merchant !== undefined) {
      if (typeof raw.merchant !== 'string' || raw.merchant.trim() === '') return 'merchant must be a merchant id';
      out.merchant = raw.merchant.trim();
    }
    if (raw.status !== undefined) {
      const list = Array.isArray(raw.status) ? raw.status : [raw.status];
      const statuses: EventsRequest['status'] = [];
      for (const s of list) {
        const up = typeof s === 'string' ? s.trim().toUpperCase() : '';
        if (!(STATUSES as readonly string[]).includes(up)) return `status must be a list of ${STATUSES.join(', ')}`;
        statuses.push(up as (typeof STATUSES)[number]);
      }
      out.status = statuses;
    }
    if (raw.kyc_step !== undefined) {
      if (!(KYC_STEP_NAMES as readonly unknown[]).includes(raw.kyc_step)) return `kyc_step must be one of ${KYC_STEP_NAMES.join(', ')}`;
      out.kyc_step = raw.kyc_step as EventsRequest['kyc_step'];
    }
    if (raw.kyc_not_next !== undefined) {
      if (typeof raw.kyc_not_next !== 'boolean') return 'kyc_not_next must be true or false';
      if (raw.kyc_not_next && !out.kyc_step) return 'kyc_not_next needs kyc_step';
      out.kyc_not_next = raw.kyc_not_next;
    }
    if (raw.with_amount !== undefined) {
      if (typeof raw.with_amount !== 'boolean') return 'with_amount must be true or false';
      out.with_amount = raw.with_amount;
    }
    if (raw.sort !== undefined) {
      if (!SORTS.includes(raw.sort as EventSort)) return `sort must be one of ${SORTS.join(', ')}`;
      out.sort = raw.sort as EventSort;
    }
    const offset = optionalInt(raw, 'offset', 0, Number.MAX_SAFE_INTEGER);
    if (typeof offset === 'string') return offset;
    if (offset !== undefined) out.offset = offset;
    const limit = optionalInt(raw, 'limit', 1, MAX_EVENTS_PAGE);
    if (typeof limit === 'string') return limit;
    if (limit !== undefined) out.limit = limit;
    return out;
  },
  getHistory: empty,
  getRejectedRows: (raw) => rejectedRowsQuery(raw, true),
  forgetFile(raw) {
    const id = requiredId(raw, 'source_id');
    return typeof id === 'string' ? id : { source_id: id };
  },
  getCsv(raw) {
    const target = raw.target;
    if (target !== 'rejected_rows' && !(METRIC_NAMES as readonly unknown[]).includes(target)) {
      return `target must be one of ${[...METRIC_NAMES, 'rejected_rows'].join(', ')}`;
    }
    const importId = optionalInt(raw, 'import_id', 1, Number.MAX_SAFE_INTEGER);
    if (typeof importId === 'string') return importId;
    const fc = filterAndCompare(raw);
    if (typeof fc === 'string') return fc;
    const out: ApiRequest<'getCsv'> = { target: target as ApiRequest<'getCsv'>['target'], ...(importId === undefined ? {} : { import_id: importId }), ...fc };
    if (raw.rejected !== undefined) {
      if (!isPlainObject(raw.rejected)) return 'rejected must be an object';
      const scope = rejectedRowsQuery(raw.rejected, false);
      if (typeof scope === 'string') return scope;
      out.rejected = scope;
    }
    return out;
  },
  checkDatabase(raw) {
    if (raw.repair !== undefined && typeof raw.repair !== 'boolean') return 'repair must be true or false';
    return raw.repair === undefined ? {} : { repair: raw.repair };
  },
  saveFile(raw) {
    const { filename, content } = raw;
    if (typeof filename !== 'string' || !/^[\w.\- ]{1,200}$/.test(filename)) return 'filename must be a plain file name';
    if (typeof content !== 'string') return 'content must be text';
    if (content.length > MAX_SAVE_BYTES) return 'content is too large to save';
    return { filename, content };
  },
  exportAllCsv: (raw) => filterAndCompare(raw),
  exportReport(raw) {
    if (raw.page_size !== 'A4' && raw.page_size !== 'Letter') return 'page_size must be A4 or Letter';
    const fc = filterAndCompare(raw);
    if (typeof fc === 'string') return fc;
    return { page_size: raw.page_size, ...fc };
  },
  chooseFolders: empty,
  listViews: empty,
  saveView(raw) {
    const name = checkViewName(raw.name);
    if (typeof name !== 'string') return name.error;
    if (!(VIEW_DATES as readonly unknown[]).includes(raw.dates)) return 'dates must be relative or fixed';
    const dates = raw.dates as ViewDates;
    const state = viewState(raw, dates);
    if (typeof state === 'string') return state;
    const id = optionalInt(raw, 'id', 1, Number.MAX_SAFE_INTEGER);
    if (typeof id === 'string') return id;
    return { name, dates, ...state, ...(id === undefined ? {} : { id }) };
  },
  renameView(raw) {
    const id = requiredId(raw, 'id');
    if (typeof id === 'string') return id;
    const name = checkViewName(raw.name);
    return typeof name === 'string' ? { id, name } : name.error;
  },
  duplicateView(raw) {
    const id = requiredId(raw, 'id');
    if (typeof id === 'string') return id;
    if (raw.name === undefined) return { id };
    const name = checkViewName(raw.name);
    return typeof name === 'string' ? { id, name } : name.error;
  },
  deleteView(raw) {
    const id = requiredId(raw, 'id');
    return typeof id === 'string' ? id : { id };
  },
  moveView(raw) {
    const id = requiredId(raw, 'id');
    if (typeof id === 'string') return id;
    const position = optionalInt(raw, 'position', 0, 1_000_000);
    if (typeof position !== 'number') return position ?? 'position is required';
    return { id, position };
  },
  getLastView: empty,
  setLastView: (raw) => viewState(raw, 'last'),
  listWatchedFolders: empty,
  addWatchedFolder(raw) {
    const p = typedPath(raw.path);
    return p === null ? "path must be a folder's full path" : { path: p };
  },
  pauseWatchedFolder(raw) {
    const id = requiredId(raw, 'id');
    if (typeof id === 'string') return id;
    if (typeof raw.paused !== 'boolean') return 'paused must be true or false';
    return { id, paused: raw.paused };
  },
  removeWatchedFolder(raw) {
    const id = requiredId(raw, 'id');
    return typeof id === 'string' ? id : { id };
  },
  chooseWatchFolder: empty,
  startOver: empty,
  getXlsx: (raw) => filterAndCompare(raw),
  getDataQuality: (raw) => filterAndCompare(raw, false),
  getEventsXlsx(raw) {
    // The drill's own checks; the workbook takes every row, so paging does not apply.
    const { offset: _offset, limit: _limit, ...rest } = raw;
    return checkers.getEvents(rest);
  },
  saveBinaryFile(raw) {
    const { filename, base64 } = raw;
    if (typeof filename !== 'string' || !/^[\w.\- ]{1,200}$/.test(filename)) return 'filename must be a plain file name';
    if (typeof base64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return 'base64 must be base64 text';
    if (base64.length > MAX_SAVE_BYTES) return 'the file is too large to save';
    return { filename, base64 };
  },
  exportCleanEvents(raw) {
    if (raw.format !== 'csv' && raw.format !== 'parquet') return 'format must be csv or parquet';
    const f = filterAndCompare(raw, false);
    if (typeof f === 'string') return f;
    if (raw.out === undefined) return { format: raw.format, ...f };
    const out = typedPath(raw.out);
    return out === null ? "out must be a file's or folder's full path" : { format: raw.format, ...f, out };
  },
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
