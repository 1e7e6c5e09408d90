// The window's state: data from the engine (metrics, history), the import in flight and what the
// analyst is looking at. Actions call the engine through invoke() and never block the main thread.
import { create } from 'zustand';
import { AppError, type CsvExportTarget } from '../../../shared/api';
import type { MetricsResponse } from '../../../shared/metrics';
import type { DimensionsResponse, TrendGrain, TrendResponse } from '../../../shared/exploring';
import type { CompareSpec, MetricFilter } from '../../../shared/filter';
import type { HistoryResponse, ImportProgress, ImportSummary, RejectedRowsScope } from '../../../shared/importing';
import type { EngineStatus, RunningImport } from '../../../shared/status';
import { host, type UploadProgress } from '../api/host';
import { errorMessage, invoke } from '../api/invoke';
import { loadInto, reloading, type Loadable } from './loadable';
import { resolvePreset } from '../../../shared/presets';
import type { ViewState } from '../../../shared/url-state';
import { trendGrain } from '../../../shared/trend-grain';

export type View = 'dashboard' | 'history' | 'rejected';

export interface Toast {
  id: number;
  kind: 'info' | 'error' | 'success';
  text: string;
}

/** 'elsewhere': another process (the CLI, another app) imports into this database. */
export type ImportPhase = 'idle' | 'uploading' | 'importing' | 'cancelling' | 'elsewhere';

export interface AppState {
  view: View;
  metrics: Loadable<MetricsResponse>;
  history: Loadable<HistoryResponse>;
  phase: ImportPhase;
  upload: UploadProgress | null;
  progress: ImportProgress | null;
  /** The last import's summary, until the analyst closes it. */
  summary: ImportSummary | null;
  /** Notes about the last drop that the engine never saw (browser mode skips non-CSV files). */
  summaryNote: string | null;
  /**
   * Which rows the Rejected rows view shows: an import's (the latest when none is named), or, with a
   * filter, those counted in the numbers on screen (the view follows the dashboard's current filter).
   */
  rejectedScope: RejectedRowsScope;
  toasts: Toast[];
  /** What the dashboard shows: filter, comparison and the date preset that named the dates. */
  explore: ViewState;
  /** Facet counts and the first and last date with data, for the filter bar. */
  dimensions: Loadable<DimensionsResponse>;
  /** The trend panel's buckets for the view, at the grain its range reads best in. */
  trend: Loadable<TrendResponse>;
  /** A link that was only partly understood says so once. */
  urlError: string | null;
  /** Writes a view into browser history; set by view/url-sync (a no-op in the component harness). */
  onViewChange: (view: ViewState) => void;
  /** The merchant whose profile is open (#/merchant/<id>), over whatever view tab is current; null when none. */
  merchant: string | null;
  /** The database was found damaged (the engine's message, with the way out); null once it is not. */
  damaged: string | null;
  /** What the engine said when the window opened (writable, a running import); null until then. */
  status: EngineStatus | null;
  /** The engine could not be asked at all (browser mode without its access key): one page-level message. */
  statusError: string | null;

  /** Opens a merchant's profile under the current filter; a new history entry unless it came from history. */
  openMerchant(id: string, from?: 'user' | 'history'): void;
  /** Back to the view the profile was opened over. */
  closeMerchant(): void;

  /** Shows another view: a new history entry unless it came from history (back, forward, a link). */
  setExplore(view: ViewState, from?: 'user' | 'history'): Promise<void>;
  loadDimensions(): Promise<void>;
  loadTrend(): Promise<void>;
  setView(view: View): void;
  loadMetrics(): Promise<void>;
  loadHistory(): Promise<void>;
  refresh(): Promise<void>;
  /** Asks the engine whether it can write and whether an import is running, and follows that import. */
  loadStatus(): Promise<void>;
  /** Shows an import this window did not start (progress, Cancel) and refreshes when it ends. */
  followImport(running: RunningImport): Promise<void>;
  importPaths(paths: string[], note?: string | null): Promise<void>;
  importDrop(dt: DataTransfer): void;
  chooseAndImport(): Promise<void>;
  cancelImport(): Promise<void>;
  /** Stops a browser-mode upload; nothing is imported. */
  cancelUpload(): void;
  forgetFile(sourceId: number, label: string): Promise<void>;
  exportCsv(target: CsvExportTarget, rejected?: RejectedRowsScope): Promise<void>;
  exportAllCsv(): Promise<void>;
  exportXlsx(): Promise<void>;
  exportReport(pageSize: 'A4' | 'Letter'): Promise<void>;
  showRejected(scope?: RejectedRowsScope): void;
  closeSummary(): void;
  toast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
}

