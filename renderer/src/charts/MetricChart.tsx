// One chart component for the panels and the report: bars (vertical or horizontal) or a line.
import './setup';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Bar, Line } from 'react-chartjs-2';
import { Chart, type ChartData, type ChartOptions } from 'chart.js';
import { useChartTheme } from './theme';

export interface MetricChartProps {
  type: 'bar' | 'line';
  labels: string[];
  values: number[];
  /** How values read in tooltips (and ticks, unless tickFormat is given). */
  format: (value: number) => string;
  /** Shorter axis labels, e.g. ₦5.0M. */
  tickFormat?: (value: number) => string;
  /** Short text for screen readers: what the chart shows. */
  ariaLabel: string;
  horizontal?: boolean;
  /** Highlight the first bar (the top merchant). */
  highlightFirst?: boolean;
  /** Fixed-size, animation-free rendering for the print report. */
  print?: boolean;
  /** The comparison period's values, drawn as ghost bars or a dashed line behind the current ones. */
  previous?: (number | null)[];
  /** Click-to-filter on a bar or point: its index and the keys held during the click. */
  onPick?: (index: number, mods: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }) => void;
  /** What a click does, shown as the pointer's hover hint. */
  pickHint?: string;
  /** Double-click on a bar or point of this period: its index and the chart's box (to give focus back to). */
  onDrill?: (index: number, box: HTMLElement) => void;
}

const PRINT_WIDTH = 680;
const PRINT_HEIGHT = 260;

/** Each chart is built in a task of its own, so a dashboard of five never blocks the window for long. */
function useOwnTask(immediate: boolean): boolean {
  const [ready, setReady] = useState(immediate);
  useEffect(() => {
    if (ready) return;
    const t = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(t);
  }, [ready]);
  return ready;
}

/**
 * The value a chart draws, taken up in a task of its own when it changes: a filter change updates six
 * charts, and updating them in the one commit that brought their answers made one long task of them all.
 */
function useOwnTaskValue<T>(value: T, immediate: boolean): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (immediate || shown === value) return;
    const t = setTimeout(() => flushSync(() => setShown(value)), 0);
    return () => clearTimeout(t);
  }, [value, shown, immediate]);
  return immediate ? value : shown;
}

