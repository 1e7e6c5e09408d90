// The window: top bar (views, import, export), progress, and the current view.
import { useEffect, useState } from 'react';
import { host } from '../api/host';
import { useApp, type View } from '../store/app-store';
import { coverageText } from './CoverageLine';
import { Dashboard } from './Dashboard';
import { DefinitionsDialog } from './DefinitionsDialog';
import { CheckDialog } from './CheckDialog';
import { DropZone } from './DropZone';
import { ExportDialog } from './ExportDialog';
import { CleanExportDialog } from './CleanExportDialog';
import { History } from './History';
import { ProgressView } from './ProgressView';
import { RejectedRows } from './RejectedRows';
import { StartOver } from './StartOver';
import { Toasts } from './Toasts';
import { listenForWatchNotices, useWatch } from '../store/watch-store';
import { useViewKeys } from '../filters/use-view-keys';
import { DrillDrawer } from '../drill/DrillDrawer';
import { MerchantProfile } from '../merchant/MerchantProfile';
import { MerchantSearch } from '../merchant/MerchantSearch';

const VIEWS: { id: View; label: string }[] = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'history', label: 'Import history' },
  { id: 'rejected', label: 'Rejected rows' },
];

/** Commands the desktop shell's menu sends: window.dispatchEvent(new CustomEvent('analytics-command', { detail })). */
export type AppCommand = 'import-folders' | 'watch-folder' | 'export-report' | 'export-clean-events' | 'show-definitions' | 'check-database';

export function App() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const phase = useApp((s) => s.phase);
  const metrics = useApp((s) => s.metrics);
  const choose = useApp((s) => s.chooseAndImport);
  const merchant = useApp((s) => s.merchant);
  const damaged = useApp((s) => s.damaged);
  const readOnly = useApp((s) => s.status?.read_only_reason ?? null);
  const statusError = useApp((s) => s.statusError);
  const [dialog, setDialog] = useState<'export' | 'clean' | 'definitions' | 'search' | 'check' | null>(null);
  useViewKeys();
  // A view tab leaves an open merchant profile (its hash goes back to the dashboard's).
  const showView = (v: View) => {
    if (merchant !== null) useApp.getState().closeMerchant();
    setView(v);
  };
  const hasData = 'data' in metrics && metrics.data !== undefined && metrics.data.coverage.files > 0;

  useEffect(() => {
    void useApp.getState().refresh();
    void useApp.getState().loadStatus();
  }, []);

  useEffect(() => listenForWatchNotices(), []);
  // Another view starts at its top, not at the scroll position of the one before.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [view, merchant]);

  useEffect(() => {
    const data = 'data' in metrics ? metrics.data : undefined;
    document.title = data && data.coverage.files > 0 ? `Merchant Analytics — ${coverageText(data.coverage)}` : 'Merchant Analytics';
  }, [metrics]);

  useEffect(() => {
    const run = (cmd: AppCommand) => {
      if (cmd === 'import-folders') void useApp.getState().chooseAndImport();
      else if (cmd === 'watch-folder') void useWatch.getState().chooseAndWatch();
      else if (cmd === 'export-report') setDialog('export');
      else if (cmd === 'export-clean-events') setDialog('clean');
      else if (cmd === 'show-definitions') setDialog('definitions');
      else if (cmd === 'check-database') setDialog('check');
    };
    const onCommand = (e: Event) => run((e as CustomEvent<AppCommand>).detail);
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.key === 'o') {
        e.preventDefault();
        run('import-folders');
      } else if (e.key === 'e' || e.key === 'p') {
        e.preventDefault();
        run('export-report');
      } else if (e.key === 'k') {
        // Ctrl+K: find a merchant, from anywhere in the window (even inside a text box).
        e.preventDefault();
        setDialog('search');
      }
    };
    window.addEventListener('analytics-command', onCommand);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('analytics-command', onCommand);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  if (statusError) {
    // Nothing can be asked of the engine (browser mode without its access key): one message, not one per panel.
    return (
      <main className="page-message" role="alert" data-testid="page-error">
        <h1>Merchant Analytics cannot load</h1>
        <p>{statusError}</p>
      </main>
    );
  }

  return (
    <div className="app">
      {/* Moves focus itself: following "#main" would change the hash, which holds the dashboard's view. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">Merchant Analytics</div>
        <nav className="tabs" aria-label="Views">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" className="tab" aria-current={view === v.id && !merchant ? 'page' : undefined} onClick={() => showView(v.id)} data-testid={`tab-${v.id}`}>
              {v.label}
            </button>
          ))}
        </nav>
        <div className="topbar-actions">
          <button type="button" className="button button-quiet" onClick={() => setDialog('search')} title="Ctrl+K" data-testid="find-merchant">
            Find merchant…
          </button>
          <button type="button" className="button button-quiet" onClick={() => setDialog('definitions')}>
            Definitions
          </button>
          <button type="button" className="button" onClick={() => void choose()} disabled={phase !== 'idle' || readOnly !== null} title={readOnly ?? 'Ctrl+O'} data-testid="import-button">
            {host().chooseLabel}
          </button>
          <button type="button" className="button button-primary" onClick={() => setDialog('export')} disabled={!hasData} title="Ctrl+E" data-testid="export-button">
            Export report…
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {readOnly && (
          <p className="read-only-note" role="status" data-testid="read-only">
            {readOnly}
          </p>
        )}
        <ProgressView />
        <StartOver />
        {damaged === null && (
          <>
            {merchant !== null && <MerchantProfile merchant={merchant} />}
            {merchant === null && view === 'dashboard' && <Dashboard />}
            {merchant === null && view === 'history' && <History />}
            {merchant === null && view === 'rejected' && <RejectedRows />}
          </>
        )}
      </main>
      <DropZone />
      <Toasts />
      <DrillDrawer />
      {dialog === 'export' && <ExportDialog onClose={() => setDialog(null)} onCleanEvents={() => setDialog('clean')} />}
      {dialog === 'clean' && <CleanExportDialog onClose={() => setDialog(null)} />}
      {dialog === 'definitions' && <DefinitionsDialog onClose={() => setDialog(null)} />}
      {dialog === 'check' && <CheckDialog onClose={() => setDialog(null)} />}
      {dialog === 'search' && (
        <MerchantSearch
          onClose={() => setDialog(null)}
          onOpen={(id) => {
            setDialog(null);
            useApp.getState().openMerchant(id);
          }}
        />
      )}
    </div>
  );
}
