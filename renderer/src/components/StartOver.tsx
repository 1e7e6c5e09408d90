// A database found damaged at start-up: the window says so and does the way out for the analyst (the
// damaged file moved aside, a new database, the files its ledger lists imported again), then shows
// what came back and what is missing, and the window goes on with the new database.
import { useState } from 'react';
import { startOverToDo, type StartOverReport } from '../../../shared/checking';
import { host } from '../api/host';
import { errorMessage, invoke } from '../api/invoke';
import { useApp } from '../store/app-store';
import { formatCount, plural } from '../../../shared/format';


export function StartOver() {
  const damaged = useApp((s) => s.damaged);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<StartOverReport | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    // The re-import shows its progress (and can be cancelled) like any import.
    useApp.setState({ phase: 'importing', progress: null });
    const stop = host().api.onImportProgress((progress) => useApp.setState({ progress }));
    try {
      const report = await invoke('startOver', {});
      setDone(report);
      useApp.setState({ damaged: null });
      await useApp.getState().refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      stop();
      useApp.setState({ phase: 'idle', progress: null });
      setRunning(false);
    }
  }

  if (damaged !== null) {
    return (
      <section className="empty-state start-over" role="alert" data-testid="damaged-database">
        <h1>Your database is damaged</h1>
        <p>{damaged}</p>
        <button type="button" className="button button-primary button-large" onClick={() => void run()} disabled={running} data-testid="start-over" autoFocus>
          Start a new database and import the files again
        </button>
        {running && <p className="hint">Moving the damaged file aside and importing the files again…</p>}
        {error && <p className="panel-error">{error}</p>}
      </section>
    );
  }
  if (done === null) return null;
  const back = done.paths.length - done.failed.length;
  const toDo = startOverToDo(done);
  return (
    <section className={toDo ? 'missing-note start-over-result' : 'headline start-over-result'} data-testid="start-over-result">
      <p>
        Started a new database: {plural(back, 'file')} imported again ({formatCount(done.accepted)} events). The damaged database was kept as{' '}
        <code>{done.moved_to}</code>.
      </p>
      {done.missing.length > 0 && (
        <>
          <p>No longer there, so not imported:</p>
          <ul data-testid="start-over-missing">
            {done.missing.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
      {done.failed.length > 0 && (
        <ul data-testid="start-over-failed">
          {done.failed.map((f) => (
            <li key={f.path}>
              {f.path}: {f.message}
            </li>
          ))}
        </ul>
      )}
      {toDo && <p>{toDo}</p>}
      <button type="button" className="button" onClick={() => setDone(null)}>
        Close
      </button>
    </section>
  );
}
