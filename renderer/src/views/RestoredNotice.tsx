// "Restored your last view": said once when the app reopens on the analyst's last view, with Reset.
import { useViews } from './views-store';

export function RestoredNotice() {
  const restored = useViews((s) => s.restored);
  const { reset, dismissRestored } = useViews.getState();
  return (
    <div role="status" className="views-restored">
      {restored && (
        <>
          <span data-testid="view-restored">Restored your last view.</span>{' '}
          <button type="button" className="button button-quiet" onClick={() => void reset()} data-testid="view-reset">
            Reset
          </button>
          <button type="button" className="button button-quiet" aria-label="Dismiss the notice" onClick={dismissRestored}>
            ×
          </button>
        </>
      )}
    </div>
  );
}
