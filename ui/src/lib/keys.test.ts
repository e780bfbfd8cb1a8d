import { describe, expect, it } from "vitest";
import { isSendKey, onComboboxKey } from "./keys";

it("sends on Enter only, not Shift+Enter or while composing", () => {
  expect(isSendKey(new KeyboardEvent("keydown", { key: "Enter" }))).toBe(true);
  expect(isSendKey(new KeyboardEvent("keydown", { key: "Enter", shiftKey: true }))).toBe(false);
  expect(isSendKey(new KeyboardEvent("keydown", { key: "Enter", isComposing: true }))).toBe(false);
  expect(isSendKey(new KeyboardEvent("keydown", { key: "a" }))).toBe(false);
});

describe("onComboboxKey", () => {
  const keyed = (key: string, init: KeyboardEventInit = {}) =>
    new KeyboardEvent("keydown", { key, cancelable: true, bubbles: true, ...init });

  it("moves, picks, closes and keeps Tab; leaves other keys to the text box", () => {
    const done: string[] = [];
    const to = {
      move: (step: 1 | -1) => done.push(`move ${step}`),
      pick: () => done.push("pick"),
      close: () => done.push("close"),
    };
    const taken = ["ArrowDown", "ArrowUp", "Enter", "Escape", "Tab"].map((key) => {
      const event = keyed(key);
      onComboboxKey(event, to);
      return event.defaultPrevented;
    });
    expect(taken).toEqual([true, true, true, true, true]);
    expect(done).toEqual(["move 1", "move -1", "pick", "close"]);

    const letter = keyed("a");
    onComboboxKey(letter, to);
    const composing = keyed("Enter", { isComposing: true });
    onComboboxKey(composing, to);
    expect([letter.defaultPrevented, composing.defaultPrevented]).toEqual([false, false]);
    expect(done).toHaveLength(4);
  });
});
