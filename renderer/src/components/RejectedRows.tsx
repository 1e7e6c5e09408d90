// Every row an import rejected or kept with a warning: file, line, reason and the raw text, a page at a time.
import { useEffect, useState } from 'react';
import type { RejectedRowsPage } from '../../../shared/importing';
import { baseName, formatCount, formatDateTime, formatReason } from '../../../shared/format';
import { errorMessage, invoke } from '../api/invoke';
import { useApp } from '../store/app-store';
import { Pager } from './Pager';

const PAGE = 100;
type Kind = 'rejected' | 'warning' | 'all';

export function RejectedRows() {
  const importId = useApp((s) => s.rejectedImportId);
  const history = useApp((s) => s.history);
  const showRejected = useApp((s) => s.showRejected);
  const exportCsv = useApp((s) => s.exportCsv);
  const [kind, setKind] = useState<Kind>('all');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RejectedRowsPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => setOffset(0), [importId, kind]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    invoke('getRejectedRows', { ...(importId ? { import_id: importId } : {}), kind, offset, limit: PAGE })
      .then((p) => {
        if (!live) return;
        setPage(p);
        setError(null);
      })
      .catch((err) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [importId, kind, offset]);

  const imports = 'data' in history && history.data ? history.data.imports : [];

  return (
    <section className="view" aria-labelledby="rejected-title" data-testid="rejected-view">
      <header className="view-header">
        <h1 id="rejected-title">Rejected rows</h1>
        <div className="view-tools">
          {imports.length > 0 && (
            <label>
              Import{' '}
              <select value={importId ?? ''} onChange={(e) => showRejected(e.target.value ? Number(e.target.value) : undefined)}>
                {importId === undefined && <option value="">Latest</option>}
                {imports.map((i) => (
                  <option key={i.id} value={i.id}>
                    #{i.id} · {formatDateTime(i.started_at)} · {formatCount(i.rejected)} rejected
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Show{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="rejected-kind">
              <option value="all">Rejected and warnings</option>
              <option value="rejected">Rejected only</option>
              <option value="warning">Warnings only</option>
            </select>
          </label>
          <button type="button" className="button" onClick={() => void exportCsv('rejected_rows', importId)} disabled={!page || page.total === 0}>
            Export CSV
          </button>
        </div>
      </header>
      <p className="muted">
        Rejected rows were not imported. Rows with a warning were kept, with the bad date or amount left empty, so they count where
        that value is not needed.
      </p>
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      {page && page.total === 0 && !loading && <p className="panel-empty">No rows were rejected or warned about in this import.</p>}
      {page && page.total > 0 && (
        <>
          <p className="muted" data-testid="rejected-total">
            {formatCount(page.total)} {page.total === 1 ? 'row' : 'rows'}
          </p>
          <div className="table-scroll">
            <table className="data-table rejected-table" aria-busy={loading}>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Raw text</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.id}>
                    <td title={r.path}>{baseName(r.path)}</td>
                    <td className="num">{formatCount(r.line)}</td>
                    <td>{r.kind === 'rejected' ? 'Rejected' : 'Kept, warning'}</td>
                    <td>{formatReason(r.reason)}</td>
                    <td>
                      <code className="raw">{r.raw}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={page.offset} limit={PAGE} total={page.total} onPage={setOffset} label="Rejected rows pages" />
        </>
      )}
    </section>
  );
}
