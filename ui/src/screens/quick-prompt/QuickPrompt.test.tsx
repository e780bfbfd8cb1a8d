import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import QuickPrompt, { type QuickPromptActions } from "./QuickPrompt";

afterEach(cleanup);

function setup(send: QuickPromptActions["send"]) {
  const calls: string[] = [];
  const actions: QuickPromptActions = {
    send: (text) => {
      calls.push(`send ${text}`);
      return send(text);
    },
    close: () => calls.push("close"),
  };
  render(() => <QuickPrompt actions={actions} />);
  const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Prompt" });
  return { calls, box };
}

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
