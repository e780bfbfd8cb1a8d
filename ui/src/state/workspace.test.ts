import { createRoot } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { Backend, PermissionRequest, PumpMessage, ServerEvent, ServerInfo } from "../ipc";
import { quietBackend } from "../test/backend";
import { assistant, session, textPart } from "../test/factories";
import { createWorkspace } from "./workspace";

function server(over: Partial<ServerInfo> = {}): ServerInfo {
  return {
    id: "srv",
    name: "OpenCode",
    url: "http://127.0.0.1:4096",
    version: "1.18.33",
    directory: "/first",
    attached: false,
    status: { state: "ready" },
    ...over,
  };
}

const permission = (id: string, sessionID: string): PermissionRequest =>
  ({ id, sessionID, permission: "bash", patterns: ["ls"], metadata: {}, always: [] });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

/** A workspace over a quiet backend whose event streams (one per watch) the test drives. */
function setup(overrides: Partial<Backend> = {}) {
  const streams: ((batch: PumpMessage[]) => void)[] = [];
  const { backend, calls } = quietBackend({
    listServers: () => Promise.resolve([server()]),
    watchEvents: (_id, onBatch) => {
      streams.push(onBatch);
      return Promise.resolve();
    },
    ...overrides,
  });
  const ws = createRoot((d) => {
    dispose = d;
    return createWorkspace(backend);
  });
  return { ws, streams, calls };
}

const events = (...list: ServerEvent[]): PumpMessage[] => [{ kind: "Events", events: list }];

async function started(overrides: Partial<Backend> = {}) {
  const env = setup(overrides);
  await flush();
  await flush();
  return env;
}

