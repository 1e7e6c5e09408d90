import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { ReportView, parseReportHash } from './report/ReportView';
import { startUrlSync } from './view/url-sync';
import { isDashboardHash } from './view/url-state';
import './styles/app.css';
import './styles/report.css';

const report = parseReportHash(window.location.hash);
if (!report) startUrlSync();

function Root() {
  return report ? <ReportView params={report} /> : <App />;
}

// Filter changes move within the dashboard's hash (url-sync follows them); only a switch to or from
// another route (the report) needs the page drawn afresh.
window.addEventListener('hashchange', () => {
  if ((parseReportHash(window.location.hash) !== null) !== (report !== null) || (!report && !isDashboardHash(window.location.hash))) window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
