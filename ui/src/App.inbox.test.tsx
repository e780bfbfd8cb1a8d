// One inbox (issue 20) in the app shell: the header's badge counts what waits on every server,
// the list groups it by project with its server, and opening an item on another server switches
// the window to that server and opens the session there.
import { cleanup, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import App from "./App";
import type { InboxApi, NeedsYou } from "./ipc/inbox";
import { server, session } from "./test/factories";
import { quietBackend } from "./test/backend";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const settle = async () => {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const inbox: NeedsYou = {
  groups: [
    {
      server_id: "box",
      server_label: "Build box",
      directory: "/srv/api",
      reachable: true,
      items: [
        {
          session_id: "ses_e",
          title: "Release notes",
          subagent: null,
          waits: "Finished",
          request_id: null,
          what: "",
          since: null,
        },
      ],
    },
    {
      server_id: "server-1",
      server_label: "OpenCode",
      directory: "/p",
      reachable: true,
      items: [
        {
          session_id: "ses_a",
          title: "Fix the build",
          subagent: null,
          waits: "Permission",
          request_id: "per_1",
          what: "bash: make",
          since: null,
        },
      ],
    },
  ],
};

it("lists what waits on every server by project, and opens an item on another server there", async () => {
  const watched: string[] = [];
  const loaded: string[] = [];
  const { backend } = quietBackend({
    listServers: () =>
      Promise.resolve([server(), server({ id: "box", name: "Build box", directory: "/srv/api" })]),
    watchEvents: (id, directory, onBatch) => {
      watched.push(`${id} ${directory ?? ""}`);
      queueMicrotask(() => {
        onBatch([{ kind: "Connected", marker: 1, resync: false }]);
      });
      return Promise.resolve(() => Promise.resolve());
    },
    listSessions: (id) => Promise.resolve(id === "box" ? [session("ses_e", "Release notes")] : []),
    loadMessages: (id, sessionId) => {
      loaded.push(`${id} ${sessionId}`);
      return Promise.resolve({ messages: [], before: null });
    },
  });
  const looked: string[] = [];
  const inboxApi: InboxApi = {
    needsYou: () => Promise.resolve(inbox),
    onNeedsYouChanged: () => Promise.resolve(() => undefined),
    setLookingAt: (at) => {
      looked.push(at ? `${at.serverId} ${at.sessionId}` : "none");
      return Promise.resolve();
    },
  };
  render(() => <App backend={backend} inbox={inboxApi} />);
  await settle();
  expect(watched).toEqual(["server-1 /p"]);

  screen.getByRole("button", { name: "Needs you: 2 waiting" }).click();
  const list = screen.getByRole("region", { name: "Needs you" });
  const groups = within(list).getAllByRole("list");
  expect(groups.map((g) => g.getAttribute("aria-labelledby")).map((id) => document.getElementById(id ?? "")?.textContent)).toEqual([
    "apiBuild box",
    "pOpenCode",
  ]);

  within(list).getByRole("button", { name: "Open Release notes: reply finished" }).click();
  await settle();
  expect(watched).toEqual(["server-1 /p", "box /srv/api"]);
  expect(loaded).toContain("box ses_e");
  // The window tells Rust the session it shows, when it has focus (jsdom's document has none).
  expect(looked.every((l) => l === "none" || l === "box ses_e")).toBe(true);
});