describe("workspace", () => {
  it("loads sessions and what waits for the user when the server is ready", async () => {
    const { ws } = await started({
      listSessions: () => Promise.resolve([session("ses_a", "A"), session("ses_b", "B")]),
      listPending: () =>
        Promise.resolve({ permissions: [permission("per_1", "ses_b")], questions: [] }),
      sessionStatuses: () => Promise.resolve({ ses_a: { type: "busy" } }),
    });
    expect(ws.isBusy("ses_a")).toBe(true);
    expect(ws.isBusy("ses_b")).toBe(false);
    expect(ws.sessions().map((s) => s.id).sort()).toEqual(["ses_a", "ses_b"]);
    expect(ws.needsYou("ses_b")).toBe(true);
    expect(ws.needsYou("ses_a")).toBe(false);
    expect(ws.allPermissions().map((p) => p.id)).toEqual(["per_1"]);
  });

  it("switching project starts clean and ignores the old project's stream", async () => {
    const { ws, streams } = await started({
      listSessions: () => Promise.resolve([session("ses_old", "Old")]),
      openProject: (_id, directory) => Promise.resolve(server({ directory })),
    });
    expect(ws.sessions().map((s) => s.id)).toEqual(["ses_old"]);
    await ws.openProject("/second");
    expect(ws.server()?.directory).toBe("/second");
    expect(streams).toHaveLength(2);
    // A late event from the first project's stream must not leak into the second.
    streams[0]?.(events({ type: "session.created", properties: { info: session("ses_late") } }));
    expect(ws.store.sessions.ses_late).toBeUndefined();
    streams[1]?.(events({ type: "session.created", properties: { info: session("ses_new") } }));
    expect(ws.store.sessions.ses_new).toBeDefined();
  });

  it("deleting the open session closes it and removes it at once", async () => {
    const { ws } = await started({
      listSessions: () => Promise.resolve([session("ses_a", "A")]),
    });
    await ws.openSession("ses_a");
    expect(ws.selected()).toBe("ses_a");
    await ws.remove("ses_a");
    expect(ws.selected()).toBeUndefined();
    expect(ws.store.sessions.ses_a).toBeUndefined();
  });

  it("sends a prompt to a new session when none is open", async () => {
    const { ws, calls } = await started();
    await ws.send({ text: "hello" });
    const sent = calls.find((c) => c.name === "sendPrompt");
    expect(sent?.args).toEqual(["srv", "ses_new", { text: "hello" }]);
    expect(ws.selected()).toBe("ses_new");
  });

  it("opening a session lets go of the messages of the one before", async () => {
    const { ws } = await started({
      loadMessages: (_id, sessionId) =>
        Promise.resolve({
          messages: [{ info: assistant(`msg_${sessionId}`, sessionId), parts: [textPart(`prt_${sessionId}`, `msg_${sessionId}`, "hi")] }],
          before: null,
        }),
    });
    await ws.openSession("ses_a");
    expect(ws.store.messages.ses_a).toEqual(["msg_ses_a"]);
    await ws.openSession("ses_b");
    expect(ws.store.messages.ses_b).toEqual(["msg_ses_b"]);
    expect(ws.store.messages.ses_a).toBeUndefined();
    expect(ws.store.messageInfo.msg_ses_a).toBeUndefined();
    expect(ws.store.parts.msg_ses_a).toBeUndefined();
    expect(ws.store.parts.msg_ses_b?.[0]?.id).toBe("prt_ses_b");
  });

  it("back at the bottom it lets go of all but the newest pages, and pages back again from there", async () => {
    // A session of 10 messages msg_00..msg_09, paged 2 at a time from the end; the cursor is the
    // index of the first message of the page before.
    const all = Array.from({ length: 10 }, (_, i) => `msg_0${i}`);
    const cursors: (string | null | undefined)[] = [];
    const { ws } = await started({
      loadMessages: (_id, sessionId, _limit, before) => {
        cursors.push(before);
        const end = before == null ? all.length : Number(before);
        const start = Math.max(0, end - 2);
        return Promise.resolve({
          messages: all.slice(start, end).map((id) => ({ info: assistant(id, sessionId), parts: [textPart(`p_${id}`, id)] })),
          before: start > 0 ? String(start) : null,
        });
      },
    });
    await ws.openSession("ses_a");
    for (let i = 0; i < 3; i++) await ws.loadOlder("ses_a");
    expect(ws.store.messages.ses_a).toEqual(all.slice(2));
    expect(ws.older.ses_a).toBe("2");

    ws.trimOlder("ses_a");
    expect(ws.store.messages.ses_a).toEqual(all.slice(6));
    expect(ws.store.messageInfo.msg_05).toBeUndefined();
    expect(ws.store.parts.msg_02).toBeUndefined();
    expect(ws.store.parts.msg_06?.[0]?.id).toBe("p_msg_06");
    expect(ws.older.ses_a).toBe("6");

    // Scrolling up again asks for the page just before what stayed.
    await ws.loadOlder("ses_a");
    expect(cursors.at(-1)).toBe("6");
    expect(ws.store.messages.ses_a).toEqual(all.slice(4));
    // With only the kept pages (and one more) loaded, there is nothing to trim... beyond them.
    ws.trimOlder("ses_a");
    expect(ws.store.messages.ses_a).toEqual(all.slice(6));
  });

  it("a page that arrives after a trim is dropped: it would leave a gap", async () => {
    let release: (() => void) | undefined;
    const all = Array.from({ length: 10 }, (_, i) => `msg_0${i}`);
    const { ws } = await started({
      loadMessages: async (_id, sessionId, _limit, before) => {
        const end = before == null ? all.length : Number(before);
        const start = Math.max(0, end - 2);
        if (end === 4) await new Promise<void>((resolve) => (release = resolve));
        return {
          messages: all.slice(start, end).map((id) => ({ info: assistant(id, sessionId), parts: [] })),
          before: start > 0 ? String(start) : null,
        };
      },
    });
    await ws.openSession("ses_a");
    await ws.loadOlder("ses_a");
    await ws.loadOlder("ses_a");
    const late = ws.loadOlder("ses_a"); // asks for msg_02..03, held back
    await flush();
    ws.trimOlder("ses_a");
    release?.();
    await late;
    expect(ws.store.messages.ses_a).toEqual(all.slice(6));
    expect(ws.older.ses_a).toBe("6");
  });

  it("a share without a link is an error, not a silent success", async () => {
    const { ws } = await started();
    await expect(ws.share("ses_a")).rejects.toThrow(/no link/);
  });

  it("loads todos and changed files of the session it opens", async () => {
    const { ws } = await started({
      sessionTodos: () => Promise.resolve([{ content: "Write tests", status: "pending", priority: "high" }]),
      sessionDiff: () =>
        Promise.resolve([{ file: "a.rs", patch: "", additions: 1, deletions: 0, status: "modified" }]),
    });
    await ws.openSession("ses_a");
    await flush();
    expect(ws.store.todos.ses_a?.[0]?.content).toBe("Write tests");
    expect(ws.store.diffs.ses_a?.[0]?.file).toBe("a.rs");
  });

  it("a status change of another server does not take over the window", async () => {
    let handler: ((s: ServerInfo) => void) | undefined;
    const { ws } = await started({
      onServerStatusChanged: (h) => {
        handler = h;
        return () => undefined;
      },
    });
    handler?.(server({ id: "other", status: { state: "stopped" } }));
    expect(ws.server()?.id).toBe("srv");
  });

  it("after the server failed, the one a Retry starts takes over", async () => {
    let handler: ((s: ServerInfo) => void) | undefined;
    const { ws, calls } = await started({
      listServers: () =>
        Promise.resolve([server({ id: "local", status: { state: "failed", message: "gone" } })]),
      onServerStatusChanged: (h) => {
        handler = h;
        return () => undefined;
      },
    });
    expect(ws.problem()).toBe("gone");
    await ws.retry();
    expect(calls.some((c) => c.name === "retryServer")).toBe(true);
    handler?.(server({ id: "2", status: { state: "starting" } }));
    expect(ws.server()?.id).toBe("2");
    handler?.(server({ id: "2" }));
    expect(ws.connection()).toBe("connecting");
    expect(ws.problem()).toBeUndefined();
  });

  it("follows the server onto its new address after a restart, and refetches", async () => {
    let handler: ((s: ServerInfo) => void) | undefined;
    let listed = 0;
    const { ws, streams } = await started({
      onServerStatusChanged: (h) => {
        handler = h;
        return () => undefined;
      },
      listSessions: () => {
        listed += 1;
        return Promise.resolve([]);
      },
    });
    expect(streams).toHaveLength(1);
    const before = listed;
    handler?.(server({ status: { state: "restarting", attempt: 1, message: "crashed" } }));
    handler?.(server({ url: "http://127.0.0.1:5000" }));
    expect(streams).toHaveLength(2);
    await flush();
    expect(listed).toBeGreaterThan(before);
    // The old address's stream is ignored from now on.
    streams[0]?.(events({ type: "session.created", properties: { info: session("ses_old") } }));
    expect(ws.store.sessions.ses_old).toBeUndefined();
  });

  it("opens the session the quick prompt started", async () => {
    let open: ((r: { serverId: string; sessionId: string }) => void) | undefined;
    const { ws } = await started({
      onOpenSessionRequested: (h) => {
        open = h;
        return () => undefined;
      },
      listSessions: () => Promise.resolve([session("ses_q", "Quick")]),
    });
    open?.({ serverId: "other", sessionId: "ses_q" });
    await flush();
    expect(ws.selected()).toBeUndefined();
    open?.({ serverId: "srv", sessionId: "ses_q" });
    await flush();
    await flush();
    expect(ws.selected()).toBe("ses_q");
  });
});
