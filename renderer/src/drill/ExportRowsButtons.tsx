// "Export CSV" and "Export XLSX" for a list of events (the drill drawer, a merchant's events).
import type { EventsFormat } from './save-events';

export function ExportRowsButtons({ exporting, disabled, onExport, testId, quiet = false }: { exporting: boolean; disabled: boolean; onExport(format: EventsFormat): void; testId: string; quiet?: boolean }) {
  const cls = quiet ? 'button button-quiet' : 'button';
  return (
    <>
      <button type="button" className={cls} onClick={() => onExport('csv')} disabled={exporting || disabled} data-testid={testId}>
        {exporting ? 'Exporting…' : 'Export CSV'}
      </button>
      <button type="button" className={cls} onClick={() => onExport('xlsx')} disabled={exporting || disabled} data-testid={`${testId}-xlsx`}>
        Export XLSX
      </button>
    </>
  );
}
