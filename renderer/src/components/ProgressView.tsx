// Live progress of an upload (browser mode) or an import: bytes, speed, time left, file and counts.
import { baseName, formatBytes, formatCount, formatDuration } from '../../../shared/format';
import { host } from '../api/host';
import { useApp } from '../store/app-store';
import { useWatch } from '../store/watch-store';
import { Stat } from './Stat';

function Bar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total > 0 ? Math.min(100, (done / total) * 100) : 0;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} data-testid="progress-bar">
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

export function ProgressView() {
  const phase = useApp((s) => s.phase);
  const upload = useApp((s) => s.upload);
  const p = useApp((s) => s.progress);
  const cancel = useApp((s) => s.cancelImport);
  // The analyst's import waits its turn behind a watched folder's (the engine runs one at a time).
  const watchImport = useWatch((s) => Object.values(s.importing)[0]);
  const cancelUpload = useApp((s) => s.cancelUpload);
  if (phase === 'idle') return null;

  if (phase === 'uploading') {
    return (
      <section className="progress-card" aria-label="Upload progress" data-testid="progress-view" data-phase="uploading">
        <div className="progress-head">
          <h2>Reading your files…</h2>
          {host().cancelUpload && (
            <button type="button" className="button" onClick={cancelUpload} data-testid="cancel-upload">
              Cancel
            </button>
          )}
        </div>
        {upload ? (
          <>
            <Bar done={upload.bytes_done} total={upload.bytes_total} label="Upload progress" />
            <p className="progress-line">
              {formatBytes(upload.bytes_done)} of {formatBytes(upload.bytes_total)} · file {formatCount(upload.files_done + 1)} of{' '}
              {formatCount(upload.files_total)}
              {upload.current_file && <span className="progress-file"> · {upload.current_file}</span>}
            </p>
          </>
        ) : (
          <p className="progress-line">Looking through folders…</p>
        )}
      </section>
    );
  }

  if (phase === 'elsewhere') {
    return (
      <section className="progress-card" aria-label="Import progress" data-testid="progress-view" data-phase="elsewhere">
        <h2>Importing in another window…</h2>
        <p className="progress-line">Another window or command is importing into this database. The numbers here are as of before that import and update when it finishes.</p>
      </section>
    );
  }

  const cancelling = phase === 'cancelling';
  return (
    <section className="progress-card" aria-label="Import progress" data-testid="progress-view" data-phase={phase}>
      <div className="progress-head">
        <h2>{cancelling ? 'Cancelling…' : 'Importing…'}</h2>
        <button type="button" className="button" onClick={() => void cancel()} disabled={cancelling} data-testid="cancel-import">
          Cancel
        </button>
      </div>
      {p ? (
        <>
          <Bar done={p.bytes_done} total={p.bytes_total} label="Import progress" />
          <p className="progress-line" data-testid="progress-bytes">
            {formatBytes(p.bytes_done)} of {formatBytes(p.bytes_total)} · file {formatCount(Math.min(p.files_done + 1, p.files_total))} of{' '}
            {formatCount(p.files_total)} · {formatCount(Math.round(p.rows_per_second))} rows/s · {formatDuration(p.seconds_left)} left
          </p>
          {p.current_file && (
            <p className="progress-line progress-file" title={p.current_file} data-testid="progress-file">
              {baseName(p.current_file)}
            </p>
          )}
          <dl className="progress-counts">
            <Stat label="Accepted" value={p.accepted} testId="progress-accepted" />
            <Stat label="Duplicates" value={p.duplicates} testId="progress-duplicates" />
            <Stat label="Rejected" value={p.rejected} testId="progress-rejected" />
          </dl>
        </>
      ) : (
        <>
          <Bar done={0} total={0} label="Import progress" />
          <p className="progress-line" data-testid="progress-waiting">
            {watchImport ? `Waiting for a watched folder's import to finish first: ${watchImport}` : 'Looking through folders…'}
          </p>
        </>
      )}
    </section>
  );
}
