// A page that mounts single renderer components with given state, for the component tests. The tests
// drive it through window.harness from Playwright; nothing here talks to an engine.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { Chart } from 'chart.js';
import '../../../renderer/src/styles/app.css';
import type { MetricName } from '../../../shared/api';
import type { MetricsResponse } from '../../../shared/metrics';
import type { HistoryResponse, ImportSummary as Summary } from '../../../shared/importing';
import type { Loadable } from '../../../renderer/src/store/loadable';
import { MetricPanel } from '../../../renderer/src/panels/MetricPanel';
import { ImportSummary } from '../../../renderer/src/components/ImportSummary';
import { ProgressView } from '../../../renderer/src/components/ProgressView';
import { History } from '../../../renderer/src/components/History';
import { Dashboard } from '../../../renderer/src/components/Dashboard';
import { useApp, type AppState } from '../../../renderer/src/store/app-store';
import { FilterBar } from '../../../renderer/src/filters/FilterBar';
import { CoverageLine } from '../../../renderer/src/components/CoverageLine';
import { serializeView, type ViewState } from '../../../shared/url-state';
import type { Coverage } from '../../../shared/metrics';
import type { DimensionsResponse } from '../../../shared/exploring';
import type { MetricFilter } from '../../../shared/filter';
import { DrillDrawer } from '../../../renderer/src/drill/DrillDrawer';
import { useDrill } from '../../../renderer/src/drill/drill-store';
import type { DrillSpec } from '../../../renderer/src/drill/drill-spec';
import { installFakeHost, type FakeCall, type FakeData } from './fake-host';
import { useState } from 'react';
import { MerchantProfile } from '../../../renderer/src/merchant/MerchantProfile';
import { MerchantSearch } from '../../../renderer/src/merchant/MerchantSearch';
import { ViewsControl } from '../../../renderer/src/views/ViewsControl';
import { RestoredNotice } from '../../../renderer/src/views/RestoredNotice';
import { useViews } from '../../../renderer/src/views/views-store';

