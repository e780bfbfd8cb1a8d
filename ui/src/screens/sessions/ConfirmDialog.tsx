// A modal question with a destructive answer ("Delete “Fix the build”? This cannot be undone.").
// Focus starts on Cancel, so a stray Enter does no harm; Tab stays inside; Escape cancels. The
// confirm button is busy while its call runs, and a failure is shown in the dialog, which stays
// open so the user can retry or cancel.
import { createSignal, createUniqueId, onMount, Show } from "solid-js";
import Modal from "../../components/Modal";

export interface ConfirmDialogProps {
  heading: string;
  message: string;
  confirmLabel: string;
  /** Shown on the confirm button while `onConfirm` runs. */
  busyLabel?: string;
  onConfirm: () => Promise<unknown>;
  onCancel: () => void;
}

export default function ConfirmDialog(props: ConfirmDialogProps) {
  const headingId = createUniqueId();
  const messageId = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  let dialog: HTMLDivElement | undefined;
  let cancel: HTMLButtonElement | undefined;

  onMount(() => cancel?.focus());

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      cancel?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      if (!busy()) props.onCancel();
      return;
    }
    if (event.key !== "Tab" || !dialog) return;
    // Keep Tab inside the dialog: wrap from the last button to the first and back.
    const buttons = [...dialog.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <Modal
      ref={(element) => (dialog = element)}
      role="alertdialog"
      labelledBy={headingId}
      describedBy={messageId}
      narrow
      closeButton={false}
      onKeyDown={onKeyDown}
      onClose={() => {
        if (!busy()) props.onCancel();
      }}
    >
      <h2 id={headingId} class="modal-title">
        {props.heading}
      </h2>
      <p id={messageId} class="modal-message">
        {props.message}
      </p>
      <Show when={error()}>
        {(message) => (
          <p class="modal-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <div class="modal-actions">
        <button ref={(element) => (cancel = element)} type="button" class="btn" disabled={busy()} onClick={() => { props.onCancel(); }}>
          Cancel
        </button>
        <button
          type="button"
          class="btn btn-danger"
          disabled={busy()}
          aria-busy={busy()}
          onClick={() => void confirm()}
        >
          {busy() ? (props.busyLabel ?? props.confirmLabel) : props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
