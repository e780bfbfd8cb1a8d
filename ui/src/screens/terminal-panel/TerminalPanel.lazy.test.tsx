// xterm.js is a third of the bundle: it is loaded when the first terminal is drawn, not with the
// panel, which the app mounts at launch (issue 18: the window's script runs sooner).
import { render } from "@solidjs/testing-library";
import { expect, it, vi } from "vitest";
import type { TerminalApi } from "./store";

const loaded = vi.hoisted(() => ({ xterm: false }));
vi.mock("@xterm/xterm", () => {
  loaded.xterm = true;
  return { Terminal: vi.fn() };
});

it("does not load xterm.js with the panel, only with the screen of a terminal", async () => {
  const { default: TerminalPanel } = await import("./TerminalPanel");
  // Closed, as at launch: nothing is asked of the server, so the api is never called.
  render(() => <TerminalPanel serverId="s1" open={false} onClose={() => undefined} api={{} as TerminalApi} />);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(loaded.xterm).toBe(false);
  // What the panel loads once a terminal is drawn.
  await import("./TerminalView");
  expect(loaded.xterm).toBe(true);
});
