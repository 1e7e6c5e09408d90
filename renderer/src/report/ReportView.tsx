// The print-styled report (route #/report?page=A4|Letter[&print=1]): a running header with the view on
// every page, title, when it was generated, data coverage and quality, and the five metrics each with
// definition, chart and table (with the comparison columns when a comparison is on). The desktop shell prints
// it with printToPDF; browser mode prints it with window.print(). Once everything is drawn, <body>
// gets data-report-ready="true" (or data-report-ready="error") so a printer knows when to start.
import { useEffect, useState } from 'react';
import type { MetricsResponse } from '../../../shared/metrics';
import type { DataQuality } from '../../../shared/importing';
import { viewLine } from '../../../shared/view-text';
import { METRIC_DEFINITIONS, METRIC_ORDER } from '../../../shared/metric-definitions';
import { formatDate, formatDateTime, plural } from '../../../shared/format';
import { host } from '../api/host';
import { errorMessage, invoke } from '../api/invoke';
import { DataTable } from '../panels/DataTable';
import { MetricVisual } from '../panels/MetricVisual';
import { EMPTY_TEXT, hasData, tableFor } from '../panels/tables';
import { viewRequest } from '../store/app-store';
import type { ReportParams } from '../../../shared/report-hash';
import { DataQualitySection } from './DataQualitySection';

export { parseReportHash, type ReportParams } from '../../../shared/report-hash';

export function ReportView({ params }: { params: ReportParams }) {
  const [data, setData] = useState<{ metrics: MetricsResponse; quality: DataQuality } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generatedAt] = useState(() => new Date().toISOString());
  const request = viewRequest(params.view);

  useEffect(() => {
    document.documentElement.classList.add('printing');
    Promise.all([invoke('getMetrics', request), invoke('getDataQuality', request.filter ? { filter: request.filter } : {})]).then(
      ([metrics, quality]) => setData({ metrics, quality }),
      (err) => setError(errorMessage(err)),
    );
  }, []);

  useEffect(() => {
    if (!data && !error) return;
    // Two frames: React has committed and chart.js (animation off) has drawn every canvas.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        document.body.dataset.reportReady = error ? 'error' : 'true';
        if (params.print && !error) window.print();
      }),
    );
  }, [data, error, params.print]);

  const c = data?.metrics.coverage;
  const metrics = data?.metrics.metrics;
  const previous = data?.metrics.compare?.metrics;
  const line = viewLine(request.filter, request.compare);
  // The whole report is one table whose header row Chromium repeats on every printed page (CSS running
  // headers are not supported in print), so each page says which filter and period it shows.
  return (
    <article className={`report report-${params.page.toLowerCase()}${host().mode === 'browser' ? ' report-own-footer' : ''}`} data-testid="report">
      <table className="report-frame">
        <thead>
          <tr>
            <td className="report-running-head" data-testid="report-running-head">
              Merchant Analytics · {line}
            </td>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <header className="report-header">
                <h1>Merchant Analytics report</h1>
                <p>Generated {formatDateTime(generatedAt)}</p>
                <p data-testid="report-view">{line}</p>
                {c && (
                  <p data-testid="report-coverage">
                    Data coverage:{' '}
                    {c.first_date && c.last_date ? `${formatDate(c.first_date)} to ${formatDate(c.last_date)}` : 'no dated events'}, {plural(c.files, 'file')},{' '}
                    {plural(c.events, 'row')}, {plural(c.rejected_rows, 'rejected row')}.
                  </p>
                )}
              </header>
              {error && <p role="alert">The report could not be made: {error}</p>}
              {data && c && <DataQualitySection coverage={c} quality={data.quality} compare={data.metrics.compare?.coverage} />}
              {metrics &&
                METRIC_ORDER.map((name, i) => {
                  const def = METRIC_DEFINITIONS[name];
                  return (
                    <section key={name} className="report-section" data-testid={`report-${name}`}>
                      <h2>
                        {i + 1}. {def.title}
                      </h2>
                      <p className="report-definition">{def.definition}</p>
                      {hasData(name, metrics) ? (
                        <>
                          <MetricVisual name={name} metrics={metrics} previous={previous} print />
                          <DataTable model={tableFor(name, metrics, previous)} caption={def.title} />
                        </>
                      ) : (
                        <p>{EMPTY_TEXT[name]}</p>
                      )}
                    </section>
                  );
                })}
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}