/** An opener button and the search dialog it opens, as App does with Ctrl+K. */
function SearchHost() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="search-opener" onClick={() => setOpen(true)}>
        Find
      </button>
      {open && (
        <MerchantSearch
          onOpen={(id) => {
            calls.push(`open:${id}`);
            setOpen(false);
          }}
          onClose={() => {
            calls.push('close-search');
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

let mounts = 0;
const root = createRoot(document.getElementById('root')!);
const calls: string[] = [];
/** Requests the fake engine received (drill and profile tests). */
const apiCalls: FakeCall[] = [];

function show(node: React.ReactNode) {
  flushSync(() => root.render(node));
}

const harness = {
  calls,
  apiCalls,
  /** Answers engine requests from made-up data from now on. */
  fakeEngine(data: FakeData) {
    apiCalls.length = 0;
    installFakeHost(data, apiCalls);
  },
  /** A button that opens the drill (so focus has somewhere to return) beside the drawer. */
  drill(spec: DrillSpec) {
    useDrill.setState({ spec: null, opener: null });
    show(
      <>
        <button type="button" data-testid="opener" onClick={(e) => useDrill.getState().open(spec, e.currentTarget)}>
          Open
        </button>
        <DrillDrawer />
      </>,
    );
  },
  /** A merchant's profile under a view (the fake engine answers getMerchant and getEvents). */
  profile(merchant: string, explore: ViewState, dimensions: DimensionsResponse) {
    useApp.setState({
      explore,
      dimensions: { status: 'ready', data: dimensions },
      merchant,
      closeMerchant: () => void calls.push('close-merchant'),
      setExplore: async (v: ViewState) => {
        calls.push(`view:${serializeView(v)}`);
        useApp.setState({ explore: v });
      },
    });
    show(<MerchantProfile merchant={merchant} />);
  },
  search() {
    show(<SearchHost />);
  },
  /** What the last drill gesture opened (null when closed). */
  drillSpec() {
    return useDrill.getState().spec;
  },
  panel(name: MetricName, state: Loadable<MetricsResponse>, selected: string[] = [], drillFilter?: MetricFilter) {
    show(
      <MetricPanel
        drillFilter={drillFilter}
        name={name}
        state={state}
        onExport={() => calls.push(`export:${name}`)}
        onRetry={() => calls.push(`retry:${name}`)}
        onPick={(dim, key, mods) => calls.push(`pick:${dim}:${key}${mods.add ? ':add' : ''}${mods.exclude ? ':exclude' : ''}`)}
        selected={selected}
      />,
    );
  },
  /** The filter bar over a given view and facets; each change is recorded as its URL hash and shown. */
  filterBar(explore: ViewState, dimensions: DimensionsResponse, urlError: string | null = null) {
    useApp.setState({
      explore,
      dimensions: { status: 'ready', data: dimensions },
      urlError,
      setExplore: async (v: ViewState) => {
        calls.push(`view:${serializeView(v)}`);
        useApp.setState({ explore: v });
      },
    });
    show(<FilterBar />);
  },
  /** The saved-views control and the restored notice over a view; the fake engine keeps `data.views`. */
  views(explore: ViewState, dimensions: DimensionsResponse, data: FakeData, restored = false) {
    harness.fakeEngine(data);
    calls.length = 0;
    useViews.setState({ views: [], loaded: false, opened: null, restored });
    useApp.setState({
      explore,
      dimensions: { status: 'ready', data: dimensions },
      toasts: [],
      setExplore: async (v: ViewState) => {
        calls.push(`view:${serializeView(v)}`);
        useApp.setState({ explore: v });
      },
    });
    // A fresh mount each time, so the control loads its list again.
    show(
      <div key={++mounts}>
        <ViewsControl />
        <RestoredNotice />
      </div>,
    );
  },
  /** The view on screen changes (as the filter bar would change it). */
  setExplore(explore: ViewState) {
    flushSync(() => useApp.setState({ explore }));
  },
  toasts() {
    return useApp.getState().toasts.map((t) => `${t.kind}: ${t.text}`);
  },
  coverage(coverage: Coverage, range?: { from: string; to: string }) {
    show(<CoverageLine coverage={coverage} range={range} onRejected={() => calls.push('rejected')} />);
  },
  summary(summary: Summary, note: string | null) {
    show(<ImportSummary summary={summary} note={note} />);
  },
  withStore(state: Partial<AppState>, view: 'progress' | 'history' | 'dashboard') {
    useApp.setState(state);
    show(view === 'progress' ? <ProgressView /> : view === 'history' ? <History /> : <Dashboard />);
  },
  /** Replaces store actions that would call an engine with recorders. */
  stubActions() {
    useApp.setState({
      forgetFile: async (id: number, label: string) => void calls.push(`forget:${id}:${label}`),
      showRejected: (scope?: { import_id?: number }) => void calls.push(`rejected:${scope?.import_id ?? 'latest'}`),
      closeSummary: () => void calls.push('close-summary'),
      cancelImport: async () => void calls.push('cancel'),
    });
  },
  history(history: HistoryResponse) {
    harness.withStore({ history: { status: 'ready', data: history }, phase: 'idle' }, 'history');
  },
  /** Where on the page the i-th bar or point of the n-th chart's first dataset is drawn (charts build in a task of their own). */
  async barPoint(n: number, i: number) {
    await new Promise((r) => setTimeout(r, 50));
    const canvas = document.querySelectorAll('canvas')[n];
    const el = Chart.getChart(canvas)!.getDatasetMeta(0).data[i];
    const box = canvas.getBoundingClientRect();
    const p = el.getCenterPoint();
    return { x: box.left + p.x, y: box.top + p.y };
  },
  /**
   * Shows a panel's next answer; resolves once its chart has drawn it and three frames have passed
   * (chart.js's resize observer draws in a frame after the layout): the chart's width and its box's
   * when the answer was drawn, its datasets, and how often it drew meanwhile.
   */
  async redraw(name: MetricName, state: Loadable<MetricsResponse>) {
    const chart = Chart.getChart(document.querySelector<HTMLCanvasElement>(`[data-testid="panel-${name}"] canvas`)!)!;
    let draws = 0;
    const draw = chart.draw.bind(chart);
    chart.draw = () => {
      draws++;
      draw();
    };
    const drawn = new Promise<{ box: number; chart: number; datasets: number }>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-drawing]')) return;
        observer.disconnect();
        resolve({ box: chart.canvas.parentElement!.clientWidth, chart: chart.width, datasets: chart.data.datasets.length });
      });
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-drawing'] });
    });
    harness.panel(name, state);
    const at = await drawn;
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    return { ...at, draws };
  },
  /** Labels and values of every chart on the page, in DOM order (charts build in a task of their own). */
  async charts() {
    await new Promise((r) => setTimeout(r, 50));
    return Array.from(document.querySelectorAll('canvas')).map((c) => {
      const chart = Chart.getChart(c);
      return { labels: (chart?.data.labels ?? []) as string[], values: (chart?.data.datasets[0]?.data ?? []) as number[], horizontal: chart?.options.indexAxis === 'y' };
    });
  },
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
document.body.dataset.harnessReady = 'true';
