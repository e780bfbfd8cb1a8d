// Search in sessions (issue 20, "Search everything") in the app shell: Mod+Shift+F or the header's
// button opens the dialog; a hit in an old reply opens its session, the transcript loads older
// pages until that message is there and marks it.
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import App from "./App";
import type { MessageWithParts } from "./ipc";
import type { SessionHit } from "./ipc/sessionSearch";
import { quietBackend } from "./test/backend";
import { assistant, server, session, textPart } from "./test/factories";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const message = (id: string, text: string): MessageWithParts => ({
  info: assistant(id),
  parts: [textPart(`prt_${id}`, id, text)],
});

it("opens the session of a hit at its message, loading the older page it is in", async () => {
  const loadMessages = vi.fn((_server: string, _session: string, _limit: number, before?: string | null) =>
    Promise.resolve(
      before
        ? { messages: [message("msg_a", "The heron waits in the shallows.")], before: null }
        : { messages: [message("msg_b", "The latest reply.")], before: "cursor-1" },
    ),
  );
  const { backend } = quietBackend({
    listServers: () => Promise.resolve([server()]),
    listSessions: () => Promise.resolve([session("ses_1", "Birds"), session("ses_2", "Other")]),
    loadMessages,
  });
  const hit: SessionHit = {
    session_id: "ses_1",
    title: "Birds",
    parent_id: null,
    updated: 1,
    message_id: "msg_a",
    snippet: "The heron waits in the shallows.",
  };
  const searchSessions = vi.fn(() => Promise.resolve([hit]));
  render(() => <App backend={backend} sessionSearch={{ searchSessions }} />);
  await screen.findByRole("button", { name: /Other/ });

  fireEvent.keyDown(document.body, { key: "F", ctrlKey: true, shiftKey: true });
  const dialog = screen.getByRole("dialog", { name: "Search in sessions" });
  const box = within(dialog).getByRole("combobox");
  fireEvent.input(box, { target: { value: "heron" } });
  const option = await within(dialog).findByRole("option");
  expect(searchSessions).toHaveBeenCalledWith("server-1", "heron");
  expect(option.querySelector("mark")?.textContent).toBe("heron");
  fireEvent.keyDown(box, { key: "Enter" });
  expect(screen.queryByRole("dialog", { name: "Search in sessions" })).toBeNull();

  await vi.waitFor(() => {
    expect(document.querySelector('.tx-message[data-id="msg_a"]')?.classList.contains("tx-found")).toBe(true);
  });
  // The tail first, then the page before it, where the message was.
  expect(loadMessages.mock.calls.map((call) => [call[1], call[3] ?? null])).toEqual([
    ["ses_1", null],
    ["ses_1", "cursor-1"],
  ]);
  expect(document.activeElement).toBe(document.querySelector('.tx-message[data-id="msg_a"]'));
  // The header's button opens the same dialog.
  fireEvent.click(screen.getByRole("button", { name: "Search in sessions" }));
  expect(screen.getByRole("dialog", { name: "Search in sessions" })).toBeTruthy();
});
