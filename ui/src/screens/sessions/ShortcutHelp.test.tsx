import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import { SHORTCUTS } from "../../lib/shortcuts";
import ShortcutHelp from "./ShortcutHelp";

afterEach(cleanup);

it("lists every shortcut with its keys for the platform", () => {
  render(() => <ShortcutHelp mac={false} onClose={() => undefined} />);
  const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
  const rows = [...dialog.querySelectorAll(".sh-item")];
  expect(rows).toHaveLength(SHORTCUTS.length);
  expect(dialog.textContent).toContain("New session");
  expect(dialog.textContent).toContain("Ctrl+N");
  expect(dialog.textContent).toContain("Ctrl+L or /");
  cleanup();
  render(() => <ShortcutHelp mac onClose={() => undefined} />);
  expect(screen.getByRole("dialog").textContent).toContain("⌘K");
});

it("closes with Escape or the Close button, focused first", () => {
  let closed = 0;
  render(() => <ShortcutHelp mac={false} onClose={() => (closed += 1)} />);
  const close = screen.getByRole("button", { name: "Close" });
  expect(document.activeElement).toBe(close);
  fireEvent.keyDown(close, { key: "Escape" });
  close.click();
  expect(closed).toBe(2);
});
