// The print-styled report (route #/report?page=A4|Letter[&print=1]): title, when it was generated,
// data coverage, and the five metrics each with definition, chart and table. The desktop shell prints
// it with printToPDF; browser mode prints it with window.print(). Once everything is drawn, <body>
// gets data-report-ready="true" (or data-report-ready="error") so a printer knows when to start.
import { useEffect, useState } from 'react';
import type { MetricsResponse } from '../../../shared/metrics';
import { METRIC_DEFINITIONS, METRIC_ORDER } from '../../../shared/metric-definitions';
import { formatDate, formatDateTime, plural } from '../../../shared/format';
import { host } from '../api/host';
import { errorMessage, invoke } from '../api/invoke';
import { DataTable } from '../panels/DataTable';
import { MetricVisual } from '../panels/MetricVisual';
import { EMPTY_TEXT, hasData, tableFor } from '../panels/tables';
import { viewRequest } from '../store/app-store';
import type { ReportParams } from './report-hash';

export { parseReportHash, type ReportParams } from './report-hash';

export function ReportView({ params }: { params: ReportParams }) {
  const [data, setData] = useState<MetricsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generatedAt] = useState(() => new Date().toISOString());

  useEffect(() => {
    document.documentElement.classList.add('printing');
    invoke('getMetrics', viewRequest(params.view)).then(setData, (err) => setError(errorMessage(err)));
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

  const c = data?.coverage;
  return (
    <article className={`report report-${params.page.toLowerCase()}${host().mode === 'browser' ? ' report-own-footer' : ''}`} data-testid="report">
      <header className="report-header">
        <h1>Merchant Analytics report</h1>
        <p>Generated {formatDateTime(generatedAt)}</p>
        {c && (
          <p data-testid="report-coverage">
            Data coverage:{' '}
            {c.first_date && c.last_date ? `${formatDate(c.first_date)} to ${formatDate(c.last_date)}` : 'no dated events'}, {plural(c.files, 'file')},{' '}
            {plural(c.events, 'row')}, {plural(c.rejected_rows, 'rejected row')}.
          </p>
        )}
      </header>
      {error && <p role="alert">The report could not be made: {error}</p>}
      {data &&
        METRIC_ORDER.map((name, i) => {
          const def = METRIC_DEFINITIONS[name];
          return (
            <section key={name} className="report-section" data-testid={`report-${name}`}>
              <h2>
                {i + 1}. {def.title}
              </h2>
              <p className="report-definition">{def.definition}</p>
              {hasData(name, data.metrics) ? (
                <>
                  <MetricVisual name={name} metrics={data.metrics} print />
                  <DataTable model={tableFor(name, data.metrics)} caption={def.title} />
                </>
              ) : (
                <p>{EMPTY_TEXT[name]}</p>
              )}
            </section>
          );
        })}
    </article>
  );
}
