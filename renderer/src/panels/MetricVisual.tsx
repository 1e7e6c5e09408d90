// The picture part of each metric (headline card, chart or funnel), shared by the dashboard and the report.
import type { MetricName } from '../../../shared/api';
import type { Metrics } from '../../../shared/metrics';
import { formatCount, formatMonth, formatNaira, formatPercent } from '../../../shared/format';
import { MetricChart } from '../charts/MetricChart';
import { changeCells } from '../view/compare-format';
import { modsOf, type ClickMods } from '../view/filter-edit';
import { PICK_HINT } from './DataTable';
import { KycFunnel } from './KycFunnel';
import { kycSteps } from './tables';
import type { MetricFilter } from '../../../shared/filter';
import { drillProps } from '../drill/drill-props';
import { adoptionDrill, failureDrill, monthDrill, topMerchantDrill, type DrillSpec } from '../drill/drill-spec';
import { kycStepDrill } from '../drill/panel-drills';
import { useDrill } from '../drill/drill-store';
import { monthEnd } from '../view/month-end';
import { previousFailureRates, previousMonths } from '../../../shared/compare-pairs';

/** Which metrics draw a chart.js chart (the funnel is drawn in HTML), so their panels can save it as a PNG. */
export const HAS_CHART: Record<MetricName, boolean> = {
  top_merchants: true,
  monthly_active_merchants: true,
  product_adoption: true,
  kyc_funnel: false,
  failure_rates: true,
};

/** Click-to-filter from a chart: the dimension (or month) and the value clicked. */
export type PickHandler = (dim: 'product' | 'month', key: string, mods: ClickMods) => void;

const shortNaira = (v: number) => {
  const abs = Math.abs(v);
  if (abs >= 1e9) return `₦${(v / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `₦${(v / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `₦${(v / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}K`;
  return `₦${v}`;
};

export function TopMerchantHeadline({ metrics, previous, drillFilter }: { metrics: Metrics; previous?: Metrics; drillFilter?: MetricFilter }) {
  const top = metrics.top_merchant;
  if (!top) return null;
  const before = previous?.top_merchant;
  const c = previous ? changeCells(top.total_volume, before ? before.total_volume : 0, 'money') : null;
  return (
    <div className="headline" data-testid="top-merchant-headline" {...(drillFilter ? drillProps(topMerchantDrill(drillFilter, top.merchant_id, top.total_volume)) : {})}>
      <div className="headline-label">Top merchant by successful volume</div>
      <div className="headline-id" data-testid="top-merchant-id">{top.merchant_id}</div>
      <div className="headline-value" data-testid="top-merchant-volume">{formatNaira(top.total_volume)}</div>
      {c && (
        // The previous period's top merchant may be another one: it is named, not assumed.
        <div className="headline-compare" data-testid="top-merchant-compare">
          Previous period: {before ? `${before.merchant_id} ${c.previous}` : 'no successful volume'} · change <span data-testid="top-merchant-change">{c.change}</span> (
          <span data-testid="top-merchant-change-pct">{c.percent}</span>)
        </div>
      )}
    </div>
  );
}

export interface MetricVisualProps {
  name: MetricName;
  metrics: Metrics;
  print?: boolean;
  /** The comparison period's metrics, overlaid as ghost bars or a dashed line. */
  previous?: Metrics;
  onPick?: PickHandler;
  /** The filter the numbers are under; when given, the headline and funnel steps drill to their events. */
  drillFilter?: MetricFilter;
}

export function MetricVisual({ name, metrics, print = false, previous, onPick, drillFilter }: MetricVisualProps) {
  // Double-click on a bar opens its drill; the chart's order is its own (adoption sorts), so each
  // chart maps its index to the spec.
  const drill = (specOf: (i: number) => DrillSpec) => (drillFilter ? (i: number, box: HTMLElement) => useDrill.getState().open(specOf(i), box) : undefined);
  const f = drillFilter ?? {};
  const pick = (dim: 'product' | 'month', keys: string[]) => (onPick ? (i: number, e: Parameters<typeof modsOf>[0]) => onPick(dim, keys[i], modsOf(e)) : undefined);
  switch (name) {
    case 'top_merchants':
      return (
        <>
          <TopMerchantHeadline metrics={metrics} previous={previous} drillFilter={drillFilter} />
          <MetricChart
            type="bar"
            print={print}
            highlightFirst
            labels={metrics.top_merchants.map((m) => m.merchant_id)}
            values={metrics.top_merchants.map((m) => m.total_volume)}
            format={formatNaira}
            tickFormat={shortNaira}
            onDrill={drill((i) => topMerchantDrill(f, metrics.top_merchants[i].merchant_id, metrics.top_merchants[i].total_volume))}
            ariaLabel="Bar chart of the ten merchants with the highest successful volume"
          />
        </>
      );
    case 'monthly_active_merchants': {
      const entries = Object.entries(metrics.monthly_active_merchants);
      return (
        <MetricChart
          type={entries.length > 1 ? 'line' : 'bar'}
          print={print}
          labels={entries.map(([m]) => formatMonth(m))}
          values={entries.map(([, n]) => n)}
          previous={previous ? previousMonths(metrics, previous).map((p) => p?.[1] ?? null) : undefined}
          format={formatCount}
          onPick={pick('month', entries.map(([m]) => m))}
          onDrill={drill((i) => monthDrill(f, entries[i][0], monthEnd(entries[i][0]), entries[i][1]))}
          pickHint={PICK_HINT}
          ariaLabel="Chart of active merchants per month"
        />
      );
    }
    case 'product_adoption': {
      const entries = Object.entries(metrics.product_adoption).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return (
        <MetricChart
          type="bar"
          horizontal
          print={print}
          labels={entries.map(([p]) => p)}
          values={entries.map(([, n]) => n)}
          previous={previous ? entries.map(([p]) => previous.product_adoption[p] ?? 0) : undefined}
          format={formatCount}
          onPick={pick('product', entries.map(([p]) => p))}
          onDrill={drill((i) => adoptionDrill(f, entries[i][0], entries[i][1]))}
          pickHint={PICK_HINT}
          ariaLabel="Horizontal bar chart of merchants per product, most used first"
        />
      );
    }
    case 'kyc_funnel':
      return <KycFunnel steps={kycSteps(metrics)} drill={drillFilter ? (i) => kycStepDrill(drillFilter, metrics, i) : undefined} />;
    case 'failure_rates':
      return (
        <MetricChart
          type="bar"
          print={print}
          labels={metrics.failure_rates.map((r) => r.product)}
          values={metrics.failure_rates.map((r) => r.failure_rate)}
          previous={previous ? previousFailureRates(metrics, previous) : undefined}
          format={formatPercent}
          onPick={pick('product', metrics.failure_rates.map((r) => r.product))}
          onDrill={drill((i) => failureDrill(f, metrics.failure_rates[i].product, metrics.failure_rates[i].failure_rate))}
          pickHint={PICK_HINT}
          ariaLabel="Bar chart of failure rate per product, highest first"
        />
      );
  }
}
