// Keyboard conventions shared across the app: text boxes that send, and the dialogs where a text
// box picks from a list below it (a combobox: the quick switcher, search in sessions).

/** Enter sends; Shift+Enter is a new line; Enter while an IME is composing is the IME's. */
export function isSendKey(event: KeyboardEvent): boolean {
  return event.key === "Enter" && !event.shiftKey && !event.isComposing;
}

/** What a combobox dialog does with its keys. */
export interface ComboboxKeys {
  /** Moves the highlight one option down (1) or up (-1). */
  move: (step: 1 | -1) => void;
  /** Takes the highlighted option. */
  pick: () => void;
  close: () => void;
}

/**
 * The keys of a dialog whose text box picks from the list below it: arrows move, Enter picks
 * (unless an IME is composing), Escape closes, taken here so the window's own Escape (stop a
 * reply) does not see it, and Tab stays (nothing else in such a dialog takes the focus). Other
 * keys are the text box's.
 */
export function onComboboxKey(event: KeyboardEvent, to: ComboboxKeys): void {
  switch (event.key) {
    case "ArrowDown":
      to.move(1);
      break;
    case "ArrowUp":
      to.move(-1);
      break;
    case "Enter":
      if (event.isComposing) return;
      to.pick();
      break;
    case "Escape":
      event.stopPropagation();
      to.close();
      break;
    case "Tab":
      break;
    default:
      return;
  }
  event.preventDefault();
}
