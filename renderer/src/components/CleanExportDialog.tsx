// "Export Clean Events…": every accepted event of the dashboard's filter as a CSV file or a Parquet
// data set for other tools. The desktop asks where with a native dialog; in browser mode the analyst
// types the path on the server's machine (their own). The comparison does not apply: events are events.
import { useState } from 'react';
import { viewLine } from '../../../shared/view-text';
import { host } from '../api/host';
import { errorMessage, invoke } from '../api/invoke';
import { useApp, viewRequest } from '../store/app-store';
import { formatCount } from '../../../shared/format';
import { useModal } from './use-modal';

export function CleanExportDialog({ onClose }: { onClose(): void }) {
  const ref = useModal();
  const [format, setFormat] = useState<'csv' | 'parquet'>('csv');
  const [typed, setTyped] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { filter } = viewRequest(useApp((s) => s.explore));
  const browser = host().mode === 'browser';

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const r = await invoke('exportCleanEvents', { format, ...(filter ? { filter } : {}), ...(browser ? { out: typed.trim() } : {}) });
      setRunning(false);
      if (r.path === null) return;
      onClose();
      useApp.getState().toast('success', `Exported ${formatCount(r.events)} events to ${r.path}.`);
    } catch (err) {
      // Kept in the dialog, so a refused path can be corrected and tried again.
      setRunning(false);
      setError(errorMessage(err));
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="clean-title" onCancel={(e) => { e.preventDefault(); if (!running) onClose(); }} data-testid="clean-export-dialog">
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); if (!running) void run(); }}>
        <h2 id="clean-title">Export clean events</h2>
        <p data-testid="clean-export-view">Every accepted event of: {viewLine(filter)}</p>
        <fieldset className="radio-row" disabled={running}>
          <legend>Format</legend>
          <label>
            <input type="radio" name="clean-format" value="csv" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV (one file)
          </label>
          <label>
            <input type="radio" name="clean-format" value="parquet" checked={format === 'parquet'} onChange={() => setFormat('parquet')} /> Parquet (a folder per month, with README and metrics.sql)
          </label>
        </fieldset>
        {browser && (
          <p>
            <label htmlFor="clean-path">{format === 'csv' ? 'New CSV file on this computer' : 'New or empty folder on this computer'}</label>{' '}
            <input id="clean-path" type="text" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={format === 'csv' ? '/home/you/clean_events.csv' : '/home/you/clean_events'} disabled={running} data-testid="clean-export-path" />
          </p>
        )}
        {running && (
          <p aria-busy="true" className="muted" data-testid="clean-export-progress">
            Writing every accepted event… a year of data takes a minute or two; the dashboard keeps working meanwhile.
          </p>
        )}
        {error && <p role="alert" className="panel-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose} disabled={running}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={running || (browser && typed.trim() === '')} data-autofocus data-testid="clean-export-run">
            {browser ? 'Export' : 'Export…'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
