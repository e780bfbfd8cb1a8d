// The app shell's ways to files (issue 19): a file named in a tool line opens in the Files panel
// at its line, the Changes panel's working tree follows the server's news of changed files, and
// a `!command` typed in the composer runs in the session's shell. Apart from App.test.tsx, whose
// fake backend is about servers and streams.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import App from "./App";
import type { Agent, Backend, FileNode, MessageWithParts, PumpMessage } from "./ipc";
import { quietBackend } from "./test/backend";
import { server, session } from "./test/factories";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${String(i + 1)}`).join("\n");
const node = (path: string, type: "file" | "directory" = "file"): FileNode => ({
  name: path.split("/").pop() ?? path,
  path,
  absolute: `/p/${path}`,
  type,
  ignored: false,
});

/** A session whose one reply read /p/src/a.ts from line 30. */
const READ: MessageWithParts[] = [
  {
    info: { role: "assistant", id: "msg_2", sessionID: "ses_1", time: { created: 1 } },
    parts: [
      {
        type: "tool",
        id: "prt_1",
        sessionID: "ses_1",
        messageID: "msg_2",
        callID: "call_1",
        tool: "read",
        state: {
          status: "completed",
          input: { filePath: "/p/src/a.ts", offset: 30, limit: 10 },
          output: "…",
          title: "src/a.ts",
          metadata: {},
          time: { start: 1, end: 2 },
        },
      },
    ],
  },
] as unknown as MessageWithParts[];

function setup(overrides: Partial<Backend> = {}) {
  let stream: ((batch: PumpMessage[]) => void) | undefined;
  const fake = quietBackend({
    listServers: () => Promise.resolve([server()]),
    listSessions: () => Promise.resolve([session("ses_1", "Look at a file")]),
    loadMessages: () => Promise.resolve({ messages: READ, before: null }),
    listFiles: (_s, path) =>
      Promise.resolve(path === "" ? [node("src", "directory")] : path === "src" ? [node("src/a.ts")] : []),
    readFile: () => Promise.resolve({ type: "text", content: lines(80) }),
    watchEvents: (_id, _directory, onBatch) => {
      stream = onBatch;
      queueMicrotask(() => {
        onBatch([{ kind: "Connected", marker: 1, resync: false }]);
      });
      return Promise.resolve(() => Promise.resolve());
    },
    ...overrides,
  });
  render(() => <App backend={fake.backend} />);
  return { ...fake, send: (batch: PumpMessage[]) => stream?.(batch) };
}

async function openSession() {
  fireEvent.click(await screen.findByRole("button", { name: /Look at a file/ }));
  await screen.findByRole("button", { name: /^read/ });
}

it("a click on a file's name in a tool line opens the Files panel on it, at the line read", async () => {
  setup();
  await openSession();
  fireEvent.click(within(screen.getByRole("button", { name: /^read/ })).getByText("src/a.ts"));
  const files = screen.getByRole("complementary", { name: "Files" });
  expect(within(screen.getByRole("banner")).getByRole("button", { name: "Files" }).getAttribute("aria-pressed")).toBe("true");
  expect(await within(files).findByRole("heading", { name: "src/a.ts" })).toBeTruthy();
  await waitFor(() => {
    expect(files.querySelector(".files-line-mark")?.getAttribute("data-line")).toBe("30");
  });
});

it("the Files panel reloads the open file once a burst of the server's news of changed files settles", async () => {
  const { calls, send } = setup();
  await openSession();
  fireEvent.click(within(screen.getByRole("button", { name: /^read/ })).getByText("src/a.ts"));
  await screen.findByRole("heading", { name: "src/a.ts" });
  const reads = () => calls.filter((c) => c.name === "readFile").length;
  const before = reads();
  const watcher = { type: "unknown", properties: { kind: "file.watcher.updated", properties: { file: "/p/src/a.ts", event: "change" } } } as const;
  send([{ kind: "Events", events: [watcher, { type: "file.edited", properties: { file: "/p/src/a.ts" } }] }]);
  send([{ kind: "Events", events: [watcher] }]);
  expect(reads()).toBe(before);
  await waitFor(() => {
    expect(reads()).toBe(before + 1);
  });
});

it("shows the working tree beside the session's changes, refetched when the server reports changed files", async () => {
  let branch = "main";
  const { calls, send } = setup({
    workingTree: () =>
      Promise.resolve({
        branch,
        files: [{ file: "src/a.ts", patch: "", additions: 1, deletions: 0, status: "modified" }],
      }),
  });
  await settle();
  fireEvent.click(screen.getByRole("button", { name: "Changes" }));
  const panel = screen.getByRole("complementary", { name: "Changes" });
  fireEvent.click(within(panel).getByRole("tab", { name: "Working tree" }));
  expect(await within(panel).findByText("main")).toBeTruthy();
  expect(within(panel).getByRole("button", { name: /^src\/a\.ts, modified/ })).toBeTruthy();
  const loads = () => calls.filter((c) => c.name === "workingTree").length;
  expect(loads()).toBe(1);

  branch = "feature";
  send([{ kind: "Events", events: [{ type: "vcs.branch.updated", properties: { branch: "feature" } }] }]);
  expect(await within(panel).findByText("feature", {}, { timeout: 2000 })).toBeTruthy();
  expect(loads()).toBe(2);

  // Its open button shows the file in the Files panel.
  fireEvent.click(within(panel).getByRole("button", { name: "Open src/a.ts in Files" }));
  expect(await screen.findByRole("heading", { name: "src/a.ts" })).toBeTruthy();
});

it("runs a !command typed in the composer in the open session's shell", async () => {
  const { calls } = setup({
    listAgents: () =>
      Promise.resolve([{ name: "build", mode: "primary", hidden: false, native: true, description: "" } as Agent]),
  });
  await openSession();
  const box = screen.getByRole("textbox", { name: "Message" });
  fireEvent.input(box, { target: { value: "!git status" } });
  expect(screen.getByText("Shell")).toBeTruthy();
  fireEvent.keyDown(box, { key: "Enter" });
  await settle();
  expect(calls.filter((c) => c.name === "runShell").map((c) => c.args)).toEqual([
    ["server-1", "ses_1", "git status", "build", null],
  ]);
  expect(calls.some((c) => c.name === "sendPrompt")).toBe(false);
});
