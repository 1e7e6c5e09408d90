// Every row an import rejected or kept with a warning: file, line, reason and the raw text, a page at a
// time; of one import, or of the files counted in the numbers on screen; narrowed by file and reason.
import { useEffect, useState } from 'react';
import type { RejectedRowsPage, RejectedRowsScope } from '../../../shared/importing';
import { baseName, formatCount, formatDateTime, formatReason } from '../../../shared/format';
import { errorMessage, invoke } from '../api/invoke';
import { useApp } from '../store/app-store';
import { Pager } from './Pager';

const PAGE = 100;
type Kind = 'rejected' | 'warning' | 'all';
const SELECTION = 'selection';

export function RejectedRows() {
  const stored = useApp((s) => s.rejectedScope);
  const dashboardFilter = useApp((s) => s.explore.filter);
  const history = useApp((s) => s.history);
  const showRejected = useApp((s) => s.showRejected);
  const exportCsv = useApp((s) => s.exportCsv);
  // "The numbers on screen" follows the dashboard's filter as it is now, not as it was when opened.
  const scope: RejectedRowsScope = stored.filter ? { ...stored, filter: dashboardFilter } : stored;
  const kind: Kind = scope.kind ?? 'all';
  const importId = scope.import_id;
  const key = JSON.stringify(scope);
  const narrow = (change: Partial<RejectedRowsScope>) => showRejected({ ...scope, ...change });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RejectedRowsPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => setOffset(0), [key]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    invoke('getRejectedRows', { ...scope, kind, offset, limit: PAGE })
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key is the scope
  }, [key, offset]);

  const imports = 'data' in history && history.data ? history.data.imports : [];

  return (
    <section className="view" aria-labelledby="rejected-title" data-testid="rejected-view">
      <header className="view-header">
        <h1 id="rejected-title">Rejected rows</h1>
        <div className="view-tools">
          <label>
            Rows of{' '}
            <select
              value={scope.filter ? SELECTION : (importId ?? '')}
              onChange={(e) => showRejected({ kind, ...(e.target.value === SELECTION ? { filter: dashboardFilter } : e.target.value ? { import_id: Number(e.target.value) } : {}) })}
              data-testid="rejected-scope"
            >
              <option value={SELECTION}>The numbers on screen</option>
              {importId === undefined && !scope.filter && <option value="">Latest import</option>}
              {imports.map((i) => (
                <option key={i.id} value={i.id}>
                  Import #{i.id} · {formatDateTime(i.started_at)} · {formatCount(i.rejected)} rejected
                </option>
              ))}
            </select>
          </label>
          <label>
            File{' '}
            <select value={scope.import_file_id ?? ''} onChange={(e) => narrow({ import_file_id: e.target.value ? Number(e.target.value) : undefined })} data-testid="rejected-file">
              <option value="">All files</option>
              {/* A file opened from the history stays listed even when it has no rows of this kind. */}
              {scope.import_file_id !== undefined && page && !page.files.some((f) => f.import_file_id === scope.import_file_id) && (
                <option value={scope.import_file_id}>This file</option>
              )}
              {page?.files.map((f) => (
                <option key={f.import_file_id} value={f.import_file_id}>
                  {baseName(f.path)} · {formatCount(f.rows)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reason{' '}
            <select value={scope.reason ?? ''} onChange={(e) => narrow({ reason: (e.target.value || undefined) as RejectedRowsScope['reason'] })} data-testid="rejected-reason">
              <option value="">All reasons</option>
              {scope.reason && page && !page.reasons.some((r) => r.reason === scope.reason) && <option value={scope.reason}>{formatReason(scope.reason)}</option>}
              {page?.reasons.map((r) => (
                <option key={r.reason} value={r.reason}>
                  {formatReason(r.reason)} · {formatCount(r.rows)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Show{' '}
            <select value={kind} onChange={(e) => narrow({ kind: e.target.value as Kind })} data-testid="rejected-kind">
              <option value="all">Rejected and warnings</option>
              <option value="rejected">Rejected only</option>
              <option value="warning">Warnings only</option>
            </select>
          </label>
          <button type="button" className="button" onClick={() => void exportCsv('rejected_rows', { ...scope, kind })} disabled={!page || page.total === 0} data-testid="rejected-export">
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
      {page && page.total === 0 && !loading && (
        <p className="panel-empty">{scope.filter ? 'No rows of the files counted in the numbers on screen were rejected or warned about.' : 'No rows were rejected or warned about in this import.'}</p>
      )}
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