export function MetricChart(props: MetricChartProps) {
  const theme = useChartTheme();
  const ready = useOwnTask(props.print === true);
  const { type, labels, values, format, horizontal = false, print = false } = props;
  // The callbacks change at every render of the panel; the chart reads the latest through refs, so
  // its options stay the same object and react-chartjs-2 does not update the chart for nothing (a
  // panel renders again when its answer is pending and when it arrives).
  const latest = useRef(props);
  latest.current = props;
  const pickable = props.onPick !== undefined;
  const hasPrevious = props.previous !== undefined;
  const options = useMemo((): ChartOptions<'bar' | 'line'> => {
    const fmt = (v: number) => (latest.current.tickFormat ?? latest.current.format)(v);
    const valueAxis = {
      beginAtZero: true,
      grid: { color: theme.grid },
      ticks: { color: theme.text, callback: (v: string | number) => fmt(Number(v)) },
    };
    // Label sizes measured on a sample: a trend of a year has 366 labels, and measuring each took
    // most of a chart's update.
    const labelAxis = { grid: { display: false }, ticks: { color: theme.text, autoSkip: !horizontal, sampleSize: horizontal ? undefined : 24 } };
    const o: ChartOptions<'bar' | 'line'> = {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      responsive: !print,
      maintainAspectRatio: false,
      devicePixelRatio: print ? 2 : undefined,
      plugins: {
        legend: hasPrevious ? { display: !print, labels: { color: theme.text, boxWidth: 12 } } : { display: false },
        tooltip: { enabled: !print, callbacks: { label: (ctx) => latest.current.format(Number(horizontal ? ctx.parsed.x : ctx.parsed.y)) } },
      },
      scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      onClick: pickable
        ? (event, elements) => {
            const native = event.native as MouseEvent | null;
            // The second click of a double-click belongs to the drill, not to a second filter change.
            if (elements[0] && native && native.detail < 2) latest.current.onPick?.(elements[0].index, native);
          }
        : undefined,
      // The pointer shows what is clickable: a hand over a bar, the arrow elsewhere.
      onHover: pickable
        ? (event, elements) => {
            const canvas = (event.native?.target as HTMLCanvasElement | undefined) ?? null;
            if (canvas) canvas.style.cursor = elements.length ? 'pointer' : 'default';
          }
        : undefined,
    };
    return o;
  }, [theme, horizontal, print, pickable, hasPrevious]);
  // The data likewise, by content (dataKey stands for labels, values and previous): the panel builds
  // new arrays at every render.
  const dataKey = JSON.stringify([labels, values, props.previous ?? null, props.highlightFirst === true]);
  const data = useMemo(() => {
    const colors = values.map((_, i) => (props.highlightFirst && i === 0 ? theme.barStrong : theme.bar));
    // A dot per point reads well up to a few months of days; beyond, the line alone (dots on hover), as
    // drawing hundreds of circles was most of a trend chart's paint.
    const dots = labels.length <= 62;
    return type === 'line'
      ? {
          labels,
          datasets: [
            { label: 'This period', data: values, borderColor: theme.barStrong, backgroundColor: theme.barStrong, pointRadius: dots ? 3 : 0, pointHoverRadius: 4, tension: 0 },
            ...(props.previous ? [{ label: 'Previous period', data: props.previous, borderColor: theme.bar, backgroundColor: theme.bar, borderDash: [6, 4], pointRadius: dots ? 2 : 0, pointHoverRadius: 3, tension: 0 }] : []),
          ],
        }
      : {
          labels,
          datasets: [
            { label: 'This period', data: values, backgroundColor: colors, borderRadius: 3, maxBarThickness: 48 },
            ...(props.previous ? [{ label: 'Previous period', data: props.previous, backgroundColor: theme.grid, borderColor: theme.bar, borderWidth: 1, borderRadius: 3, maxBarThickness: 48 }] : []),
          ],
        };
  }, [dataKey, theme, type]);
  // The type and options go with the data: a comparison's legend or a month chart turning from bars to
  // a line updated (or rebuilt) the chart in the commit that brought the answer, with the old data,
  // before its own task drew the new.
  const drawn = useMemo(() => ({ type, options, data }), [type, options, data]);
  const shown = useOwnTaskValue(drawn, print);
  const size = print ? { width: PRINT_WIDTH, height: PRINT_HEIGHT } : {};
  const common = { role: 'img', 'aria-label': props.ariaLabel, ...size };
  const onDrill = props.onDrill;
  const drill = onDrill
    ? (e: React.MouseEvent<HTMLDivElement>) => {
        const canvas = e.currentTarget.querySelector('canvas');
        const chart = canvas ? Chart.getChart(canvas) : undefined;
        // Only this period's bars: a ghost bar of the comparison is not a number of this filter.
        const hit = chart?.getElementsAtEventForMode(e.nativeEvent, 'nearest', { intersect: props.type === 'bar' }, false).find((el) => el.datasetIndex === 0);
        if (hit) onDrill(hit.index, e.currentTarget);
      }
    : undefined;
  return (
    <div
      className={print ? 'chart chart-print' : props.onPick ? 'chart chart-pickable' : 'chart'}
      title={props.onPick ? props.pickHint : undefined}
      onDoubleClick={drill}
      tabIndex={onDrill ? -1 : undefined}
      data-drill-chart={onDrill ? 'true' : undefined}
      data-drawing={shown !== drawn ? 'true' : undefined}>
      {!ready ? null : shown.type === 'line' ? (
        <Line {...common} options={shown.options as ChartOptions<'line'>} data={shown.data as ChartData<'line'>} />
      ) : (
        <Bar {...common} options={shown.options as ChartOptions<'bar'>} data={shown.data as ChartData<'bar'>} />
      )}
    </div>
  );
}
