// Every dialog's frame: modal, named (a label, or the id of its own heading), closed by Escape, a
// press outside or its close (×) button; styled once in Modal.css. What is inside, its focus and
// any Tab rules are the caller's.
import X from "lucide-solid/icons/x";
import type { JSX } from "solid-js";
import IconButton from "./IconButton";
import "./Modal.css";

export interface ModalProps {
  /** The accessible name; or give `labelledBy`, the id of the dialog's heading. */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  /** "alertdialog": a question the user must answer (a confirmation). */
  role?: "dialog" | "alertdialog";
  /** Escape, a press outside, or the × button. */
  onClose: () => void;
  children: JSX.Element;
  /** For forms with rows of several fields (the Settings dialog). */
  wide?: boolean;
  /** For a question or a short choice. */
  narrow?: boolean;
  /** False when the dialog has its own Close or Cancel button. */
  closeButton?: boolean;
  /** More classes on the panel, for what is particular to one dialog. */
  class?: string;
  ref?: (element: HTMLDivElement) => void;
  /** Keys inside the panel, before the frame's Escape (call preventDefault to take Escape). */
  onKeyDown?: (event: KeyboardEvent) => void;
}

export default function Modal(props: ModalProps) {
  return (
    <div
      class="modal-backdrop"
      onMouseDown={(event) => {
        // A press that starts outside: a drag from inside that ends here is not a click outside.
        if (event.target === event.currentTarget) props.onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          props.onClose();
        }
      }}
    >
      <div
        ref={(element) => props.ref?.(element)}
        class={["modal", props.wide && "modal-wide", props.narrow && "modal-narrow", props.class].filter(Boolean).join(" ")}
        role={props.role ?? "dialog"}
        aria-modal="true"
        aria-label={props.label}
        aria-labelledby={props.labelledBy}
        aria-describedby={props.describedBy}
        onKeyDown={(event) => props.onKeyDown?.(event)}
      >
        {props.closeButton === false ? null : (
          <IconButton label="Close" title="Close (Escape)" class="modal-close" onClick={() => { props.onClose(); }}>
            <X aria-hidden="true" />
          </IconButton>
        )}
        {props.children}
      </div>
    </div>
  );
}
