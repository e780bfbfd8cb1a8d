import { expect, it } from "vitest";
import { isSendKey } from "./keys";

it("sends on Enter only, not Shift+Enter or while composing", () => {
  expect(isSendKey(new KeyboardEvent("keydown", { key: "Enter" }))).toBe(true);
  expect(isSendKey(new KeyboardEvent("keydown", { key: "Enter", shiftKey: true }))).toBe(false);
  expect(isSendKey(new KeyboardEvent("keydown", { key: "Enter", isComposing: true }))).toBe(false);
  expect(isSendKey(new KeyboardEvent("keydown", { key: "a" }))).toBe(false);
});
