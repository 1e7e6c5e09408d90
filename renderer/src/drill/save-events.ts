// Saves every row of an events request as CSV (all pages, then one saveFile) or XLSX (the engine
// writes the workbook), for the drill drawer and the merchant profile alike; the outcome is a toast.
// The file name says what the rows are and the filter they were taken under.
import type { EventSort } from '../../../shared/exploring';
import { viewFileName } from '../../../shared/view-text';
import { errorMessage, invoke } from '../api/invoke';
import { useApp } from '../store/app-store';
import type { DrillRequest } from './drill-spec';
import { eventsCsv } from './events-csv';
import { fetchAllEvents } from './use-event-pages';

export type EventsFormat = 'csv' | 'xlsx';

export async function saveEvents(request: DrillRequest, sort: EventSort, stem: string, format: EventsFormat): Promise<void> {
  const { toast } = useApp.getState();
  const filename = viewFileName(stem, request.filter, undefined, format);
  try {
    if (format === 'csv') {
      const rows = await fetchAllEvents(request, sort);
      const { path } = await invoke('saveFile', { filename, content: eventsCsv(rows) });
      if (path) toast('success', `Saved ${rows.length.toLocaleString('en-US')} events to ${path}.`);
      return;
    }
    const file = await invoke('getEventsXlsx', { ...request, sort });
    const { path } = await invoke('saveBinaryFile', { filename, base64: file.base64 });
    if (!path) return;
    const count = file.rows < file.total ? `the first ${file.rows.toLocaleString('en-US')} of ${file.total.toLocaleString('en-US')} events (Excel's row limit; CSV holds them all)` : `${file.rows.toLocaleString('en-US')} events`;
    toast('success', `Saved ${count} to ${path}.`);
  } catch (err) {
    toast('error', errorMessage(err));
  }
}
