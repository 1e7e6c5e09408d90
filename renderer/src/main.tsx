import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { ReportView, parseReportHash } from './report/ReportView';
import { startUrlSync } from './view/url-sync';
import { isViewHash } from '../../shared/url-state';
import { startLastView } from './views/last-view';
import './styles/app.css';
import './styles/report.css';

const report = parseReportHash(window.location.hash);
if (!report) {
  startUrlSync();
  void startLastView();
}

function Root() {
  return report ? <ReportView params={report} /> : <App />;
}

// Filter changes and merchant profiles move within the views' hashes (url-sync follows them); only a
// switch to or from another route (the report) needs the page drawn afresh.
window.addEventListener('hashchange', () => {
  if ((parseReportHash(window.location.hash) !== null) !== (report !== null) || (!report && !isViewHash(window.location.hash))) window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
