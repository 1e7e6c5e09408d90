// The "Save PNG" button of a chart: finds the chart's canvas when clicked (charts draw in a task of
// their own, so it may appear after the button) and saves it through saveChartPng.
import type { CompareSpec, MetricFilter } from '../../../shared/filter';
import { saveChartPng } from './save-chart-png';

export interface ChartPngButtonProps {
  /** The chart's canvas, looked up when the button is pressed. */
  canvas(): HTMLCanvasElement | null | undefined;
  what: string;
  stem: string;
  view?: { filter?: MetricFilter; compare?: CompareSpec };
  disabled?: boolean;
  testId: string;
  /** Visible text; the accessible name adds what the chart shows. */
  label?: string;
}

export function ChartPngButton({ canvas, what, stem, view, disabled, testId, label = 'Save PNG' }: ChartPngButtonProps) {
  return (
    <button
      type="button"
      className="button button-quiet"
      data-testid={testId}
      aria-label={`${label} of the ${what} chart`}
      disabled={disabled}
      onClick={() => {
        const c = canvas();
        if (c) void saveChartPng(c, what, stem, view);
      }}>
      {label}
    </button>
  );
}