let toastSeq = 0;
let metricsSeq = 0;
let dimensionsSeq = 0;
let trendSeq = 0;
/** The grain the latest trend request asked for: the facet counts' dates can change it. */
let trendAsked: TrendGrain | null = null;

/** The last date with data, once the facet counts have said it. */
export function lastDate(d: Loadable<DimensionsResponse>): string | null {
  return 'data' in d && d.data ? d.data.last_date : null;
}

/** A preset's dates follow the data; a comparison needs dates (the engine refuses it otherwise). */
export function normaliseView(view: ViewState, last: string | null): ViewState {
  let filter = view.filter;
  if (view.preset && view.preset !== 'custom') {
    const r = resolvePreset(view.preset, last);
    if (r) filter = { ...filter, from: r.from, to: r.to };
    else if (view.preset === 'all') {
      const { from: _f, to: _t, ...rest } = filter;
      filter = rest;
    }
  }
  const out: ViewState = { filter };
  if (view.preset) out.preset = view.preset;
  if (view.compare && filter.from && filter.to) out.compare = view.compare;
  return out;
}

/** The request every view-following call sends: only what is set. */
export function viewRequest(view: ViewState): { filter?: MetricFilter; compare?: CompareSpec } {
  const r: { filter?: MetricFilter; compare?: CompareSpec } = {};
  if (Object.keys(view.filter).length) r.filter = view.filter;
  if (view.compare) r.compare = view.compare;
  return r;
}

/** A cancelled upload is the analyst's choice, not an error. */
function uploadFailed(get: () => AppState, err: unknown): void {
  const cancelled = (err as { code?: unknown }).code === 'cancelled';
  get().toast(cancelled ? 'info' : 'error', errorMessage(err));
}

/** A read-only database (open for writing elsewhere) says why instead of importing. */
function readOnlyRefusal(get: () => AppState): boolean {
  const reason = get().status?.read_only_reason;
  if (reason) get().toast('error', reason);
  return Boolean(reason);
}

/**
 * Shows an import's progress until `ended` settles (the window's own importPaths, or waitForImport for
 * one it did not start), then how it ended and the numbers after it.
 */
async function watchImport(get: () => AppState, set: (s: Partial<AppState>) => void, ended: () => Promise<ImportSummary | null>, onSummary: Partial<AppState>): Promise<void> {
  // Progress of a cancelled import can still trickle in; the phase (Cancelling…) stays as it is.
  const unsubscribe = host().api.onImportProgress((p) => set({ progress: p }));
  try {
    const summary = await ended();
    if (summary) {
      set({ summary, rejectedScope: { import_id: summary.import_id }, ...onSummary });
      if (summary.status === 'cancelled') get().toast('info', 'Import cancelled. Files finished before the cancel are kept; run the import again to finish the rest.');
    }
  } catch (err) {
    get().toast('error', errorMessage(err));
  } finally {
    unsubscribe();
    set({ phase: 'idle', progress: null });
    await get().refresh();
  }
}

/** Runs `f` once the window has nothing else to do (drawing the answers), within a second at most. */
export const whenIdle = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 0));

let facetsAsked = 0;
/** Asks the facet counts once the view's answers are in and the window is idle (within a second at most). */
async function loadFacetsWhenDrawn(get: () => AppState): Promise<void> {
  const ticket = ++facetsAsked;
  // Pending from now on, as when they were asked at once: the bar's counts are the previous view's.
  useApp.setState({ dimensions: reloading(get().dimensions) });
  await new Promise<void>((resolve) => {
    const idle = () => whenIdle(() => resolve());
    const answered = (s: AppState) => s.metrics.status !== 'loading' && s.trend.status !== 'loading';
    // Checked after this task, when the metrics and trend requests are on their way.
    queueMicrotask(() => {
      if (answered(get())) return idle();
      const stop = useApp.subscribe((s) => {
        if (!answered(s)) return;
        stop();
        idle();
      });
    });
  });
  // A later change asks for its own counts.
  if (ticket === facetsAsked) await get().loadDimensions();
}

