// "Watched folders": folders whose new CSV files are imported by themselves (issue 12). In the desktop
// app a folder is chosen in the native dialog; in browser mode the analyst types or pastes its path
// (the server runs on the analyst's own machine). A folder that is away is shown calmly as unavailable.
import { useEffect, useState } from 'react';
import type { WatchedFolder } from '../../../shared/api';
import { formatDateTime } from '../../../shared/format';
import { host } from '../api/host';
import { useWatch } from '../store/watch-store';

const STATUS_TEXT: Record<WatchedFolder['status'], string> = {
  watching: 'Watching',
  paused: 'Paused',
  unavailable: 'Unavailable — picked up again when it is back',
};

export function WatchedFolders() {
  const folders = useWatch((s) => s.folders);
  const { load, chooseAndWatch, watch, setPaused, remove } = useWatch.getState();
  const [typed, setTyped] = useState('');
  const browser = host().mode === 'browser';
  const list = 'data' in folders && folders.data ? folders.data.folders : [];

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="watched-folders" aria-labelledby="watched-title" data-testid="watched-folders">
      <h2 id="watched-title">Watched folders</h2>
      <p className="muted">CSV files that appear or change in these folders are imported by themselves once they have stopped changing.</p>
      {folders.status === 'error' && <p role="alert" className="panel-error">{folders.error}</p>}
      {list.length > 0 && (
        <ul className="watched-list">
          {list.map((f) => (
            <li key={f.id} className={`watched-folder watched-${f.status}`} data-testid="watched-folder" data-status={f.status}>
              <span className="watched-path">{f.path}</span>
              <span className="watched-status">
                {STATUS_TEXT[f.status]}
                {f.last_scan_at ? ` · last looked ${formatDateTime(f.last_scan_at)}` : ''}
              </span>
              <button type="button" className="button button-quiet" onClick={() => void setPaused(f.id, !f.paused)}>
                {f.paused ? 'Resume' : 'Pause'}
              </button>
              <button type="button" className="button button-quiet" onClick={() => void remove(f.id)} aria-label={`Stop watching ${f.path}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {browser ? (
        <form
          className="watch-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim() === '') return;
            void watch(typed.trim()).then((added) => added && setTyped(''));
          }}
        >
          <label htmlFor="watch-path">Folder on this computer</label>
          <input id="watch-path" type="text" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="/home/you/exports" data-testid="watch-path" />
          <button type="submit" className="button" data-testid="watch-add">
            Watch this folder
          </button>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => void chooseAndWatch()} data-testid="watch-add">
          Watch this folder…
        </button>
      )}
    </section>
  );
}
