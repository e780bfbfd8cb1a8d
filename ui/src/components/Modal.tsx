// The main window's dialogs share one frame: labelled, modal, closed by Escape, a click outside
// or its close (×) button.
import X from "lucide-solid/icons/x";
import type { JSX } from "solid-js";
import IconButton from "./IconButton";

/** A modal over the window: labelled, closed by Escape or a click outside. */
export default function Modal(props: {
  label: string;
  onClose: () => void;
  children: JSX.Element;
  /** For forms with rows of several fields (the Settings dialog). */
  wide?: boolean;
}) {
  return (
    <div
      class="modal-backdrop"
      onClick={(event) => {
        if (event.target === event.currentTarget) props.onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          props.onClose();
        }
      }}
    >
      <div class="modal" classList={{ "modal-wide": props.wide }} role="dialog" aria-modal="true" aria-label={props.label}>
        <IconButton label="Close" title="Close (Escape)" class="modal-close" onClick={() => { props.onClose(); }}>
          <X aria-hidden="true" />
        </IconButton>
        {props.children}
      </div>
    </div>
  );
}
