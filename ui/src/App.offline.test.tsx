// Readable offline (issue 20) in the app shell: while the server is down the sidebar lists the
// project's kept sessions, opening one shows its transcript read-only under a banner saying it is
// a copy and from when, a search finds a word of an old reply and opens the copy at it; when the
// server is back, the live view takes over.
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import App from "./App";
import type { ServerInfo } from "./ipc";
import type { CopySummary, OfflineApi, SessionCopy } from "./ipc/offline";
import { quietBackend } from "./test/backend";
import { assistant, server, session, textPart } from "./test/factories";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const summary: CopySummary = {
  session_id: "ses_1",
  title: "Birds of the coast",
  updated: 1,
  cached_at: Date.now() - 60_000,
  message_count: 1,
  session: null,
};
const copy: SessionCopy = {
  summary,
  messages: [{ info: assistant("msg_1"), parts: [textPart("prt_1", "msg_1", "The pelican flies low.")] }],
};

function offlineApi(): OfflineApi {
  return {
    listOfflineCopies: vi.fn(() => Promise.resolve([summary])),
    offlineCopy: vi.fn(() => Promise.resolve(copy)),
    searchOfflineCopies: vi.fn(() => Promise.resolve([{ summary, message_id: "msg_1", snippet: "The pelican flies low." }])),
    refreshOfflineCopy: vi.fn(() => Promise.resolve()),
    offlineCopiesSize: vi.fn(() => Promise.resolve({ sessions: 1, bytes: 4096, enabled: true })),
    clearOfflineCopies: vi.fn(() => Promise.resolve({ sessions: 0, bytes: 4096, enabled: true })),
  };
}

it("shows the kept sessions read-only while the server is down, and the live view once it is back", async () => {
  let onStatus: ((s: ServerInfo) => void) | undefined;
  const down = server({ status: { state: "failed", message: "OpenCode crashed 5 times in a minute" } });
  const { backend } = quietBackend({
    listServers: () => Promise.resolve([down]),
    onServerStatusChanged: (handler) => {
      onStatus = handler;
      return () => (onStatus = undefined);
    },
    listSessions: () => Promise.resolve([session("ses_live", "Live session")]),
  });
  const offline = offlineApi();
  render(() => <App backend={backend} offline={offline} />);
  await settle();

  const list = await screen.findByRole("complementary", { name: "Offline copies" });
  expect(screen.queryByRole("textbox", { name: "Message" })).not.toBeNull();
  fireEvent.click(within(list).getByText("Birds of the coast"));
  await settle();
  expect(screen.getByText(/^A copy from today .*: the server is not reachable$/)).toBeTruthy();
  expect(screen.getByText("The pelican flies low.")).toBeTruthy();
  expect(screen.getByText(/Read-only: this copy cannot take a message/)).toBeTruthy();
  expect(offline.offlineCopy).toHaveBeenCalledWith("server-1", "ses_1");
  // The composer is hidden while the copy is shown: nothing can be typed to it.
  expect(screen.queryByRole("textbox", { name: "Message" })).toBeNull();

  // A word of an old reply, found in the copies: "search in sessions" comes to their search box.
  const searchBox = within(list).getByRole("searchbox", { name: "Search the offline copies" });
  fireEvent.keyDown(document.body, { key: "F", ctrlKey: true, shiftKey: true });
  expect(document.activeElement).toBe(searchBox);
  expect(screen.queryByRole("dialog", { name: "Search in sessions" })).toBeNull();
  fireEvent.input(within(list).getByRole("searchbox", { name: "Search the offline copies" }), {
    target: { value: "pelican" },
  });
  await settle();
  const results = within(list).getByRole("list", { name: "Search results" });
  expect(results.textContent).toContain("The pelican flies low.");
  expect(results.querySelector("mark")?.textContent).toBe("pelican");
  expect(offline.searchOfflineCopies).toHaveBeenCalledWith("server-1", "/p", "pelican");
  // The hit opens its copy at the message: brought into view, marked and focused.
  fireEvent.click(within(results).getByRole("button"));
  await settle();
  const found = document.querySelector<HTMLElement>('.tx-message[data-id="msg_1"]');
  expect(found?.classList.contains("tx-found")).toBe(true);
  expect(document.activeElement).toBe(found);

  // The server is back: the copy and its list go, the live sessions come.
  onStatus?.(server());
  await settle();
  expect(screen.queryByText(/the server is not reachable/)).toBeNull();
  expect(screen.queryByRole("complementary", { name: "Offline copies" })).toBeNull();
  expect(await screen.findByText("Live session")).toBeTruthy();
  expect(screen.queryByRole("textbox", { name: "Message" })).not.toBeNull();
});
