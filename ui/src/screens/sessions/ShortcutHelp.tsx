// The keyboard shortcuts, listed from the same table the key handling uses (lib/shortcuts.ts),
// so the help cannot drift from what the keys do. A modal: Escape, the Close button or a click
// outside closes it, and the focus goes back where it was.
import { For, onCleanup, onMount, Show } from "solid-js";
import Modal from "../../components/Modal";
import { isMacPlatform, SHORTCUTS, shortcutKeys } from "../../lib/shortcuts";
import "./ShortcutHelp.css";

export interface ShortcutHelpProps {
  onClose: () => void;
  /** Show macOS keys (⌘); defaults to the platform's. */
  mac?: boolean;
}

export default function ShortcutHelp(props: ShortcutHelpProps) {
  const mac = () => props.mac ?? isMacPlatform();
  let close: HTMLButtonElement | undefined;
  const previousFocus = document.activeElement;
  onMount(() => close?.focus());
  onCleanup(() => {
    if (previousFocus instanceof HTMLElement && previousFocus.isConnected) previousFocus.focus();
  });
  return (
    <Modal
      label="Keyboard shortcuts"
      narrow
      closeButton={false}
      class="sh"
      onKeyDown={(event) => {
        // Only one control inside: Tab stays on it; Escape closes.
        if (event.key === "Escape" || event.key === "Tab") {
          event.preventDefault();
          event.stopPropagation();
          if (event.key === "Escape") props.onClose();
        }
      }}
      onClose={() => { props.onClose(); }}
    >
      <h2 class="modal-title">Keyboard shortcuts</h2>
      <dl class="sh-list">
        <For each={SHORTCUTS}>
          {(shortcut) => (
            <div class="sh-item">
              <dt>
                {shortcut.label}
                <Show when={shortcut.note}>
                  {(note) => <span class="sh-note">{note()}</span>}
                </Show>
              </dt>
              <dd>
                <kbd>{shortcutKeys(shortcut, mac())}</kbd>
              </dd>
            </div>
          )}
        </For>
      </dl>
      <button
        ref={(element) => (close = element)}
        type="button"
        class="btn sh-close"
        onClick={() => { props.onClose(); }}
      >
        Close
      </button>
    </Modal>
  );
}
