// The "Views" control in the filter bar: the saved view on screen (with "modified", Revert and Save
// changes when the screen differs from it) and a button that opens the list: save the current view,
// open, rename, duplicate, reorder, export and delete views, import a .json view.
import { useEffect, useId, useRef } from 'react';
import { usePopover } from '../filters/use-popover';
import { lastDate, useApp } from '../store/app-store';
import { SaveViewForm } from './SaveViewForm';
import { useViewShortcuts } from './use-view-shortcuts';
import { ViewRow } from './ViewRow';
import { isModified, useViews } from './views-store';

export function ViewsControl() {
  const views = useViews((s) => s.views);
  const opened = useViews((s) => s.opened);
  const explore = useApp((s) => s.explore);
  const dims = useApp((s) => s.dimensions);
  // A dialog opened from the list (Delete) sits inside the popover, so clicks there keep it open.
  const { open, setOpen, button, box, close, onKeyDown } = usePopover();
  const file = useRef<HTMLInputElement>(null);
  const id = useId();
  const store = useViews.getState();
  const modified = opened !== null && isModified(opened, explore, lastDate(dims));
  useViewShortcuts();

  useEffect(() => {
    void useViews.getState().load();
  }, []);

  return (
    <div className="filter-control views-control" onKeyDown={onKeyDown}>
      <span className="filter-label" aria-hidden="true">
        Saved view
      </span>
      <div className="views-current">
        <button ref={button} type="button" className="button filter-button" aria-label="Saved views" aria-expanded={open} aria-controls={open ? id : undefined} aria-describedby={`${id}-current`} onClick={() => (open ? close() : setOpen(true))} data-testid="views-button" data-views={views.length}>
          <span id={`${id}-current`}>
            {opened ? opened.name : 'None'}
            {modified ? ' (modified)' : ''}
          </span>{' '}
          <span aria-hidden="true">▾</span>
        </button>
        {modified && (
          <>
            <span className="views-modified" data-testid="view-modified">
              modified
            </span>
            <button type="button" className="button button-quiet" aria-label={`Revert to the saved view ${opened.name}`} onClick={() => void store.revert()} data-testid="view-revert">
              Revert
            </button>
            <button type="button" className="button button-quiet" aria-label={`Save the changes to ${opened.name}`} onClick={() => void store.save(opened.name, opened.dates, opened.id)} data-testid="view-save-changes">
              Save changes
            </button>
          </>
        )}
      </div>
      {open && (
        <div ref={box} id={id} className="filter-popover views-popover" role="group" aria-label="Saved views" data-testid="views-popover">
          <SaveViewForm />
          {views.length === 0 ? (
            <p className="muted">No saved views yet. Ctrl+1 to Ctrl+9 open the first nine.</p>
          ) : (
            <ul className="views-list" aria-label="Saved views list">
              {views.map((v, i) => (
                <ViewRow
                  key={v.id}
                  view={v}
                  index={i}
                  current={opened?.id === v.id}
                  onOpen={() => {
                    void store.open(v);
                    close();
                  }}
                />
              ))}
            </ul>
          )}
          <button type="button" className="button" onClick={() => file.current?.click()}>
            Import a view…
          </button>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label="Import a view from a .json file"
            data-testid="view-import"
            onChange={(e) => {
              const picked = e.target.files?.[0];
              e.target.value = '';
              if (picked) void picked.text().then((text) => store.importText(text));
            }}
          />
        </div>
      )}
    </div>
  );
}
