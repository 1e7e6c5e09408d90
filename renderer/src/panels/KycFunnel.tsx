// A funnel drawn with plain elements: each step's bar is as wide as its share of the first step,
// with the conversion between steps written between them (text, so it prints and can be selected).
import { formatCount } from '../../../shared/format';
import type { FunnelStep } from './tables';
import { drillProps } from '../drill/drill-props';
import type { DrillSpec } from '../drill/drill-spec';

export function KycFunnel({ steps, drill }: { steps: FunnelStep[]; drill?: (index: number) => DrillSpec }) {
  const top = Math.max(1, ...steps.map((s) => s.value));
  return (
    <ol className="funnel" aria-label="KYC funnel">
      {steps.map((s, i) => (
        <li key={s.label} className="funnel-step" data-testid="funnel-step" {...(drill ? drillProps(() => drill(i)) : {})}>
          {s.conversion !== null && (
            // "continued", not an arrow: a downward arrow reads as a drop of that size.
            <div className="funnel-conversion" data-testid="funnel-conversion">
              {s.conversion} continued
            </div>
          )}
          <div className="funnel-bar-track">
            <div className="funnel-bar" style={{ width: `${Math.max(2, (s.value / top) * 100)}%` }}>
              <span className="funnel-value">{formatCount(s.value)}</span>
            </div>
          </div>
          <div className="funnel-label">{s.label}</div>
        </li>
      ))}
    </ol>
  );
}
