import { useModal } from './use-modal';
import { METRIC_DEFINITIONS, METRIC_ORDER } from '../../../shared/metric-definitions';

export function DefinitionsDialog({ onClose }: { onClose(): void }) {
  const ref = useModal();
  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby="defs-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); onClose(); }}>
        <h2 id="defs-title">Metric definitions</h2>
        <dl className="definitions">
          {METRIC_ORDER.map((m) => (
            <div key={m}>
              <dt>{METRIC_DEFINITIONS[m].title}</dt>
              <dd>{METRIC_DEFINITIONS[m].definition}</dd>
            </div>
          ))}
        </dl>
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" data-autofocus>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}
