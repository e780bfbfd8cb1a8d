// Keyboard conventions shared by every text box that sends.

/** Enter sends; Shift+Enter is a new line; Enter while an IME is composing is the IME's. */
export function isSendKey(event: KeyboardEvent): boolean {
  return event.key === "Enter" && !event.shiftKey && !event.isComposing;
}
