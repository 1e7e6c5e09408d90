// A modal confirmation on the native <dialog>: focus stays inside, Escape cancels, Enter confirms.
import { useModal } from './use-modal';

export interface ConfirmDialogProps {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useModal();
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <h2 id="confirm-title">{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          {/* A destructive action is never one Enter away: Cancel has the focus. */}
          <button type="button" className="button button-quiet" onClick={onCancel} data-autofocus={danger ? true : undefined} data-testid="confirm-cancel">
            Cancel
          </button>
          <button type="submit" className={danger ? 'button button-danger' : 'button button-primary'} data-autofocus={danger ? undefined : true}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
