import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import App from "./App";
import type { AppInfo, MessageWithParts, PumpMessage, ServerInfo, ServerNotUsed, Session } from "./ipc";
import { server, session } from "./test/factories";
import { quietBackend } from "./test/backend";

afterEach(() => {
  cleanup();
  localStorage.clear();
});


/** A backend whose server statuses and stream messages the test drives. */
function fakeBackend(
  info: Partial<AppInfo> = {},
  servers: ServerInfo[] = [],
  data: { sessions?: Session[]; messages?: MessageWithParts[] } = {},
) {
  let statusHandler: ((s: ServerInfo) => void) | undefined;
  let batchHandler: ((b: PumpMessage[]) => void) | undefined;
  const watched: string[] = [];
  const sent: string[] = [];
  const { backend } = quietBackend({
    appInfo: () =>
      Promise.resolve({
        name: "OpenCode Desk",
        version: "0.1.0",
        project: null,
        project_problem: null,
        launch_notices: [],
        ...info,
      }),
    listServers: () => Promise.resolve(servers),
    onServerStatusChanged: (handler) => {
      statusHandler = handler;
      return () => (statusHandler = undefined);
    },
    watchEvents: (id, _directory, onBatch) => {
      watched.push(id);
      batchHandler = onBatch;
      // The hub of a live stream says so first.
      queueMicrotask(() => {
        onBatch([{ kind: "Connected", marker: 1, resync: false }]);
      });
      return Promise.resolve(() => Promise.resolve());
    },
    listSessions: () => Promise.resolve(data.sessions ?? []),
    createSession: () => Promise.resolve(session("ses_new", "New")),
    loadMessages: () => Promise.resolve({ messages: data.messages ?? [], before: null }),
    sendPrompt: (_server, session, draft) => {
      sent.push(`${session}: ${draft.text}`);
      return Promise.resolve();
    },
    replyPermission: (_server, request, reply) => {
      sent.push(`${request}: ${reply}`);
      return Promise.resolve();
    },
    replyQuestion: (_server, request, answers) => {
      sent.push(`${request}: ${JSON.stringify(answers)}`);
      return Promise.resolve();
    },
    rejectQuestion: (_server, request) => {
      sent.push(`${request}: rejected`);
      return Promise.resolve();
    },
    abortSession: (_server, session) => {
      sent.push(`abort ${session}`);
      return Promise.resolve();
    },
  });
  return {
    backend,
    watched,
    sent,
    status: (s: ServerInfo) => statusHandler?.(s),
    batch: (b: PumpMessage[]) => batchHandler?.(b),
  };
}

const status = () => screen.getByRole("status", { name: /^Connection: / }).getAttribute("data-state");

it("shows the title, the empty state and a connecting status", () => {
  render(() => <App backend={fakeBackend().backend} />);
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("OpenCode Desk");
  expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Connecting to OpenCode");
  expect(screen.getByRole("status", { name: "Connection: Connecting…" })).toBeTruthy();
});

it("shows the project the app opened", async () => {
  render(() => <App backend={fakeBackend({ project: "/home/me/work" }).backend} />);
  expect((await screen.findByTitle("/home/me/work")).textContent).toBe("/home/me/work");
});

it("says why a project given on the command line cannot be opened", async () => {
  const fake = fakeBackend({ project_problem: "Cannot open /nope: not found" });
  render(() => <App backend={fake.backend} />);
  expect(await screen.findByText("Cannot open /nope: not found")).toBeTruthy();
});

it("says what went wrong at launch (the default project gone, the shortcut refused), each until dismissed", async () => {
  const gone = "Your default project /mnt/usb/work is no longer a folder, so the last project used, /home/me/work, was opened.";
  const refused = "The quick prompt shortcut Alt+Space does not work: already taken.";
  const fake = fakeBackend({ project: "/home/me/work", launch_notices: [gone, refused] });
  render(() => <App backend={fake.backend} />);
  const shown = await screen.findByText(gone);
  expect(screen.getByText(refused)).toBeTruthy();
  shown.parentElement?.querySelector("button")?.click();
  expect(screen.queryByText(gone)).toBeNull();
  expect(screen.getByText(refused)).toBeTruthy();
});

