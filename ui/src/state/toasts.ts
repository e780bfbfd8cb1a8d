// The toasts on screen, oldest first: the one list components/Toasts shows, written only here.
// Programs can send toasts as fast as they like, so only the newest few are kept; each goes by
// itself (Toasts times it) or by Dismiss.
import { createSignal } from "solid-js";
import type { ToastItem, ToastVariant } from "../components/Toasts";

export type NewToast = Omit<ToastItem, "id">;

/** More than this at once would cover the window; the oldest go first. */
export const MAX_TOASTS = 4;

const VARIANTS: readonly ToastVariant[] = ["info", "success", "warning", "error"];

/** A variant as a program spells it; anything this UI does not know reads as "info". */
export function toastVariant(value: string): ToastVariant {
  const lower = value.toLowerCase();
  return VARIANTS.find((variant) => variant === lower) ?? "info";
}

export function createToastList() {
  const [toasts, setToasts] = createSignal<readonly ToastItem[]>([]);
  let nextId = 1;
  return {
    toasts,
    /** Shows `toast`; returns its id. */
    show: (toast: NewToast): number => {
      const id = nextId++;
      setToasts((list) => [...list, { ...toast, id }].slice(-MAX_TOASTS));
      return id;
    },
    dismiss: (id: number) => {
      setToasts((list) => list.filter((toast) => toast.id !== id));
    },
  };
}
