// Successful volume and active merchants over time, the grain following the range (days up to about two
// months, weeks up to about a year, months beyond: shared/trend-grain.ts), the comparison period overlaid
// by position. The store asks getTrend with the view's other answers (app-store's loadTrend).
import { useRef } from 'react';
import { formatCount, formatDate, formatMonth, formatNaira } from '../../../shared/format';
import { MetricChart } from '../charts/MetricChart';
import { useApp } from '../store/app-store';
import { ChartPngButton } from '../charts/ChartPngButton';
import { useDimmed } from './use-dimmed';

const shortNaira = (v: number) => (Math.abs(v) >= 1e6 ? `₦${(v / 1e6).toFixed(1)}M` : Math.abs(v) >= 1e3 ? `₦${(v / 1e3).toFixed(0)}K` : `₦${v}`);

export function TrendPanel() {
  const trend = useApp((s) => s.trend);
  const chartsRef = useRef<HTMLDivElement>(null);
  const data = 'data' in trend ? trend.data : undefined;
  const state = { data, error: trend.status === 'error' ? trend.error : undefined, pending: trend.status === 'loading' || trend.status === 'idle' };
  // The answer's own grain: labels and data-grain describe the buckets on screen.
  const grain = data?.grain ?? 'month';
  const dimmed = useDimmed(state.pending && data !== undefined);
  const b = state.data?.buckets ?? [];
  const prev = state.data?.compare?.buckets;
  const labels = b.map((x) => (grain === 'month' ? formatMonth(x.bucket) : grain === 'week' ? `wk ${formatDate(x.bucket)}` : formatDate(x.bucket)));
  return (
    <section
      className={`panel panel-trend${dimmed ? ' panel-pending' : ''}`}
      aria-labelledby="panel-trend-title"
      aria-busy={state.pending || undefined}
      data-testid="panel-trend"
      data-state={state.data ? 'data' : state.error ? 'error' : 'loading'}
      data-grain={grain}
      data-buckets={b.length}
    >
      <header className="panel-header">
        <div>
          <h2 id="panel-trend-title">Trend</h2>
          <p className="panel-summary">Successful volume and active merchants per {grain}{prev ? ', with the comparison period' : ''}.</p>
        </div>
        {state.data && b.length > 0 && (
          <div className="panel-actions">
            <ChartPngButton canvas={() => chartsRef.current?.querySelectorAll('canvas')[0]} what="Successful volume trend" stem={`volume_trend ${grain} chart`} testId="png-trend-volume" label="Save volume PNG" />
            <ChartPngButton canvas={() => chartsRef.current?.querySelectorAll('canvas')[1]} what="Active merchants trend" stem={`active_merchants_trend ${grain} chart`} testId="png-trend-active" label="Save merchants PNG" />
          </div>
        )}
      </header>
      {state.error && !state.data && <p className="panel-state panel-error" role="alert">{state.error}</p>}
      {state.data && (
        <div className="panel-body trend-body" ref={chartsRef}>
          <MetricChart type="line" labels={labels} values={b.map((x) => x.volume)} previous={prev?.map((x) => x.volume)} format={formatNaira} tickFormat={shortNaira} ariaLabel={`Line chart of successful volume per ${grain}`} />
          <MetricChart type="line" labels={labels} values={b.map((x) => x.active_merchants)} previous={prev?.map((x) => x.active_merchants)} format={formatCount} ariaLabel={`Line chart of active merchants per ${grain}`} />
        </div>
      )}
    </section>
  );
}