it("follows a server from starting to live, through a reconnect, to offline", async () => {
  const fake = fakeBackend();
  render(() => <App backend={fake.backend} />);
  fake.status(server({ status: { state: "starting" } }));
  expect(status()).toBe("connecting");

  fake.status(server());
  expect(fake.watched).toEqual(["server-1"]);
  // Connected, but not live before what is shown has been loaded.
  expect(status()).toBe("connecting");
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(status()).toBe("live");
  expect(screen.getByText("OpenCode 1.18.33")).toBeTruthy();

  fake.batch([{ kind: "Disconnected", message: "cut", retry_in_ms: 250 }]);
  expect(status()).toBe("reconnecting");
  fake.batch([{ kind: "Connected", marker: 2, resync: true }]);
  expect(status()).toBe("resyncing");
  await new Promise((resolve) => setTimeout(resolve, 0));
  // Said for a moment after the refetch, so a user sees the view was brought up to date.
  expect(status()).toBe("resynced");

  fake.status(server({ status: { state: "restarting", attempt: 1, message: "crashed" } }));
  expect(status()).toBe("reconnecting");
  fake.status(server({ status: { state: "failed", message: "crashed 5 times in a minute" } }));
  expect(status()).toBe("offline");
  expect(await screen.findByText("crashed 5 times in a minute")).toBeTruthy();
  expect(fake.watched).toEqual(["server-1"]);
});

it("picks up a server that was ready before the window opened", async () => {
  const fake = fakeBackend({}, [server()]);
  render(() => <App backend={fake.backend} />);
  await Promise.resolve();
  await Promise.resolve();
  expect(fake.watched).toEqual(["server-1"]);
});

it("lists sessions, opens one tail first, and streams a reply into it", async () => {
  const messages = [
    {
      info: { role: "assistant", id: "msg_2", sessionID: "ses_1", time: { created: 1 } },
      parts: [{ type: "text", id: "prt_1", sessionID: "ses_1", messageID: "msg_2", text: "Hel" }],
    },
  ] as unknown as MessageWithParts[];
  const fake = fakeBackend({}, [], { sessions: [session("ses_1", "Fix the build")], messages });
  render(() => <App backend={fake.backend} />);
  fake.status(server());
  (await screen.findByRole("button", { name: /Fix the build/ })).click();
  expect((await screen.findByText("Hel")).closest(".markdown")).toBeTruthy();

  fake.batch([
    {
      kind: "Events",
      events: [
        {
          type: "message.part.delta",
          properties: {
            sessionID: "ses_1",
            messageID: "msg_2",
            partID: "prt_1",
            field: "text",
            delta: "lo!",
          },
        },
      ],
    },
  ]);
  expect(await screen.findByText("Hello!")).toBeTruthy();
});

it("sends a prompt from the composer to the open session, or a new one", async () => {
  const fake = fakeBackend({}, [], { sessions: [] });
  render(() => <App backend={fake.backend} />);
  fake.status(server());
  const box = await screen.findByRole("textbox", { name: "Message" });
  box.textContent = "";
  (box as HTMLTextAreaElement).value = "explain main.rs";
  box.dispatchEvent(new InputEvent("input", { bubbles: true }));
  box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fake.sent).toEqual(["ses_new: explain main.rs"]);
});

it("shows a permission request of the open session and sends the answer", async () => {
  const fake = fakeBackend({}, [], { sessions: [session("ses_1", "Risky")] });
  render(() => <App backend={fake.backend} />);
  fake.status(server());
  (await screen.findByRole("button", { name: /Risky/ })).click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  fake.batch([
    {
      kind: "Events",
      events: [
        {
          type: "permission.asked",
          properties: {
            id: "per_1",
            sessionID: "ses_1",
            permission: "bash",
            patterns: ["make deploy"],
            metadata: {},
            always: [],
          },
        },
        { type: "session.status", properties: { sessionID: "ses_1", status: { type: "busy" } } },
      ],
    },
  ]);
  (await screen.findByRole("button", { name: "Allow once" })).click();
  screen.getByRole("button", { name: "Stop" }).click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fake.sent).toEqual(["per_1: once", "abort ses_1"]);
});

