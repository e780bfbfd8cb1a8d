import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal, Show } from "solid-js";
import { afterEach, expect, it } from "vitest";
import type { Session } from "../../ipc";
import { session } from "../../test/factories";
import QuickSwitcher from "./QuickSwitcher";

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

const NOW = 1_000_000_000;

function dated(id: string, title: string, minutesAgo: number, parentID?: string): Session {
  const base = { ...session(id, title), time: { created: 1, updated: NOW - minutesAgo * 60_000 } };
  return (parentID ? { ...base, parentID } : base) as Session;
}

const SESSIONS = [
  dated("ses_old", "Écrire la doc", 300),
  dated("ses_now", "Fix the build", 1),
  dated("ses_prev", "Add tests", 10),
  dated("ses_kid", "Explore the parser", 5, "ses_prev"),
];

/** `current: null`: no session is open. */
function setup({
  current = "ses_now",
  sessions = SESSIONS,
}: { current?: string | null; sessions?: Session[] } = {}) {
  const log: string[] = [];
  const [open, setOpen] = createSignal(true);
  render(() => (
    <Show when={open()}>
      <QuickSwitcher
        sessions={sessions}
        current={current ?? undefined}
        now={NOW}
        onPick={(id) => log.push(`pick ${id}`)}
        onClose={() => {
          log.push("close");
          setOpen(false);
        }}
      />
    </Show>
  ));
  return { log };
}

const box = () => screen.getByRole<HTMLInputElement>("combobox", { name: "Find a session by title" });
const options = () => screen.getAllByRole("option");
const selectedOption = () => screen.getAllByRole("option", { selected: true });
const type = (text: string) => {
  box().value = text;
  fireEvent.input(box());
};

it("is a dialog with the filter focused and sessions by recency, children included", () => {
  setup();
  expect(screen.getByRole("dialog", { name: "Switch session" })).toBeTruthy();
  expect(document.activeElement).toBe(box());
  expect(options().map((o) => o.querySelector(".qs-title")?.textContent)).toEqual([
    "Fix the build",
    "Explore the parser",
    "Add tests",
    "Écrire la doc",
  ]);
  expect(options()[1]?.textContent).toContain("in Add tests");
  expect(options()[0]?.textContent).toContain("open");
});

it("preselects the most recent session other than the open one", () => {
  setup();
  expect(selectedOption()).toHaveLength(1);
  expect(selectedOption()[0]?.textContent).toContain("Explore the parser");
  expect(box().getAttribute("aria-activedescendant")).toBe(selectedOption()[0]?.id);
});

it("filters by title ignoring accents, and opens the match with Enter", () => {
  const { log } = setup();
  type("ecrire");
  expect(options()).toHaveLength(1);
  fireEvent.keyDown(box(), { key: "Enter" });
  expect(log).toEqual(["pick ses_old", "close"]);
  expect(screen.queryByRole("dialog")).toBeNull();
});

it("moves with the arrows, wrapping around", () => {
  const { log } = setup({ current: null });
  expect(selectedOption()[0]?.textContent).toContain("Fix the build");
  fireEvent.keyDown(box(), { key: "ArrowUp" });
  expect(selectedOption()[0]?.textContent).toContain("Écrire la doc");
  fireEvent.keyDown(box(), { key: "ArrowDown" });
  fireEvent.keyDown(box(), { key: "ArrowDown" });
  expect(selectedOption()[0]?.textContent).toContain("Explore the parser");
  fireEvent.keyDown(box(), { key: "Enter" });
  expect(log).toEqual(["pick ses_kid", "close"]);
});

it("opens an option on click", () => {
  const { log } = setup();
  const option = screen.getByRole("option", { name: /^Add tests/ });
  fireEvent.mouseDown(within(option).getByText("Add tests"));
  expect(log).toEqual(["pick ses_prev", "close"]);
});

it("closes with Escape without picking, and the key goes no further", () => {
  let reachedWindow = false;
  const onWindow = () => (reachedWindow = true);
  window.addEventListener("keydown", onWindow);
  const { log } = setup();
  fireEvent.keyDown(box(), { key: "Escape" });
  window.removeEventListener("keydown", onWindow);
  expect(log).toEqual(["close"]);
  expect(reachedWindow).toBe(false);
});

it("closes on a click outside, and gives the focus back", () => {
  const before = document.createElement("button");
  document.body.append(before);
  before.focus();
  const { log } = setup();
  expect(document.activeElement).toBe(box());
  const backdrop = screen.getByRole("dialog").parentElement as HTMLElement;
  fireEvent.mouseDown(backdrop);
  expect(log).toEqual(["close"]);
  expect(document.activeElement).toBe(before);
});

it("says when nothing matches, and when there are no sessions", () => {
  setup();
  type("zebra");
  expect(screen.queryAllByRole("option")).toHaveLength(0);
  expect(screen.getByText("No session title matches “zebra”.")).toBeTruthy();
  fireEvent.keyDown(box(), { key: "Enter" });
  expect(screen.getByRole("dialog")).toBeTruthy();
  cleanup();
  setup({ current: null, sessions: [] });
  expect(screen.getByText("No sessions yet — type a message in the box at the bottom to start one.")).toBeTruthy();
});

it("lists at most 50 of thousands", () => {
  const many = Array.from({ length: 2000 }, (_, i) => dated(`s${i}`, `Task ${i}`, i));
  setup({ current: null, sessions: many });
  expect(options()).toHaveLength(50);
  type("task 1999");
  expect(options()).toHaveLength(1);
});
