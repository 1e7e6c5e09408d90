// The picture part of each metric (headline card, chart or funnel), shared by the dashboard and the report.
import type { MetricName } from '../../../shared/api';
import type { Metrics } from '../../../shared/metrics';
import { formatCount, formatMonth, formatNaira, formatPercent } from '../../../shared/format';
import { MetricChart } from '../charts/MetricChart';
import { KycFunnel } from './KycFunnel';
import { kycSteps } from './tables';

const shortNaira = (v: number) => {
  const abs = Math.abs(v);
  if (abs >= 1e9) return `₦${(v / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `₦${(v / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `₦${(v / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}K`;
  return `₦${v}`;
};

export function TopMerchantHeadline({ metrics }: { metrics: Metrics }) {
  const top = metrics.top_merchant;
  if (!top) return null;
  return (
    <div className="headline" data-testid="top-merchant-headline">
      <div className="headline-label">Top merchant by successful volume</div>
      <div className="headline-id" data-testid="top-merchant-id">{top.merchant_id}</div>
      <div className="headline-value" data-testid="top-merchant-volume">{formatNaira(top.total_volume)}</div>
    </div>
  );
}

export function MetricVisual({ name, metrics, print = false }: { name: MetricName; metrics: Metrics; print?: boolean }) {
  switch (name) {
    case 'top_merchants':
      return (
        <>
          <TopMerchantHeadline metrics={metrics} />
          <MetricChart
            type="bar"
            print={print}
            highlightFirst
            labels={metrics.top_merchants.map((m) => m.merchant_id)}
            values={metrics.top_merchants.map((m) => m.total_volume)}
            format={formatNaira}
            tickFormat={shortNaira}
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
          format={formatCount}
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
          format={formatCount}
          ariaLabel="Horizontal bar chart of merchants per product, most used first"
        />
      );
    }
    case 'kyc_funnel':
      return <KycFunnel steps={kycSteps(metrics)} />;
    case 'failure_rates':
      return (
        <MetricChart
          type="bar"
          print={print}
          labels={metrics.failure_rates.map((r) => r.product)}
          values={metrics.failure_rates.map((r) => r.failure_rate)}
          format={formatPercent}
          ariaLabel="Bar chart of failure rate per product, highest first"
        />
      );
  }
}