it("reverts to before a message the user wrote, from that message's actions", async () => {
  const messages = [
    {
      info: { role: "user", id: "msg_1", sessionID: "ses_1", time: { created: 1 } },
      parts: [{ type: "text", id: "prt_1", sessionID: "ses_1", messageID: "msg_1", text: "Do it" }],
    },
  ] as unknown as MessageWithParts[];
  const fake = fakeBackend({}, [], { sessions: [session("ses_1", "Fix the build")], messages });
  const reverted: string[] = [];
  fake.backend.revertSession = (_server, sessionId, messageId) => {
    reverted.push(`${sessionId} ${messageId}`);
    return Promise.resolve(session(sessionId, "Fix the build"));
  };
  render(() => <App backend={fake.backend} />);
  fake.status(server());
  (await screen.findByRole("button", { name: /Fix the build/ })).click();
  (await screen.findByRole("button", { name: "Revert to before this message" })).click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(reverted).toEqual(["ses_1 msg_1"]);
});

it("keeps the composer and what is typed in it through a server restart, and sends once live", async () => {
  const fake = fakeBackend({}, [], { sessions: [session("ses_1", "Fix the build")] });
  render(() => <App backend={fake.backend} />);
  fake.status(server());
  (await screen.findByRole("button", { name: /Fix the build/ })).click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Message" });
  box.value = "unfinished thought";
  box.dispatchEvent(new InputEvent("input", { bubbles: true }));

  fake.batch([{ kind: "Disconnected", message: "cut", retry_in_ms: 250 }]);
  fake.status(server({ status: { state: "restarting", attempt: 1, message: "crashed" } }));
  fake.status(server({ status: { state: "failed", message: "crashed again" } }));
  expect(await screen.findByText("crashed again")).toBeTruthy();
  expect(screen.getByRole("textbox", { name: "Message" })).toBe(box);
  expect(box.value).toBe("unfinished thought");

  // Sent while the link is down: it waits, visibly.
  box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fake.sent).toEqual([]);
  expect(screen.getByText("Will send when connected")).toBeTruthy();

  fake.status(server({ url: "http://127.0.0.1:5123" }));
  fake.batch([{ kind: "Connected", marker: 2, resync: true }]);
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fake.sent).toEqual(["ses_1: unfinished thought"]);
  expect(screen.getByRole("textbox", { name: "Message" })).toBe(box);
});

it("offers another user's server found at start, and switches to it, for the open project, when chosen", async () => {
  const other: ServerNotUsed = {
    url: "http://127.0.0.1:4096",
    reason: "runs without a password as another user (uid 1001); not used unless you choose it",
    canUse: true,
  };
  let announce: ((servers: ServerNotUsed[]) => void) | undefined;
  const { backend, calls } = quietBackend({
    listServers: () => Promise.resolve([server({ url: "http://127.0.0.1:41234", directory: "/p" })]),
    serversNotUsed: () => Promise.resolve([other]),
    onServersNotUsed: (handler) => {
      announce = handler;
      return () => (announce = undefined);
    },
    connectServer: (url, _credentials, directory) =>
      Promise.resolve(server({ id: url, name: url, url, directory, attached: true })),
  });
  render(() => <App backend={backend} />);
  const banner = await screen.findByRole("status", { name: `OpenCode server not used: ${other.url}` });
  fireEvent.click(within(banner).getByRole("button", { name: "Use this server" }));
  fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Use this server" }));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(calls.filter((c) => c.name === "connectServer").map((c) => c.args)).toEqual([
    [other.url, {}, "/p"],
  ]);
  expect(calls.filter((c) => c.name === "watchEvents").map((c) => c.args[0])).toContain(other.url);
  expect(screen.queryByRole("status", { name: `OpenCode server not used: ${other.url}` })).toBeNull();

  // A later look (Retry) is announced to a window already open: its whole list replaces the last.
  announce?.([{ ...other, url: "http://127.0.0.1:4097" }]);
  expect(await screen.findByRole("status", { name: "OpenCode server not used: http://127.0.0.1:4097" })).toBeTruthy();
  announce?.([]);
  expect(screen.queryAllByRole("status", { name: /OpenCode server not used/ })).toEqual([]);
});
