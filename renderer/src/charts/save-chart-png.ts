// "Save PNG" on a chart panel: the chart under the dashboard's view, titled and named for the metric
// and the view, saved through saveBinaryFile (a download in browser mode); the outcome is a toast.
import type { MetricName } from '../../../shared/api';
import { METRIC_DEFINITIONS } from '../../../shared/metric-definitions';
import { viewFileName, viewLine } from '../../../shared/view-text';
import { errorMessage, invoke } from '../api/invoke';
import { useApp, viewRequest } from '../store/app-store';
import { chartPng } from './chart-png';

export async function saveChartPng(name: MetricName, canvas: HTMLCanvasElement): Promise<void> {
  const { explore, toast } = useApp.getState();
  try {
    const { filter, compare } = viewRequest(explore);
    const base64 = chartPng(canvas, `${METRIC_DEFINITIONS[name].title} · ${viewLine(filter, compare)}`);
    if (!base64) return toast('error', 'The chart is still being drawn. Try again in a moment.');
    const { path } = await invoke('saveBinaryFile', { filename: viewFileName(`${name} chart`, filter, compare, 'png'), base64 });
    if (path) toast('success', `Saved ${path}.`);
  } catch (err) {
    toast('error', errorMessage(err));
  }
}
