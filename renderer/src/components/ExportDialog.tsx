// "Export report…": a PDF of the whole dashboard (A4 or Letter), all five tables as one XLSX workbook,
// or as CSV files; each under the dashboard's filter and comparison. "Clean events…" opens CleanExportDialog.
import { useState } from 'react';
import { useModal } from './use-modal';
import { useApp } from '../store/app-store';

export function ExportDialog({ onClose, onCleanEvents }: { onClose(): void; onCleanEvents(): void }) {
  const ref = useModal();
  const [size, setSize] = useState<'A4' | 'Letter'>('A4');
  const exportReport = useApp((s) => s.exportReport);
  const exportAll = useApp((s) => s.exportAllCsv);
  const exportXlsx = useApp((s) => s.exportXlsx);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="export-title" onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid="export-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onClose();
          void exportReport(size);
        }}
      >
        <h2 id="export-title">Export report</h2>
        <fieldset className="radio-row">
          <legend>Paper size</legend>
          {(['A4', 'Letter'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name="page" value={s} checked={size === s} onChange={() => setSize(s)} /> {s}
            </label>
          ))}
        </fieldset>
        <p className="muted">
          Every file follows the dashboard's filter and comparison. The PDF has the data coverage and quality and all five metrics, each with its chart and
          table; the XLSX workbook has a sheet per metric and an About sheet.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              onClose();
              void exportAll();
            }}
          >
            Save all five CSVs…
          </button>
          <button
            type="button"
            className="button"
            data-testid="export-xlsx"
            onClick={() => {
              onClose();
              void exportXlsx();
            }}
          >
            Export XLSX…
          </button>
          <button type="button" className="button" data-testid="export-clean-events" onClick={onCleanEvents}>
            Clean events…
          </button>
          <button type="submit" className="button button-primary" data-autofocus>
            Save PDF report…
          </button>
        </div>
      </form>
    </dialog>
  );
}
