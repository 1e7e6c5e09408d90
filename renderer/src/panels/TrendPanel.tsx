// Successful volume and active merchants over time, the grain following the range (days up to about two
// months, weeks up to about a year, months beyond), the comparison period overlaid by position. It asks
// getTrend itself, dropping answers that a newer view has overtaken.
import { useEffect, useRef, useState } from 'react';
import type { TrendGrain, TrendResponse } from '../../../shared/exploring';
import { dayNumber } from '../../../shared/filter';
import { formatCount, formatDate, formatMonth, formatNaira } from '../../../shared/format';
import { MetricChart } from '../charts/MetricChart';
import { errorMessage, invoke } from '../api/invoke';
import { useApp } from '../store/app-store';
import { ChartPngButton } from '../charts/ChartPngButton';

export function grainFor(from: string | null | undefined, to: string | null | undefined): TrendGrain {
  const a = from ? dayNumber(from) : null;
  const b = to ? dayNumber(to) : null;
  if (a === null || b === null) return 'month';
  const days = b - a + 1;
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

const shortNaira = (v: number) => (Math.abs(v) >= 1e6 ? `₦${(v / 1e6).toFixed(1)}M` : Math.abs(v) >= 1e3 ? `₦${(v / 1e3).toFixed(0)}K` : `₦${v}`);

export function TrendPanel() {
  const view = useApp((s) => s.explore);
  const dims = useApp((s) => s.dimensions);
  const dataVersion = useApp((s) => s.dataVersion);
  const [state, setState] = useState<{ data?: TrendResponse; error?: string; pending: boolean }>({ pending: true });
  const seq = useRef(0);
  const chartsRef = useRef<HTMLDivElement>(null);
  const all = 'data' in dims && dims.data ? dims.data : undefined;
  const grain = grainFor(view.filter.from ?? all?.first_date, view.filter.to ?? all?.last_date);

  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, pending: true }));
    const filter = view.filter;
    invoke('getTrend', { grain, ...(Object.keys(filter).length ? { filter } : {}), ...(view.compare ? { compare: view.compare } : {}) }).then(
      (data) => mine === seq.current && setState({ data, pending: false }),
      (err) => mine === seq.current && setState((s) => ({ ...s, error: errorMessage(err), pending: false })),
    );
  }, [view, grain, dataVersion]);

  const b = state.data?.buckets ?? [];
  const prev = state.data?.compare?.buckets;
  const labels = b.map((x) => (grain === 'month' ? formatMonth(x.bucket) : grain === 'week' ? `wk ${formatDate(x.bucket)}` : formatDate(x.bucket)));
  return (
    <section
      className={`panel panel-trend${state.pending && state.data ? ' panel-pending' : ''}`}
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
