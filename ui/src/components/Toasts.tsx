// Short notices in a corner of the window: toasts a program asked the app to show (as it would a
// terminal OpenCode's), and the app's word on what a program did to it (a cleared prompt, with
// Undo). One polite live region, present even when empty, so a screen reader reads each new toast
// without cutting the user off. A toast goes by itself after its duration, but never while the
// pointer or the keyboard is on it: its Undo must stay reachable for whoever is reaching for it.
import { For, onCleanup, onMount, Show } from "solid-js";
import "./Toasts.css";

export type ToastVariant = "info" | "success" | "warning" | "error";

/** How long a toast stays when its sender did not say. */
export const DEFAULT_TOAST_MS = 5000;
/** Time left to read a toast once the pointer or the focus leaves it. */
const AFTER_LEAVING_MS = 1500;

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface ToastItem {
  id: number;
  title?: string | null;
  message: string;
  variant: ToastVariant;
  /** Milliseconds before it goes by itself; DEFAULT_TOAST_MS when absent. */
  duration?: number;
  /** One button besides Dismiss ("Undo"); the toast goes once it ran. */
  action?: ToastAction;
}

export interface ToastsProps {
  toasts: readonly ToastItem[];
  onDismiss: (id: number) => void;
}

/** Said before the message to a screen reader: the colour alone must not carry the variant. */
const SPOKEN: Record<ToastVariant, string> = {
  info: "",
  success: "Done: ",
  warning: "Warning: ",
  error: "Error: ",
};

function Toast(props: { toast: ToastItem; onDismiss: () => void }) {
  let left = props.toast.duration ?? DEFAULT_TOAST_MS;
  let since = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hovered = false;
  let focused = false;

  const run = () => {
    if (timer !== undefined || hovered || focused) return;
    since = Date.now();
    timer = setTimeout(props.onDismiss, left);
  };
  const hold = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    left = Math.max(left - (Date.now() - since), AFTER_LEAVING_MS);
  };

  onMount(run);
  onCleanup(() => {
    clearTimeout(timer);
  });

  return (
    <div
      class="toast"
      data-variant={props.toast.variant}
      onMouseEnter={() => {
        hovered = true;
        hold();
      }}
      onMouseLeave={() => {
        hovered = false;
        run();
      }}
      onFocusIn={() => {
        focused = true;
        hold();
      }}
      onFocusOut={(event) => {
        const to = event.relatedTarget;
        if (to instanceof Node && event.currentTarget.contains(to)) return;
        focused = false;
        run();
      }}
    >
      <div class="toast-text">
        <Show when={props.toast.title}>{(title) => <strong class="toast-title">{title()}</strong>}</Show>
        <p class="toast-message">
          <span class="visually-hidden">{SPOKEN[props.toast.variant]}</span>
          {props.toast.message}
        </p>
      </div>
      <Show when={props.toast.action}>
        {(action) => (
          <button
            type="button"
            class="btn btn-small toast-action"
            onClick={() => {
              action().run();
              props.onDismiss();
            }}
          >
            {action().label}
          </button>
        )}
      </Show>
      <button
        type="button"
        class="toast-dismiss"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => {
          props.onDismiss();
        }}
      >
        ×
      </button>
    </div>
  );
}

export default function Toasts(props: ToastsProps) {
  return (
    <section
      class="toasts"
      role="status"
      aria-live="polite"
      // role=status implies atomic: without this each new toast would re-read all the others.
      aria-atomic="false"
      aria-label="Notifications from programs"
    >
      <For each={props.toasts}>
        {(toast) => (
          <Toast
            toast={toast}
            onDismiss={() => {
              props.onDismiss(toast.id);
            }}
          />
        )}
      </For>
    </section>
  );
}
