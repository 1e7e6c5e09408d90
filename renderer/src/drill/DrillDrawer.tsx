// The events behind a clicked number, in a modal drawer: the native <dialog> keeps focus inside and
// fires cancel on Escape; closing gives focus back to what opened it (drill-store).
import { useEffect, useState } from 'react';
import type { EventSort } from '../../../shared/exploring';
import { useModal } from '../components/use-modal';
import { invoke } from '../api/invoke';
import { useApp } from '../store/app-store';
import { useDrill } from './drill-store';
import type { DrillSpec } from './drill-spec';
import { DrillHeader } from './DrillHeader';
import { EventTable } from './EventTable';
import { saveEvents, type EventsFormat } from './save-events';
import { ExportRowsButtons } from './ExportRowsButtons';
import { useEventPages } from './use-event-pages';

export function DrillDrawer() {
  const spec = useDrill((s) => s.spec);
  const close = useDrill((s) => s.close);
  // Keyed by the spec so a new drill starts with its own sort and list.
  return spec ? <DrillDialog key={JSON.stringify(spec)} spec={spec} onClose={close} /> : null;
}

function DrillDialog({ spec, onClose }: { spec: DrillSpec; onClose(returnFocus?: boolean): void }) {
  const ref = useModal();
  const [which, setWhich] = useState(0);
  const [sort, setSort] = useState<EventSort>('time');
  const [exporting, setExporting] = useState(false);
  const variant = spec.variants[which];
  const pages = useEventPages(variant.request, sort);
  const otherTotal = useOtherTotal(spec, which);

  const exportRows = async (format: EventsFormat) => {
    setExporting(true);
    const suffix = spec.variants.length > 1 ? `_${variant.label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}` : '';
    await saveEvents(variant.request, sort, `events_${spec.slug}${suffix}`, format);
    setExporting(false);
  };

  return (
    <dialog
      ref={ref}
      className="dialog drawer"
      aria-labelledby="drill-title"
      data-testid="drill-drawer"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}>
      <DrillHeader spec={spec} variant={variant} pages={pages} otherTotal={otherTotal} />
      <div className="drill-tools">
        {spec.variants.length > 1 && (
          <div role="radiogroup" aria-label="Which events" className="drill-variants">
            {spec.variants.map((v, i) => (
              <label key={v.label}>
                <input type="radio" name="drill-variant" checked={i === which} onChange={() => setWhich(i)} /> {v.label}
              </label>
            ))}
          </div>
        )}
        <ExportRowsButtons exporting={exporting} disabled={!pages.total} onExport={(f) => void exportRows(f)} testId="drill-export" />
        <button type="button" className="button button-quiet" onClick={() => onClose()} data-autofocus data-testid="drill-close">
          Close
        </button>
      </div>
      {pages.error && (
        <p className="panel-error" role="alert">
          {pages.error}
        </p>
      )}
      {pages.total === 0 ? <p className="panel-empty">No events match.</p> : <EventTable pages={pages} sort={sort} onSort={setSort} label={`Events: ${spec.clicked}`} onMerchant={(id) => openProfile(id, onClose)} />}
    </dialog>
  );
}

/** From a row's merchant id to its profile, under the dashboard's filter (not the drill's narrower one). */
function openProfile(id: string, onClose: (returnFocus?: boolean) => void) {
  onClose(false);
  useApp.getState().openMerchant(id);
}

/** A failure rate's other list's total (failed beside succeeded), asked with a one-row page. */
function useOtherTotal(spec: DrillSpec, which: number): number | null {
  const [total, setTotal] = useState<number | null>(null);
  const other = spec.rate !== undefined ? spec.variants[which === 0 ? 1 : 0] : undefined;
  const key = other ? JSON.stringify(other.request) : '';
  useEffect(() => {
    setTotal(null);
    if (!other) return;
    let live = true;
    invoke('getEvents', { ...other.request, limit: 1 }).then((r) => live && setTotal(r.total), () => {});
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return total;
}
