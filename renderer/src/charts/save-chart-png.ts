// "Save PNG" of a chart: the chart under the dashboard's view, titled and named for what it shows and
// the view, saved through saveBinaryFile (a download in browser mode); the outcome is a toast.
import type { CompareSpec, MetricFilter } from '../../../shared/filter';
import { viewFileName, viewLine } from '../../../shared/view-text';
import { errorMessage, invoke } from '../api/invoke';
import { useApp, viewRequest } from '../store/app-store';
import { chartPng } from './chart-png';

/**
 * `what` titles the picture ("Top merchant"), `stem` starts its file name ("top_merchants chart"); the
 * view defaults to the dashboard's (a merchant's profile passes its filter without the comparison).
 */
export async function saveChartPng(canvas: HTMLCanvasElement, what: string, stem: string, view?: { filter?: MetricFilter; compare?: CompareSpec }): Promise<void> {
  const { explore, toast } = useApp.getState();
  try {
    const { filter, compare } = view ?? viewRequest(explore);
    const base64 = chartPng(canvas, `${what} · ${viewLine(filter, compare)}`);
    if (!base64) return toast('error', 'The chart is still being drawn. Try again in a moment.');
    const { path } = await invoke('saveBinaryFile', { filename: viewFileName(stem, filter, compare, 'png'), base64 });
    if (path) toast('success', `Saved ${path}.`);
  } catch (err) {
    toast('error', errorMessage(err));
  }
}
