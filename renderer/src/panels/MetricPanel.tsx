// One dashboard panel: title, definition, Export CSV, Save PNG (of its chart), and the metric's chart
// and table, with its loading, error and empty states.
import { useRef } from 'react';
import type { MetricName } from '../../../shared/api';
import type { MetricsResponse } from '../../../shared/metrics';
import { METRIC_DEFINITIONS } from '../../../shared/metric-definitions';
import type { Loadable } from '../store/loadable';
import { DataTable } from './DataTable';
import { InfoButton } from './InfoButton';
import { HAS_CHART, MetricVisual, type PickHandler } from './MetricVisual';
import { EMPTY_TEXT, hasData, tableFor } from './tables';
import type { MetricFilter } from '../../../shared/filter';
import { rowDrill } from '../drill/panel-drills';
import { ChartPngButton } from '../charts/ChartPngButton';
import { useDimmed } from './use-dimmed';

export interface MetricPanelProps {
  name: MetricName;
  state: Loadable<MetricsResponse>;
  onExport?: () => void;
  /** Offer the panel's chart as a PNG (metrics drawn with a chart only). */
  png?: boolean;
  onRetry?: () => void;
  /** Click-to-filter on this panel's values (products, months). */
  onPick?: PickHandler;
  /** This panel's values that are part of the filter, highlighted. */
  selected?: string[];
  /** The filter the numbers are under; when given, rows, headline and funnel steps drill to their events. */
  drillFilter?: MetricFilter;
}

export function MetricPanel({ name, state, onExport, png = false, onRetry, onPick, selected, drillFilter }: MetricPanelProps) {
  const def = METRIC_DEFINITIONS[name];
  const visualRef = useRef<HTMLDivElement>(null);
  const metrics = 'data' in state && state.data ? state.data.metrics : undefined;
  const previous = 'data' in state && state.data ? state.data.compare?.metrics : undefined;
  // While a new answer is on its way the old numbers stay, dimmed, and the panel stays usable.
  const pending = state.status === 'loading' && metrics !== undefined;
  const dimmed = useDimmed(pending);
  const model = metrics && tableFor(name, metrics, previous);
  const pickRow = onPick && model?.click ? (key: string, mods: Parameters<PickHandler>[2]) => onPick(model.click!.dim === 'month' ? 'month' : 'product', key, mods) : undefined;
  const showData = metrics !== undefined && hasData(name, metrics);
  const headingId = `panel-${name}-title`;

  let body;
  if (state.status === 'error' && !metrics) {
    body = (
      <div className="panel-state panel-error" role="alert">
        <p>{state.error}</p>
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    );
  } else if (!metrics) {
    body = (
      <div className="panel-state panel-loading" aria-busy="true">
        <div className="skeleton skeleton-chart" />
        <div className="skeleton skeleton-line" />
        <div className="skeleton skeleton-line" />
        <span className="visually-hidden">Loading…</span>
      </div>
    );
  } else if (!showData) {
    body = <p className="panel-state panel-empty">{EMPTY_TEXT[name]}</p>;
  } else {
    body = (
      <div className="panel-body">
        <div className="panel-visual" ref={visualRef}>
          <MetricVisual name={name} metrics={metrics} previous={previous} onPick={onPick} drillFilter={drillFilter} />
        </div>
        <div className="panel-table">
          <DataTable model={model!} caption={def.title} onPick={pickRow} selected={selected} drill={drillFilter ? (i) => rowDrill(name, metrics, i, drillFilter) : undefined} />
        </div>
      </div>
    );
  }

  return (
    <section
      className={`panel panel-${name}${dimmed ? ' panel-pending' : ''}`}
      aria-labelledby={headingId}
      aria-busy={pending || undefined}
      data-testid={`panel-${name}`}
      data-compare={previous ? 'on' : 'off'}
      data-state={showData ? 'data' : state.status === 'error' ? 'error' : metrics ? 'empty' : 'loading'}>
      <header className="panel-header">
        <div>
          <h2 id={headingId}>
            {def.title}
            <InfoButton title={def.title} definition={def.definition} />
          </h2>
          <p className="panel-summary">{def.summary}</p>
        </div>
        <div className="panel-actions">
          {png && HAS_CHART[name] && (
            <ChartPngButton canvas={() => visualRef.current?.querySelector('canvas')} what={def.title} stem={`${name} chart`} disabled={!showData} testId={`png-${name}`} />
          )}
          {onExport && (
            <button type="button" className="button button-quiet" onClick={onExport} disabled={!showData}>
              Export CSV
            </button>
          )}
        </div>
      </header>
      {state.status === 'error' && metrics && (
        <p className="panel-stale" role="status">
          Showing earlier numbers: {state.error}
        </p>
      )}
      {body}
    </section>
  );
}
