// The ledger: files whose rows are in the database now (by date, with missing days marked), and every
// file every import has seen. "Forget this file" removes a file's rows after a confirmation.
import { useMemo, useState } from 'react';
import type { HistoryResponse, SourceFile } from '../../../shared/importing';
import { baseName, formatCount, formatDate, formatDateTime, formatReason, plural } from '../../../shared/format';
import { useApp } from '../store/app-store';
import { ConfirmDialog } from './ConfirmDialog';
import { Pager } from './Pager';
import { WatchedFolders } from './WatchedFolders';

const PAGE = 100;

type Row = { kind: 'source'; source: SourceFile } | { kind: 'missing'; day: string };

/** Sources in date order with each missing day placed where it belongs. */
export function ledgerRows(h: HistoryResponse): Row[] {
  const dated = [...h.sources].sort((a, b) => (a.file_date ?? '9999').localeCompare(b.file_date ?? '9999') || a.path.localeCompare(b.path));
  const missing = [...h.missing_days].sort();
  const rows: Row[] = [];
  let m = 0;
  for (const s of dated) {
    while (m < missing.length && s.file_date !== null && missing[m] < s.file_date) rows.push({ kind: 'missing', day: missing[m++] });
    rows.push({ kind: 'source', source: s });
  }
  while (m < missing.length) rows.push({ kind: 'missing', day: missing[m++] });
  return rows;
}

export function History() {
  const history = useApp((s) => s.history);
  const forget = useApp((s) => s.forgetFile);
  const busy = useApp((s) => s.phase !== 'idle');
  const readOnly = useApp((s) => s.status?.read_only_reason ?? null);
  const showRejected = useApp((s) => s.showRejected);
  const [confirm, setConfirm] = useState<SourceFile | null>(null);
  const [offset, setOffset] = useState(0);
  const [logOffset, setLogOffset] = useState(0);
  const data = 'data' in history ? history.data : undefined;
  const rows = useMemo(() => (data ? ledgerRows(data) : []), [data]);

  if (!data) {
    return (
      <section className="view" data-testid="history-view">
        <h1>Import history</h1>
        {history.status === 'error' ? <p role="alert" className="panel-error">{history.error}</p> : <p className="muted">Loading…</p>}
      </section>
    );
  }

  const files = [...data.files].sort((a, b) => b.id - a.id);
  return (
    <section className="view" aria-labelledby="history-title" data-testid="history-view">
      <header className="view-header">
        <h1 id="history-title">Import history</h1>
        {/* The same command as File → Check and Repair Database…, so browser mode has it too. */}
        <button type="button" className="button button-quiet" onClick={() => window.dispatchEvent(new CustomEvent('analytics-command', { detail: 'check-database' }))} data-testid="check-database">
          Check and repair…
        </button>
      </header>
      <WatchedFolders />

      <h2>Files in the metrics</h2>
      {data.missing_days.length > 0 ? (
        <p className="missing-note" data-testid="missing-days">
          {plural(data.missing_days.length, 'day')} without a file inside the covered range:{' '}
          {data.missing_days.slice(0, 10).map(formatDate).join(', ')}
          {data.missing_days.length > 10 ? ` and ${formatCount(data.missing_days.length - 10)} more` : ''}.
        </p>
      ) : (
        data.sources.length > 0 && <p className="muted">No days missing between the first and last file.</p>
      )}
      {rows.length === 0 ? (
        <p className="panel-empty">No files are in the database.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="sources-table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">File</th>
                  <th scope="col" className="num">Rows</th>
                  <th scope="col">Imported</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(offset, offset + PAGE).map((r) =>
                  r.kind === 'missing' ? (
                    <tr key={`m-${r.day}`} className="row-missing" data-testid="missing-row">
                      <td>{formatDate(r.day)}</td>
                      <td colSpan={4}>No file for this day</td>
                    </tr>
                  ) : (
                    <tr key={`s-${r.source.id}`} data-testid="source-row">
                      <td>{formatDate(r.source.file_date)}</td>
                      <td title={r.source.path}>{baseName(r.source.path)}</td>
                      <td className="num">{formatCount(r.source.events)}</td>
                      <td>{formatDateTime(r.source.imported_at)}</td>
                      <td className="actions">
                        <button type="button" className="button button-quiet" disabled={busy || readOnly !== null} title={readOnly ?? undefined} onClick={() => setConfirm(r.source)} data-testid="forget-file">
                          Forget this file
                        </button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={PAGE} total={rows.length} onPage={setOffset} label="Files pages" />
        </>
      )}

      <h2>Every file each import read</h2>
      {files.length === 0 ? (
        <p className="panel-empty">Nothing imported yet.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="ledger-table">
              <thead>
                <tr>
                  <th scope="col">Import</th>
                  <th scope="col">File</th>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Rows read</th>
                  <th scope="col" className="num">Accepted</th>
                  <th scope="col" className="num">Duplicates</th>
                  <th scope="col" className="num">Rejected</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {files.slice(logOffset, logOffset + PAGE).map((f) => (
                  <tr key={f.id} className={f.status === 'failed' ? 'row-failed' : undefined}>
                    <td>#{f.import_id}</td>
                    <td title={f.path}>
                      {baseName(f.path)}
                      {f.error_message && <div className="row-error">{f.error_message}</div>}
                    </td>
                    <td>{formatDate(f.file_date)}</td>
                    <td>
                      <span className={`status status-${f.status}`}>{formatReason(f.status)}</span>
                    </td>
                    <td className="num">{formatCount(f.rows_read)}</td>
                    <td className="num">{formatCount(f.accepted)}</td>
                    <td className="num">{formatCount(f.duplicates)}</td>
                    <td className="num">
                      {f.rejected > 0 ? (
                        <button type="button" className="link-button" onClick={() => showRejected({ import_id: f.import_id, import_file_id: f.id, kind: 'rejected' })} data-testid="ledger-rejected">
                          {formatCount(f.rejected)}
                        </button>
                      ) : (
                        '0'
                      )}
                    </td>
                    <td>{formatDateTime(f.finished_at ?? f.started_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={logOffset} limit={PAGE} total={files.length} onPage={setLogOffset} label="Ledger pages" />
        </>
      )}

      {confirm && (
        <ConfirmDialog
          title="Forget this file?"
          confirmLabel="Forget file"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const s = confirm;
            setConfirm(null);
            void forget(s.id, baseName(s.path));
          }}
        >
          <p>
            The {formatCount(confirm.events)} rows of <strong>{baseName(confirm.path)}</strong> will be removed from the database and every
            metric will be recalculated without them. The file on disk is not touched; you can import it again at any time.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
