// "Check and Repair Database…": runs checkDatabase when opened, shows each check, and offers Repair when
// a summary differs from the events (a damaged file gets its way out instead). After a repair the
// metrics are loaded again, so the dashboard shows the recounted numbers.
import { useEffect, useState } from 'react';
import { isSummaryCheck, type CheckReport } from '../../../shared/checking';
import { errorMessage, invoke } from '../api/invoke';
import { useApp } from '../store/app-store';
import { useModal } from './use-modal';

type State = { status: 'running'; repair: boolean } | { status: 'done'; report: CheckReport } | { status: 'error'; error: string };

export function CheckDialog({ onClose }: { onClose(): void }) {
  const ref = useModal();
  const [state, setState] = useState<State>({ status: 'running', repair: false });

  const run = async (repair: boolean) => {
    setState({ status: 'running', repair });
    try {
      const report = await invoke('checkDatabase', repair ? { repair: true } : {});
      setState({ status: 'done', report });
      if (report.repaired) void useApp.getState().refresh();
    } catch (err) {
      setState({ status: 'error', error: errorMessage(err) });
    }
  };
  useEffect(() => void run(false), []);

  const report = state.status === 'done' ? state.report : null;
  // Only the summaries can be rebuilt; a damaged file or missing events have their own way out.
  const canRepair = report !== null && !report.repaired && report.way_out === null && report.checks.some((c) => !c.ok && isSummaryCheck(c.name));
  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby="check-title" onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid="check-dialog">
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); onClose(); }}>
        <h2 id="check-title">Check and repair the database</h2>
        {state.status === 'running' && (
          <p aria-busy="true" className="muted">
            {state.repair ? 'Counting the metrics again from the stored events…' : 'Checking the file and counting every metric again from the stored events…'}
          </p>
        )}
        {state.status === 'error' && <p role="alert" className="panel-error">{state.error}</p>}
        {report && (
          <>
            <p role="status" data-testid="check-verdict">
              {report.ok
                ? report.repaired
                  ? 'Repaired: the metrics were counted again from the events, and every check now passes.'
                  : 'Every check passed: the numbers shown are the ones the stored events give.'
                : 'Some checks failed.'}
            </p>
            <ul className="check-list" data-testid="check-list">
              {report.checks.map((c) => (
                <li key={c.name} data-check={c.name} data-ok={c.ok ? 'true' : 'false'}>
                  <strong>{c.ok ? '✓' : '✗'} {c.title}</strong>: {c.detail}
                </li>
              ))}
            </ul>
            {report.way_out && <p role="alert" className="panel-error">{report.way_out}</p>}
          </>
        )}
        <div className="dialog-actions">
          <button type="submit" className={canRepair ? 'button button-quiet' : 'button button-primary'} data-autofocus={canRepair ? undefined : true}>
            Close
          </button>
          {canRepair && (
            <button type="button" className="button button-primary" onClick={() => void run(true)} data-testid="check-repair">
              Repair
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
