// One chip per active filter value, each with its own remove button, and "Clear all".
import { FILTER_DIMENSIONS, type FilterDimension, type MetricFilter } from '../../../shared/filter';
import { formatDate } from '../../../shared/format';

export const DIMENSION_LABELS: Record<FilterDimension, string> = { region: 'Region', channel: 'Channel', tier: 'Tier', product: 'Product' };

export type ChipTarget = { kind: 'dates' } | { kind: 'value'; dim: FilterDimension; value: string; exclude: boolean } | { kind: 'merchant'; value: string };

interface Chip {
  key: string;
  text: string;
  target: ChipTarget;
}

export function chipsOf(filter: MetricFilter): Chip[] {
  const chips: Chip[] = [];
  if (filter.from && filter.to) chips.push({ key: 'dates', text: `${formatDate(filter.from)} – ${formatDate(filter.to)}`, target: { kind: 'dates' } });
  for (const dim of FILTER_DIMENSIONS) {
    for (const value of filter[dim] ?? []) chips.push({ key: `${dim}:${value}`, text: `${DIMENSION_LABELS[dim]}: ${value}`, target: { kind: 'value', dim, value, exclude: false } });
    for (const value of filter.exclude?.[dim] ?? []) chips.push({ key: `-${dim}:${value}`, text: `${DIMENSION_LABELS[dim]}: not ${value}`, target: { kind: 'value', dim, value, exclude: true } });
  }
  for (const value of filter.merchant ?? []) chips.push({ key: `m:${value}`, text: `Merchant: ${value}`, target: { kind: 'merchant', value } });
  return chips;
}

export function FilterChips({ filter, onRemove, onClear }: { filter: MetricFilter; onRemove(t: ChipTarget): void; onClear(): void }) {
  const chips = chipsOf(filter);
  if (chips.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Active filters" data-testid="filter-chips">
      {chips.map((c) => (
        <li key={c.key} className="chip" data-testid="filter-chip">
          <span>{c.text}</span>
          <button type="button" className="chip-remove" aria-label={`Remove ${c.text}`} onClick={() => onRemove(c.target)}>
            ×
          </button>
        </li>
      ))}
      <li>
        <button type="button" className="link-button" onClick={onClear} data-testid="filter-clear-all">
          Clear all
        </button>
      </li>
    </ul>
  );
}
