// The (i) button on each panel: shows the metric's exact definition; Escape or a second press hides it.
import { useId, useState } from 'react';

export function InfoButton({ title, definition }: { title: string; definition: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="info">
      <button
        type="button"
        className="icon-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`How ${title} is calculated`}
        title={`How ${title} is calculated`}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        i
      </button>
      {open && (
        <div id={id} role="note" className="info-popover" data-testid="definition">
          <strong>{title}</strong>
          <p>{definition}</p>
        </div>
      )}
    </span>
  );
}
