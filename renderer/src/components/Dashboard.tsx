// The five panels under the coverage line; the empty state when nothing is imported yet.
import { METRIC_ORDER } from '../../../shared/metric-definitions';
import { MetricPanel } from '../panels/MetricPanel';
import { useApp } from '../store/app-store';
import { CoverageLine } from './CoverageLine';
import { EmptyState } from './EmptyState';
import { ImportSummary } from './ImportSummary';

export function Dashboard() {
  const metrics = useApp((s) => s.metrics);
  const summary = useApp((s) => s.summary);
  const note = useApp((s) => s.summaryNote);
  const phase = useApp((s) => s.phase);
  const exportCsv = useApp((s) => s.exportCsv);
  const retry = useApp((s) => s.loadMetrics);
  const showRejected = useApp((s) => s.showRejected);
  const data = 'data' in metrics ? metrics.data : undefined;
  const empty = data !== undefined && data.coverage.files === 0 && data.coverage.events === 0;

  return (
    <div className="dashboard" data-testid="dashboard">
      {summary && <ImportSummary summary={summary} note={note} />}
      {empty && phase === 'idle' && !summary ? (
        <EmptyState />
      ) : (
        <>
          {data && !empty && <CoverageLine coverage={data.coverage} onRejected={() => showRejected()} />}
          {!empty && (
            <div className="panels">
              {METRIC_ORDER.map((name) => (
                <MetricPanel key={name} name={name} state={metrics} onExport={() => void exportCsv(name)} onRetry={() => void retry()} />
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
