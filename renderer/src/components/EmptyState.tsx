import { host } from '../api/host';
import { useApp } from '../store/app-store';

export function EmptyState() {
  const choose = useApp((s) => s.chooseAndImport);
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-icon" aria-hidden="true">
        <svg viewBox="0 0 64 64" width="72" height="72">
          <path d="M8 18h18l5 6h25v28H8z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
          <path d="M32 30v16M25 39l7 7 7-7" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </div>
      <h1>Drop your activity exports here</h1>
      <p>
        Drag folders or files of daily exports (<code>activities_YYYYMMDD.csv</code>) anywhere onto this window. Folders are searched
        inside, and files you have imported before are recognised and skipped.
      </p>
      <button type="button" className="button button-primary button-large" onClick={() => void choose()} autoFocus>
        {host().chooseLabel}
      </button>
      <p className="hint">Everything stays on this computer.</p>
    </div>
  );
}
