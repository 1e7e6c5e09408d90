// Saves every row of an events request as CSV (all pages, then one saveFile), for the drill drawer
// and the merchant profile alike; the outcome is a toast.
import type { EventSort } from '../../../shared/exploring';
import { errorMessage, invoke } from '../api/invoke';
import { useApp } from '../store/app-store';
import type { DrillRequest } from './drill-spec';
import { eventsCsv } from './events-csv';
import { fetchAllEvents } from './use-event-pages';

export async function saveEventsCsv(request: DrillRequest, sort: EventSort, filename: string): Promise<void> {
  const { toast } = useApp.getState();
  try {
    const rows = await fetchAllEvents(request, sort);
    const { path } = await invoke('saveFile', { filename, content: eventsCsv(rows) });
    if (path) toast('success', `Saved ${rows.length.toLocaleString('en-US')} events to ${path}.`);
  } catch (err) {
    toast('error', errorMessage(err));
  }
}
