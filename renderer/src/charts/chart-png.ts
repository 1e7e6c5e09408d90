// A drawn chart as a PNG at twice the screen's resolution, in the current theme, with a title line
// above it naming the metric and the view. The live chart is drawn once more at devicePixelRatio 2
// (chart.js redraws its canvas at that density) and put back afterwards, so the picture is the chart
// the analyst sees, not a second chart that could differ.
import { Chart } from 'chart.js';
import { readChartTheme } from './theme';

export const PNG_SCALE = 2;
const TITLE_PX = 13;
const PAD_PX = 8;

function withRatio<T>(chart: Chart, ratio: number | undefined, draw: () => T): T {
  const options = chart.config.options ?? (chart.config.options = {});
  const before = options.devicePixelRatio;
  options.devicePixelRatio = ratio;
  chart.update('none');
  chart.resize();
  try {
    return draw();
  } finally {
    options.devicePixelRatio = before;
    chart.update('none');
    chart.resize();
  }
}

/** The base64 PNG of the chart drawn on `canvas`, with `title` above it; null when no chart is drawn there. */
export function chartPng(canvas: HTMLCanvasElement, title: string): string | null {
  const chart = Chart.getChart(canvas);
  if (!chart) return null;
  const theme = readChartTheme();
  return withRatio(chart, PNG_SCALE, () => {
    const pad = PAD_PX * PNG_SCALE;
    const line = Math.round(TITLE_PX * 1.4 * PNG_SCALE);
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height + 2 * pad + line;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = theme.surface;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = theme.title;
    ctx.textBaseline = 'top';
    // A long filter line gets a smaller font rather than being cut off.
    let size = TITLE_PX * PNG_SCALE;
    do {
      ctx.font = `600 ${size}px system-ui, sans-serif`;
    } while (ctx.measureText(title).width > out.width - 2 * pad && --size > 8 * PNG_SCALE);
    ctx.fillText(title, pad, pad, out.width - 2 * pad);
    ctx.drawImage(canvas, 0, 2 * pad + line);
    return out.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  });
}
