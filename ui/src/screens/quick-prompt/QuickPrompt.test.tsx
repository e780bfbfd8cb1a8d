import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import type { TerminalView } from "../../ipc";
import { terminal } from "../../test/terminals";
import QuickPrompt, { TARGET_KEY, type QuickPromptActions } from "./QuickPrompt";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(
  send: QuickPromptActions["send"],
  listed: () => TerminalView[] = () => [],
  trayChose: string | null = null,
) {
  const calls: string[] = [];
  let pending = trayChose;
  let looks = 0;
  let requestTarget: ((terminalId: string | null) => void) | undefined;
  const actions: QuickPromptActions = {
    send: (text, terminalId) => {
      calls.push(terminalId === null ? `send ${text}` : `send ${text} to ${terminalId}`);
      return send(text, terminalId);
    },
    close: () => calls.push("close"),
    listTerminals: () => {
      looks += 1;
      return Promise.resolve(listed());
    },
    onTargetRequested: (handler) => {
      requestTarget = handler;
      return () => (requestTarget = undefined);
    },
    takeTarget: () => {
      const taken = pending;
      pending = null;
      return Promise.resolve(taken);
    },
  };
  render(() => <QuickPrompt actions={actions} />);
  const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Prompt" });
  const target = screen.getByRole<HTMLSelectElement>("combobox", { name: "Send to" });
  return {
    calls,
    box,
    target,
    looks: () => looks,
    requestTarget: (id: string | null) => requestTarget?.(id),
  };
}

const TUIS = () => [
  terminal("42", "proj (port 4555)"),
  terminal("43", "box (port 4600)", { kind: "needs_password" }),
  terminal("44", "api (port 4700)"),
];

it("sends with Enter and clears the box", async () => {
  const { calls, box } = setup(() => Promise.resolve("ses_1"));
  fireEvent.input(box, { target: { value: "fix the build" } });
  fireEvent.keyDown(box, { key: "Enter" });
  await Promise.resolve();
  await Promise.resolve();
  expect(calls).toEqual(["send fix the build"]);
  expect(box.value).toBe("");
});

it("keeps Shift+Enter for a new line and ignores an empty prompt", () => {
  const { calls, box } = setup(() => Promise.resolve("ses_1"));
  fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
  fireEvent.keyDown(box, { key: "Enter" });
  expect(calls).toEqual([]);
});

it("closes with Escape", () => {
  const { calls, box } = setup(() => Promise.resolve("ses_1"));
  fireEvent.keyDown(box, { key: "Escape" });
  expect(calls).toEqual(["close"]);
});

it("shows a failure and keeps the text", async () => {
  const { box } = setup(() => Promise.reject(new Error("No OpenCode server is ready yet.")));
  fireEvent.input(box, { target: { value: "hello" } });
  fireEvent.keyDown(box, { key: "Enter" });
  expect((await screen.findByRole("alert")).textContent).toBe("No OpenCode server is ready yet.");
  expect(box.value).toBe("hello");
});

it("offers the app and each ready terminal OpenCode, sends to the one chosen, and remembers it", async () => {
  const { calls, box, target } = setup(() => Promise.resolve("42"), TUIS);
  await settle();
  expect([...target.options].map((o) => [o.value, o.textContent])).toEqual([
    ["", "A new session in the app"],
    ["42", "proj (port 4555)"],
    ["44", "api (port 4700)"],
  ]);
  expect(target.value).toBe("");
  fireEvent.change(target, { target: { value: "42" } });
  expect(localStorage.getItem(TARGET_KEY)).toBe("42");
  fireEvent.input(box, { target: { value: "run the tests" } });
  fireEvent.keyDown(box, { key: "Enter" });
  await settle();
  expect(calls).toEqual(["send run the tests to 42"]);
  expect(box.value).toBe("");
});

it("starts with the terminal OpenCode chosen last time", async () => {
  localStorage.setItem(TARGET_KEY, "44");
  const { target } = setup(() => Promise.resolve("44"), TUIS);
  await settle();
  expect(target.value).toBe("44");
  expect(screen.queryByText(/no longer/)).toBeNull();
});

it("falls back to the app, saying so, when the terminal chosen last time is gone", async () => {
  localStorage.setItem(TARGET_KEY, "99");
  const { calls, box, target } = setup(() => Promise.resolve("ses_1"), TUIS);
  await settle();
  expect(target.value).toBe("");
  expect(screen.getByText(/The terminal OpenCode chosen last time is no longer running/)).toBeTruthy();
  fireEvent.input(box, { target: { value: "hello" } });
  fireEvent.keyDown(box, { key: "Enter" });
  await settle();
  expect(calls).toEqual(["send hello"]);
});

it("takes the target the tray chose, looking again for a terminal it does not know yet", async () => {
  let listed = TUIS();
  const { looks, target, requestTarget } = setup(() => Promise.resolve("45"), () => listed);
  await settle();
  listed = [...listed, terminal("45", "web (port 4800)")];
  requestTarget("45");
  await settle();
  expect(looks()).toBe(2);
  expect(target.value).toBe("45");
  expect(localStorage.getItem(TARGET_KEY)).toBe("45");
  requestTarget(null);
  expect(target.value).toBe("");
  expect(localStorage.getItem(TARGET_KEY)).toBe("");
});

it("looks for terminal OpenCodes again each time the window comes back", async () => {
  const { looks } = setup(() => Promise.resolve("ses_1"), TUIS);
  await settle();
  expect(looks()).toBe(1);
  fireEvent.focus(window);
  await settle();
  expect(looks()).toBe(2);
});

it("takes the tray's choice when the window was made by that click (before it could hear the event)", async () => {
  const { target } = setup(() => Promise.resolve("42"), TUIS, "44");
  await settle();
  await settle();
  expect(target.value).toBe("44");
  expect(localStorage.getItem(TARGET_KEY)).toBe("44");
});
