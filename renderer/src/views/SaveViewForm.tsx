// Saves the view on screen under a name, its dates kept relative (the preset, moving with the data)
// or fixed (the dates themselves). Custom dates can only be fixed.
import { useId, useState } from 'react';
import { formatDate } from '../../../shared/format';
import { PRESET_LABELS } from '../../../shared/presets';
import { stateToSave, type ViewDates } from '../../../shared/views';
import { lastDate, useApp } from '../store/app-store';
import { named, useViews } from './views-store';

export function SaveViewForm() {
  const id = useId();
  const [name, setName] = useState('');
  const [dates, setDates] = useState<ViewDates>('relative');
  const explore = useApp((s) => s.explore);
  const dims = useApp((s) => s.dimensions);
  const view = named(explore, lastDate(dims));
  const canRelative = typeof stateToSave(view, 'relative') === 'string';
  const chosen = canRelative ? dates : 'fixed';
  const f = view.filter;
  const relativeText = view.preset && view.preset !== 'custom' ? PRESET_LABELS[view.preset] : 'All data';
  const fixedText = f.from || f.to ? `${formatDate(f.from)} – ${formatDate(f.to)}` : 'All data';

  return (
    <form
      className="views-save"
      aria-label="Save the current view"
      onSubmit={(e) => {
        e.preventDefault();
        void useViews.getState().save(name.trim(), chosen).then((saved) => saved && setName(''));
      }}
    >
      <label htmlFor={`${id}-name`} className="filter-label">
        Save the current view as
      </label>
      <input id={`${id}-name`} className="filter-search" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Name" data-testid="view-name" />
      <fieldset className="filter-mode">
        <legend className="visually-hidden">Dates</legend>
        <label>
          <input type="radio" name={`${id}-dates`} checked={chosen === 'relative'} disabled={!canRelative} onChange={() => setDates('relative')} data-testid="view-dates-relative" /> Relative ({relativeText})
        </label>
        <label>
          <input type="radio" name={`${id}-dates`} checked={chosen === 'fixed'} onChange={() => setDates('fixed')} data-testid="view-dates-fixed" /> Fixed ({fixedText})
        </label>
      </fieldset>
      {!canRelative && <p className="muted views-hint">Custom dates can only be kept fixed.</p>}
      <button type="submit" className="button button-primary" data-testid="view-save">
        Save view
      </button>
    </form>
  );
}
