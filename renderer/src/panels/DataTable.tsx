import type { ClickMods } from '../view/filter-edit';
import { modsOf } from '../view/filter-edit';
import type { TableModel } from './tables';
import { drillProps } from '../drill/drill-props';
import type { DrillSpec } from '../drill/drill-spec';

export interface DataTableProps {
  model: TableModel;
  caption: string;
  /** Click-to-filter on the first cell of each row (when the model says what it filters by). */
  onPick?: (key: string, mods: ClickMods) => void;
  /** Row keys that are part of the current filter, highlighted. */
  selected?: string[];
  /** The events behind row i (Enter or double-click on the row); rows without one are not drillable. */
  drill?: (rowIndex: number) => DrillSpec | null;
}

export const PICK_HINT = 'Click to filter the dashboard by this; Ctrl+click adds to the selection, Alt+click excludes, clicking again removes';

export function DataTable({ model, caption, onPick, selected = [], drill }: DataTableProps) {
  const click = onPick ? model.click : undefined;
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {model.columns.map((c) => (
            <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {model.rows.map((row, i) => {
          const key = click?.keys[i];
          const isSelected = key !== undefined && selected.includes(key);
          const spec = drill?.(i);
          return (
            <tr key={i} className={isSelected ? 'row-selected' : undefined} aria-selected={click ? isSelected : undefined} {...(spec ? drillProps(spec) : {})}>
              {row.map((cell, j) => (
                <td key={j} className={model.columns[j].numeric ? 'num' : undefined}>
                  {j === 0 && key !== undefined ? (
                    // A real button: Enter and Space filter too, and a screen reader announces it as one.
                    // The second click of a double-click is the drill's, not a second filter change (which
                    // would take the value straight out again).
                    <button type="button" className="cell-pick" title={PICK_HINT} aria-pressed={isSelected} onClick={(e) => e.detail < 2 && onPick!(key, modsOf(e))}>
                      {cell}
                    </button>
                  ) : (
                    cell
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
