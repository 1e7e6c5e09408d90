// The bar above the dashboard: date range, the four dimensions, comparison, and the active filters as
// chips. Every change goes through setExplore, which writes the URL and reloads the panels.
import { FILTER_DIMENSIONS } from '../../../shared/filter';
import { useApp } from '../store/app-store';
import { listOf, modeOf, removeMerchant, removeValue, switchMode, toggleValue, withDates } from '../view/filter-edit';
import { presetFor } from '../../../shared/presets';
import { CompareControl } from './CompareControl';
import { DateRangeControl } from './DateRangeControl';
import { DimensionSelect } from './DimensionSelect';
import { DIMENSION_LABELS, FilterChips, type ChipTarget } from './FilterChips';
import { RestoredNotice } from '../views/RestoredNotice';
import { ViewsControl } from '../views/ViewsControl';

export const FILTER_BAR_ID = 'filter-bar';

export function FilterBar() {
  const view = useApp((s) => s.explore);
  const dims = useApp((s) => s.dimensions);
  const setExplore = useApp((s) => s.setExplore);
  const urlError = useApp((s) => s.urlError);
  const data = 'data' in dims ? dims.data : undefined;
  const lastDate = data?.last_date ?? null;
  const firstDate = data?.first_date ?? null;
  const f = view.filter;
  const preset = view.preset ?? presetFor(f, lastDate);
  const apply = (filter: typeof f, extra: Partial<typeof view> = {}) => void setExplore({ ...view, filter, ...extra });

  const removeChip = (t: ChipTarget) => {
    if (t.kind === 'dates') apply(withDates(f, null), { preset: 'all', compare: undefined });
    else if (t.kind === 'merchant') apply(removeMerchant(f, t.value));
    else apply(removeValue(f, t.dim, t.value, t.exclude ? 'exclude' : 'include'));
  };

  return (
    <section id={FILTER_BAR_ID} className="filter-bar" aria-label="Filters (press / to come here)" data-testid="filter-bar" data-pending={dims.status === 'loading' ? 'true' : 'false'}>
      <div className="filter-row">
        <DateRangeControl
          preset={preset}
          from={f.from}
          to={f.to}
          firstDate={firstDate}
          lastDate={lastDate}
          onPreset={(p) => {
            if (p === 'custom') apply(withDates(f, { from: f.from ?? firstDate ?? '', to: f.to ?? lastDate ?? '' }), { preset: 'custom' });
            else void setExplore({ ...view, preset: p });
          }}
          onCustom={(r) => apply(withDates(f, r), { preset: 'custom' })}
        />
        {FILTER_DIMENSIONS.map((dim) => {
          const mode = modeOf(f, dim);
          return (
            <DimensionSelect
              key={dim}
              label={DIMENSION_LABELS[dim]}
              testId={`filter-${dim}`}
              values={data?.dimensions[dim] ?? []}
              selected={listOf(f, dim, mode)}
              mode={mode}
              onToggle={(v, m) => apply(toggleValue(f, dim, v, m))}
              onMode={(m) => apply(switchMode(f, dim, m))}
            />
          );
        })}
        <CompareControl value={view.compare} filter={f} onChange={(c) => void setExplore({ ...view, compare: c })} />
        <ViewsControl />
      </div>
      <RestoredNotice />
      <FilterChips filter={f} onRemove={removeChip} onClear={() => void setExplore({ filter: {}, preset: 'all' })} />
      {urlError && (
        <p className="filter-error" role="status" data-testid="url-error">
          {urlError}
        </p>
      )}
    </section>
  );
}
