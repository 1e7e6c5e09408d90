// A merchant's events under the filter (getEvents with merchant), in the drill's windowed table, with
// their CSV and XLSX export.
import { useState } from 'react';
import type { EventSort } from '../../../shared/exploring';
import type { MetricFilter } from '../../../shared/filter';
import { formatCount } from '../../../shared/format';
import { EventTable } from '../drill/EventTable';
import { saveEvents, type EventsFormat } from '../drill/save-events';
import { ExportRowsButtons } from '../drill/ExportRowsButtons';
import { useEventPages } from '../drill/use-event-pages';

export function MerchantEvents({ merchant, filter }: { merchant: string; filter: MetricFilter }) {
  const [sort, setSort] = useState<EventSort>('time');
  const [exporting, setExporting] = useState(false);
  const request = { ...(Object.keys(filter).length ? { filter } : {}), merchant };
  const pages = useEventPages(request, sort);
  const exportRows = async (format: EventsFormat) => {
    setExporting(true);
    await saveEvents(request, sort, `events_merchant_${merchant.replace(/[^A-Za-z0-9_-]+/g, '_')}`, format);
    setExporting(false);
  };
  return (
    <section className="panel profile-events" aria-labelledby="profile-events-title" data-testid="profile-events">
      <header className="panel-header">
        <h2 id="profile-events-title">
          Events <span className="panel-summary" data-testid="profile-events-total">{pages.total === null ? '' : formatCount(pages.total)}</span>
        </h2>
        <div className="panel-actions">
          <ExportRowsButtons exporting={exporting} disabled={!pages.total} onExport={(f) => void exportRows(f)} testId="profile-export" quiet />
        </div>
      </header>
      {pages.error && <p className="panel-error" role="alert">{pages.error}</p>}
      {pages.total === 0 ? <p className="panel-empty">No events under this filter.</p> : <EventTable pages={pages} sort={sort} onSort={setSort} label={`Events of ${merchant}`} />}
    </section>
  );
}
