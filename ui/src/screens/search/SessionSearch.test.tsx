import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import type { SessionHit } from "../../ipc/sessionSearch";
import SessionSearch, { groupHits } from "./SessionSearch";

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

function hit(session: string, title: string, message: string | null, snippet: string): SessionHit {
  return { session_id: session, title, parent_id: null, updated: 1, message_id: message, snippet };
}

const HITS = [
  hit("ses_b", "Canary rollback", null, "Canary rollback"),
  hit("ses_a", "Deploys", "msg_1", "…then the canary widens to all…"),
  hit("ses_b", "Canary rollback", "msg_7", "roll the canary back"),
];

function setup(search: (q: string) => Promise<SessionHit[]>) {
  const opened: SessionHit[] = [];
  const onClose = vi.fn();
  render(() => (
    <SessionSearch search={search} delay={0} onOpen={(h) => opened.push(h)} onClose={onClose} />
  ));
  const box = screen.getByRole("combobox", { name: "Search the text of this project's sessions" });
  return { box, opened, onClose };
}

it("groups hits by session where each session's best hit was", () => {
  const groups = groupHits(HITS);
  expect(groups.map((g) => [g.sessionId, g.hits.map((h) => h.message_id)])).toEqual([
    ["ses_b", [null, "msg_7"]],
    ["ses_a", ["msg_1"]],
  ]);
});

it("lists the results under their sessions with the words marked, and says how many", async () => {
  const search = vi.fn(() => Promise.resolve(HITS));
  const { box } = setup(search);
  expect(document.activeElement).toBe(box);
  fireEvent.input(box, { target: { value: "  canary " } });
  const results = screen.getByRole("listbox", { name: "Results" });
  await waitFor(() => {
    expect(within(results).getAllByRole("option")).toHaveLength(3);
  });
  expect(search).toHaveBeenCalledWith("canary");
  const groups = within(results).getAllByRole("group");
  expect(groups.map((g) => g.getAttribute("aria-labelledby") && document.getElementById(g.getAttribute("aria-labelledby") ?? "")?.textContent)).toEqual([
    "Canary rollback",
    "Deploys",
  ]);
  const [title, , message] = within(results).getAllByRole("option");
  expect(title?.textContent).toBe("Title: Canary rollback");
  expect(message?.querySelector("mark")?.textContent).toBe("canary");
  expect(screen.getByRole("status").textContent).toBe("3 matches in 2 sessions.");
  // The first result is highlighted: Enter opens it.
  expect(box.getAttribute("aria-activedescendant")).toBe(title?.id);
});

it("moves with the arrows and opens the message chosen, then closes", async () => {
  const { box, opened, onClose } = setup(() => Promise.resolve(HITS));
  fireEvent.input(box, { target: { value: "canary" } });
  await waitFor(() => {
    expect(screen.getAllByRole("option")).toHaveLength(3);
  });
  fireEvent.keyDown(box, { key: "ArrowDown" });
  fireEvent.keyDown(box, { key: "ArrowDown" });
  const third = screen.getAllByRole("option")[2];
  expect(third?.getAttribute("aria-selected")).toBe("true");
  expect(box.getAttribute("aria-activedescendant")).toBe(third?.id);
  fireEvent.keyDown(box, { key: "Enter" });
  // The order shown: the session's title, its message, then the next session's message.
  expect(opened).toEqual([HITS[1]]);
  expect(onClose).toHaveBeenCalledTimes(1);
});

it("shows Rust's refusal as an alert and nothing found as a status", async () => {
  const search = vi
    .fn<(q: string) => Promise<SessionHit[]>>()
    .mockRejectedValueOnce(new Error("The OpenCode server is not reachable."))
    .mockResolvedValueOnce([]);
  const { box } = setup(search);
  fireEvent.input(box, { target: { value: "heron" } });
  await waitFor(() => {
    expect(screen.getByRole("alert").textContent).toBe("The OpenCode server is not reachable.");
  });
  fireEvent.input(box, { target: { value: "zebra" } });
  await waitFor(() => {
    expect(screen.getByRole("status").textContent).toBe("Nothing found for “zebra”.");
  });
  expect(screen.queryByRole("alert")).toBeNull();
});

it("keeps only the newest answer when an older search answers last", async () => {
  let slow: (hits: SessionHit[]) => void = () => undefined;
  const search = vi
    .fn<(q: string) => Promise<SessionHit[]>>()
    .mockImplementationOnce(() => new Promise((resolve) => (slow = resolve)))
    .mockResolvedValueOnce([HITS[1] as SessionHit]);
  const { box } = setup(search);
  fireEvent.input(box, { target: { value: "can" } });
  await waitFor(() => {
    expect(search).toHaveBeenCalledTimes(1);
  });
  fireEvent.input(box, { target: { value: "canary widens" } });
  await waitFor(() => {
    expect(screen.getAllByRole("option")).toHaveLength(1);
  });
  slow(HITS);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(screen.getAllByRole("option")).toHaveLength(1);
});

it("closes on Escape without letting the window see the key", () => {
  const { box, onClose } = setup(() => Promise.resolve([]));
  const outside = vi.fn();
  window.addEventListener("keydown", outside);
  fireEvent.keyDown(box, { key: "Escape" });
  window.removeEventListener("keydown", outside);
  expect(onClose).toHaveBeenCalledTimes(1);
  expect(outside).not.toHaveBeenCalled();
});
