// The filter bar, the coverage line and the five panels; the empty state when nothing is imported yet.
import { METRIC_ORDER } from '../../../shared/metric-definitions';
import { FilterBar } from '../filters/FilterBar';
import { MetricPanel } from '../panels/MetricPanel';
import type { PickHandler } from '../panels/MetricVisual';
import { TrendPanel } from '../panels/TrendPanel';
import { useApp } from '../store/app-store';
import { clickMonth, clickValue } from '../view/filter-edit';
import { monthEnd } from '../view/month-end';
import { CoverageLine } from './CoverageLine';
import { EmptyState } from './EmptyState';
import { WatchedFolders } from './WatchedFolders';
import { ImportSummary } from './ImportSummary';


export function Dashboard() {
  const metrics = useApp((s) => s.metrics);
  const summary = useApp((s) => s.summary);
  const note = useApp((s) => s.summaryNote);
  const phase = useApp((s) => s.phase);
  const exportCsv = useApp((s) => s.exportCsv);
  const retry = useApp((s) => s.loadMetrics);
  const showRejected = useApp((s) => s.showRejected);
  const view = useApp((s) => s.explore);
  const setExplore = useApp((s) => s.setExplore);
  const data = 'data' in metrics ? metrics.data : undefined;
  const filtered = Object.keys(view.filter).length > 0;
  // "Nothing imported" only when the whole database is empty, not when a filter selects nothing.
  const empty = !filtered && data !== undefined && data.coverage.files === 0 && data.coverage.events === 0;
  const f = view.filter;
  // The summaries are written back when an import ends: until then the panels show the numbers from before it.
  const updating = phase === 'importing' || phase === 'cancelling' || phase === 'elsewhere';

  const onPick: PickHandler = (dim, key, mods) => {
    if (dim === 'month') void setExplore({ ...view, filter: clickMonth(f, key, mods, monthEnd), preset: undefined });
    else void setExplore({ ...view, filter: clickValue(f, dim, key, mods) });
  };
  const monthSelected = f.from && f.to && f.from.endsWith('-01') && f.to === monthEnd(f.from.slice(0, 7)) ? [f.from.slice(0, 7)] : [];
  const selectedFor = (name: string) => (name === 'monthly_active_merchants' ? monthSelected : [...(f.product ?? [])]);

  return (
    <div className="dashboard" data-testid="dashboard" data-pending={metrics.status === 'loading' ? 'true' : 'false'}>
      {summary && <ImportSummary summary={summary} note={note} />}
      {empty && phase === 'idle' && !summary ? (
        <>
          <EmptyState />
          <WatchedFolders />
        </>
      ) : (
        <>
          <FilterBar />
          {data && !empty && <CoverageLine coverage={data.coverage} range={data.filter} onRejected={() => showRejected({ filter: f, kind: 'rejected' })} />}
          {!empty && updating && (
            <p className="updating-note" role="status" data-testid="panels-updating">
              Updating: the numbers are as of before this import and refresh when it finishes.
            </p>
          )}
          {!empty && (
            <div className="panels" aria-busy={updating}>
              {METRIC_ORDER.map((name) => (
                <MetricPanel
                  key={name}
                  name={name}
                  state={metrics}
                  onExport={() => void exportCsv(name)}
                  png
                  onRetry={() => void retry()}
                  onPick={name === 'product_adoption' || name === 'failure_rates' || name === 'monthly_active_merchants' ? onPick : undefined}
                  selected={selectedFor(name)}
                  drillFilter={f}
                />
              ))}
              <TrendPanel />
            </div>
          )}
        </>
      )}
    </div>
  );
}
