import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { ReportView, parseReportHash } from './report/ReportView';
import './styles/app.css';
import './styles/report.css';

function Root() {
  const report = parseReportHash(window.location.hash);
  return report ? <ReportView params={report} /> : <App />;
}

window.addEventListener('hashchange', () => window.location.reload());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