export const useApp = create<AppState>()((set, get) => ({
  view: 'dashboard',
  metrics: { status: 'idle' },
  history: { status: 'idle' },
  phase: 'idle',
  upload: null,
  progress: null,
  summary: null,
  summaryNote: null,
  rejectedScope: {},
  toasts: [],
  explore: { filter: {} },
  dimensions: { status: 'idle' },
  trend: { status: 'idle' },
  urlError: null,
  onViewChange: () => {},
  merchant: null,
  damaged: null,
  status: null,
  statusError: null,

  openMerchant(id, from = 'user') {
    set({ merchant: id });
    if (from === 'user') get().onViewChange(get().explore);
  },

  closeMerchant() {
    set({ merchant: null });
    get().onViewChange(get().explore);
  },

  async setExplore(next, from = 'user') {
    const view = normaliseView(next, lastDate(get().dimensions));
    set({ explore: view });
    if (from === 'user') get().onViewChange(view);
    // Metrics and trend asked in this one task, in the order they paint (the engine answers one after
    // another): the trend waited for the render of the pending state when its panel asked for it itself.
    // The filter bar's counts come after the panels have drawn: computed meanwhile, they took the CPU
    // the drawing needed.
    const facets = loadFacetsWhenDrawn(get);
    await Promise.all([get().loadMetrics(), get().loadTrend(), facets]);
  },

  async loadDimensions() {
    const seq = ++dimensionsSeq;
    const prev = get().dimensions;
    set({ dimensions: reloading(prev) });
    try {
      const f = get().explore.filter;
      const data = await invoke('getDimensions', Object.keys(f).length ? { filter: f } : {});
      if (seq !== dimensionsSeq) return;
      set({ dimensions: { status: 'ready', data } });
      // A preset's dates follow the data: a view named by a preset alone (a link, a saved relative view)
      // gets its dates once the last date is known, and moves forward when an import brings later days.
      const view = get().explore;
      const range = view.preset ? resolvePreset(view.preset, data.last_date) : null;
      if (range && (range.from !== view.filter.from || range.to !== view.filter.to)) void get().setExplore(view, 'history');
      // An open range's trend reads the data's dates, known only now the first time.
      else if (trendGrain(view.filter, data) !== trendAsked) void get().loadTrend();
    } catch (err) {
      if (seq !== dimensionsSeq) return;
      set({ dimensions: { status: 'error', error: errorMessage(err), data: 'data' in prev ? prev.data : undefined } });
    }
  },

  async loadTrend() {
    // Only the latest request's buckets are shown (answers can overtake each other).
    const seq = ++trendSeq;
    const view = get().explore;
    const d = get().dimensions;
    const grain = (trendAsked = trendGrain(view.filter, 'data' in d ? d.data : undefined));
    await loadInto(get().trend, () => invoke('getTrend', { grain, ...viewRequest(view) }), (trend) => seq === trendSeq && set({ trend }), errorMessage);
  },

  setView(view) {
    set({ view });
  },

  async loadMetrics() {
    // Answers can overtake each other when filters change quickly: only the latest request's counts.
    const seq = ++metricsSeq;
    const prev = get().metrics;
    set({ metrics: reloading(prev) });
    try {
      const data = await invoke('getMetrics', viewRequest(get().explore));
      if (seq !== metricsSeq) return;
      set({ metrics: { status: 'ready', data } });
    } catch (err) {
      if (seq !== metricsSeq) return;
      if (err instanceof AppError && err.code === 'db_damaged') set({ damaged: err.message });
      set({ metrics: { status: 'error', error: errorMessage(err), data: 'data' in prev ? prev.data : undefined } });
    }
  },

  async loadHistory() {
    await loadInto(get().history, () => invoke('getHistory', {}), (history) => set({ history }), errorMessage);
  },

  async refresh() {
    await Promise.all([get().loadMetrics(), get().loadTrend(), get().loadHistory(), get().loadDimensions()]);
  },

  async loadStatus() {
    try {
      const status = await invoke('getStatus', {});
      set({ status });
      if (status.import && get().phase === 'idle') await get().followImport(status.import);
    } catch (err) {
      // A damaged database answers every call so; the window offers to start over instead (StartOver).
      if (err instanceof AppError && err.code === 'db_damaged') set({ damaged: err.message });
      else set({ statusError: errorMessage(err) });
    }
  },

  async followImport(running) {
    set({ phase: running.elsewhere ? 'elsewhere' : 'importing', progress: running.progress, summary: null, summaryNote: null });
    await watchImport(get, set, async () => (await invoke('waitForImport', {})).summary, {});
  },

  async importPaths(paths, note = null) {
    if (paths.length === 0) return;
    set({ phase: 'importing', progress: null, summary: null, summaryNote: note });
    await watchImport(get, set, () => invoke('importPaths', { paths }), { view: 'dashboard' });
  },

  importDrop(dt) {
    if (readOnlyRefusal(get)) return;
    if (get().phase !== 'idle') {
      get().toast('info', 'An import is already running. Wait for it to finish, or cancel it, before adding more files.');
      return;
    }
    const h = host();
    set({ phase: 'uploading', summary: null, summaryNote: null });
    const stop = h.onUploadProgress((upload) => set({ upload }));
    h.resolveDrop(dt)
      .then(async (r) => {
        stop();
        set({ phase: 'idle', upload: null });
        if (r.noCsv || r.paths.length === 0) {
          get().toast('error', r.noCsv
            ? 'There is no CSV file in what you dropped. Drop folders or files named like activities_20240101.csv.'
            : 'Nothing in that drop could be read. Drop folders or CSV files from your computer.');
          return;
        }
        const note = r.skipped > 0 ? `${r.skipped} file${r.skipped === 1 ? '' : 's'} not ending in .csv ${r.skipped === 1 ? 'was' : 'were'} left out.` : null;
        await get().importPaths(r.paths, note);
      })
      .catch((err) => {
        stop();
        set({ phase: 'idle', upload: null });
        uploadFailed(get, err);
      });
  },

  async chooseAndImport() {
    if (get().phase !== 'idle' || readOnlyRefusal(get)) return;
    const h = host();
    // Browser mode uploads while "choosing"; show that as upload progress.
    const stop = h.onUploadProgress((upload) => set({ upload, phase: upload ? 'uploading' : get().phase }));
    try {
      const { paths } = await invoke('chooseFolders', {});
      stop();
      set({ phase: 'idle', upload: null });
      if (paths.length > 0) await get().importPaths(paths);
    } catch (err) {
      stop();
      set({ phase: 'idle', upload: null });
      uploadFailed(get, err);
    }
  },

  cancelUpload() {
    if (get().phase === 'uploading') host().cancelUpload?.();
  },

  async cancelImport() {
    if (get().phase !== 'importing') return;
    set({ phase: 'cancelling' });
    try {
      await invoke('cancelImport', {});
    } catch (err) {
      get().toast('error', errorMessage(err));
    }
  },

  async forgetFile(sourceId, label) {
    try {
      const r = await invoke('forgetFile', { source_id: sourceId });
      let text = `Forgot ${label}: ${r.events_removed.toLocaleString('en-US')} events removed. The metrics are updated.`;
      if (r.files_to_reimport.length > 0) {
        text += ` ${r.files_to_reimport.length} other file${r.files_to_reimport.length === 1 ? '' : 's'} had rows counted as duplicates of it; import ${r.files_to_reimport.length === 1 ? 'it' : 'them'} again to restore those rows.`;
      }
      get().toast('success', text);
    } catch (err) {
      get().toast('error', errorMessage(err));
    }
    await get().refresh();
  },

  async exportCsv(target, rejected) {
    try {
      const file = await invoke('getCsv', target === 'rejected_rows' ? { target, rejected: rejected ?? get().rejectedScope } : { target, ...viewRequest(get().explore) });
      const { path } = await invoke('saveFile', file);
      if (path) get().toast('success', `Saved ${path}.`);
    } catch (err) {
      get().toast('error', errorMessage(err));
    }
  },

  async exportAllCsv() {
    try {
      const r = await invoke('exportAllCsv', viewRequest(get().explore));
      if (r.folder) get().toast('success', `Saved ${r.files.length} CSV files to ${r.folder}.`);
    } catch (err) {
      get().toast('error', errorMessage(err));
    }
  },

  async exportXlsx() {
    try {
      const file = await invoke('getXlsx', viewRequest(get().explore));
      const { path } = await invoke('saveBinaryFile', file);
      if (path) get().toast('success', `Saved ${path}.`);
    } catch (err) {
      get().toast('error', errorMessage(err));
    }
  },

  async exportReport(pageSize) {
    try {
      const r = await invoke('exportReport', { page_size: pageSize, ...viewRequest(get().explore) });
      if (r.path) get().toast('success', host().mode === 'browser' ? `The report opened in ${r.path}.` : `Saved the report to ${r.path}.`);
    } catch (err) {
      get().toast('error', errorMessage(err));
    }
  },

  showRejected(scope) {
    set({ view: 'rejected', rejectedScope: scope ?? get().rejectedScope });
  },

  closeSummary() {
    set({ summary: null, summaryNote: null });
  },

  toast(kind, text) {
    const id = ++toastSeq;
    set({ toasts: [...get().toasts, { id, kind, text }] });
    if (kind !== 'error') setTimeout(() => get().dismissToast(id), 8000);
  },

  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
