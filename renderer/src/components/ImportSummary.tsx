// What the last import did, in full: files, rows, duplicates, and every rejected or warned row by reason.
import type { ImportSummary as Summary } from '../../../shared/importing';
import { baseName, formatCount, formatReason, plural } from '../../../shared/format';
import { useApp } from '../store/app-store';
import { Stat } from './Stat';

const STATUS_TITLE: Record<Summary['status'], string> = {
  done: 'Import finished',
  cancelled: 'Import cancelled',
  failed: 'Import failed',
  interrupted: 'Import interrupted',
  running: 'Import running',
};

function ReasonList({ counts, empty }: { counts: Partial<Record<string, number>>; empty: string }) {
  const entries = Object.entries(counts).filter(([, n]) => (n ?? 0) > 0);
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="reason-list">
      {entries.map(([reason, n]) => (
        <li key={reason}>
          <span>{formatReason(reason)}</span> <strong>{formatCount(n ?? 0)}</strong>
        </li>
      ))}
    </ul>
  );
}

export function ImportSummary({ summary, note }: { summary: Summary; note: string | null }) {
  const close = useApp((s) => s.closeSummary);
  const showRejected = useApp((s) => s.showRejected);
  const failed = summary.file_records.filter((f) => f.status === 'failed');
  const f = summary.files;
  const nothingFound = f.imported + f.unchanged + f.failed + f.cancelled === 0;
  const warnings = Object.values(summary.warnings_by_reason).reduce<number>((a, n) => a + (n ?? 0), 0);
  const outcome = summary.status === 'done' && summary.accepted === 0 ? 'nothing' : summary.status;
  return (
    // Green only when rows came in: a run that added nothing (all unchanged, nothing found) is neutral.
    <section className={`summary summary-${outcome}`} aria-labelledby="summary-title" data-testid="import-summary" data-outcome={outcome}>
      <header className="summary-header">
        <h2 id="summary-title">{STATUS_TITLE[summary.status]}</h2>
        <span className="muted">{summary.seconds.toFixed(1)} s</span>
        <button type="button" className="icon-button" aria-label="Close the import summary" onClick={close}>
          ×
        </button>
      </header>
      {nothingFound && (
        <p className="summary-warning" role="alert">
          No CSV files were found in what you chose{f.ignored > 0 ? ` (${plural(f.ignored, 'other file')} ignored)` : ''}. Drop folders with
          files named like activities_20240101.csv.
        </p>
      )}
      {note && <p className="muted">{note}</p>}
      <dl className="summary-grid">
        <Stat label="Files imported" value={f.imported} testId="summary-imported" />
        <Stat label="Unchanged (skipped)" value={f.unchanged} testId="summary-unchanged" />
        <Stat label="Failed" value={f.failed} testId="summary-failed" />
        {f.cancelled > 0 && <Stat label="Cancelled" value={f.cancelled} />}
        <Stat label="Rows accepted" value={summary.accepted} testId="summary-accepted" />
        <Stat label="Duplicates" value={summary.duplicates} testId="summary-duplicates" />
        <Stat label="Rejected" value={summary.rejected} testId="summary-rejected" />
        {f.ignored > 0 && <Stat label="Other files ignored" value={f.ignored} />}
      </dl>
      <div className="summary-reasons">
        <div>
          <h3>Rejected rows by reason</h3>
          <ReasonList counts={summary.rejected_by_reason} empty="No rows rejected." />
        </div>
        <div>
          <h3>Kept with a warning</h3>
          <ReasonList counts={summary.warnings_by_reason} empty="No warnings." />
        </div>
      </div>
      {failed.length > 0 && (
        <div className="summary-failed">
          <h3>Files not imported</h3>
          <ul>
            {failed.map((r) => (
              <li key={r.id}>
                <strong title={r.path}>{baseName(r.path)}</strong>: {r.error_message ?? formatReason(r.error_code ?? 'internal')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {summary.rejected + warnings > 0 && (
        <button type="button" className="button" onClick={() => showRejected({ import_id: summary.import_id })} data-testid="open-rejected">
          See rejected rows
        </button>
      )}
    </section>
  );
}
