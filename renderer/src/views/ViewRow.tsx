// One saved view in the list: open it (its Ctrl+N shown), rename in place, duplicate, move up, export
// as .json, delete (after asking).
import { useState } from 'react';
import type { SavedView } from '../../../shared/views';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useViews } from './views-store';

export interface ViewRowProps {
  view: SavedView;
  index: number;
  current: boolean;
  onOpen(): void;
}

export function ViewRow({ view, index, current, onOpen }: ViewRowProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(view.name);
  const [confirming, setConfirming] = useState(false);
  const views = useViews.getState();

  if (editing) {
    return (
      <li className="views-row">
        <form
          className="views-rename"
          onSubmit={(e) => {
            e.preventDefault();
            void views.rename(view.id, name.trim()).then((ok) => ok && setEditing(false));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setEditing(false);
            }
          }}
        >
          <input className="filter-search" aria-label={`New name for ${view.name}`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus data-testid="view-rename-input" />
          <button type="submit" className="button">Rename</button>
          <button type="button" className="button button-quiet" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }

  return (
    <li className="views-row" data-testid="view-row">
      <button type="button" className="views-open" aria-current={current ? 'true' : undefined} onClick={onOpen} aria-keyshortcuts={index < 9 ? `Control+${index + 1}` : undefined} data-testid="view-open">
        <span className="views-name">{view.name}</span>
        <span className="views-meta">
          {view.dates === 'relative' ? 'relative dates' : 'fixed dates'}
          {index < 9 ? ` · Ctrl+${index + 1}` : ''}
        </span>
      </button>
      <span className="views-actions">
        <button type="button" className="button button-quiet" aria-label={`Rename ${view.name}`} onClick={() => { setName(view.name); setEditing(true); }}>
          Rename
        </button>
        <button type="button" className="button button-quiet" aria-label={`Duplicate ${view.name}`} onClick={() => void views.duplicate(view.id)}>
          Duplicate
        </button>
        {index > 0 && (
          <button type="button" className="button button-quiet" aria-label={`Move ${view.name} up`} onClick={() => void views.move(view.id, index - 1)}>
            ↑
          </button>
        )}
        <button type="button" className="button button-quiet" aria-label={`Export ${view.name} as a .json file`} onClick={() => void views.exportView(view)}>
          Export
        </button>
        <button type="button" className="button button-quiet" aria-label={`Delete ${view.name}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      </span>
      {confirming && (
        // Escape closes the question only, not the list behind it.
        <span onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}>
          <ConfirmDialog
            title={`Delete the view "${view.name}"?`}
            confirmLabel="Delete"
            danger
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void views.remove(view.id);
            }}
          >
            The view is removed from this database; the data is not touched.
          </ConfirmDialog>
        </span>
      )}
    </li>
  );
}
