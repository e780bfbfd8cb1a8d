// The workspace controller's behaviour against a fake backend: opening, paging, events, resyncs,
// switching server and project (openAt). Past 500 lines as one file because every case shares the
// same fake backend and store set-up; split, each file would repeat it.
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

interface Subscription {
  place: string;
  send: (batch: PumpMessage[]) => void;
  ended: boolean;
}

/**
 * A workspace over a quiet backend whose event subscriptions (one per watch) the test drives.
 * Each says Connected (marker 1) first, as the Rust hub of a live stream does.
 */
function setup(overrides: Partial<Backend> = {}) {
  const subscriptions: Subscription[] = [];
  const streams: ((batch: PumpMessage[]) => void)[] = [];
  const { backend, calls } = quietBackend({
    listServers: () => Promise.resolve([server()]),
    watchEvents: (id, directory, onBatch) => {
      const subscription = { place: `${id} ${directory ?? ""}`, send: onBatch, ended: false };
      subscriptions.push(subscription);
      streams.push(onBatch);
      queueMicrotask(() => {
        onBatch([{ kind: "Connected", marker: 1, resync: false }]);
      });
      return Promise.resolve(() => {
        subscription.ended = true;
        return Promise.resolve();
      });
    },
    ...overrides,
  });
  const ws = createRoot((d) => {
    dispose = d;
    return createWorkspace(backend);
  });
  return { ws, streams, subscriptions, calls };
}

const events = (...list: ServerEvent[]): PumpMessage[] => [{ kind: "Events", events: list }];

async function started(overrides: Partial<Backend> = {}) {
  const env = setup(overrides);
  await flush();
  await flush();
  return env;
}

describe("workspace", () => {
  it("reads the models again when the server disposes the instance (a sign-in applied after a reply)", async () => {
    const { streams, calls } = await started();
    expect(calls.filter((c) => c.name === "listModels")).toHaveLength(1);
    streams[0]?.(events({ type: "server.instance.disposed", properties: { directory: "/p" } }));
    await flush();
    expect(calls.filter((c) => c.name === "listModels")).toHaveLength(2);
  });

  it("asks for the models only once the session list is in: the server answers nothing while it lists providers", async () => {
    let answer: (() => void) | undefined;
    const { calls } = await started({
      listSessions: () =>
        new Promise((resolve) => {
          answer = () => {
            resolve([session("ses_a", "A")]);
          };
        }),
    });
    expect(calls.filter((c) => c.name === "listSessions")).toHaveLength(1);
    expect(calls.filter((c) => c.name === "listModels")).toHaveLength(0);
    answer?.();
    await flush();
    expect(calls.filter((c) => c.name === "listModels")).toHaveLength(1);
  });

  it("reads the models again when asked (a provider signed in), keeping the old list meanwhile", async () => {
    const model = (providerID: string) => ({
      id: "m1", providerID, name: `${providerID} model`, capabilities: {}, limit: {}, cost: {},
    });
    const free = { providers: [{ id: "opencode", name: "OpenCode Zen", models: { m1: model("opencode") } }], default: {} };
    const more = {
      providers: [...free.providers, { id: "anthropic", name: "Anthropic", models: { m1: model("anthropic") } }],
      default: {},
    };
    let models = free;
    let answer: (() => void) | undefined;
    const { ws, calls } = await started({
      listModels: () =>
        models === free ? Promise.resolve(models) : new Promise((resolve) => {
              answer = () => {
                resolve(models);
              };
            }),
    });
    expect(ws.catalog()?.models?.providers.map((p) => p.id)).toEqual(["opencode"]);

    models = more;
    ws.refreshModels();
    await flush();
    expect(ws.catalog()?.models?.providers.map((p) => p.id)).toEqual(["opencode"]);
    answer?.();
    await flush();
    expect(ws.catalog()?.models?.providers.map((p) => p.id)).toEqual(["opencode", "anthropic"]);
    expect(calls.filter((c) => c.name === "listModels")).toHaveLength(2);
  });

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
    expect(Object.values(ws.store.permissions).flat().map((p) => p.id)).toEqual(["per_1"]);
  });

  it("switching project starts clean, ends the old subscription and watches the new one", async () => {
    const { ws, subscriptions } = await started({
      listSessions: () => Promise.resolve([session("ses_old", "Old")]),
      openProject: (_id, directory) => Promise.resolve(server({ directory })),
    });
    expect(ws.sessions().map((s) => s.id)).toEqual(["ses_old"]);
    await ws.openProject("/second");
    expect(ws.server()?.directory).toBe("/second");
    expect(subscriptions.map((s) => [s.place, s.ended])).toEqual([
      ["srv /first", true],
      ["srv /second", false],
    ]);
    await flush();
    // A late event from the first project's subscription must not leak into the second.
    subscriptions[0]?.send(events({ type: "session.created", properties: { info: session("ses_late") } }));
    expect(ws.store.sessions.ses_late).toBeUndefined();
    subscriptions[1]?.send(events({ type: "session.created", properties: { info: session("ses_new") } }));
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

  it("runs a queued ! shell command in its session with its agent and model, OpenCode's agent if none", async () => {
    const { ws, calls } = await started();
    const model = { providerID: "zen", modelID: "fast" };
    await ws.runShell("ls -la", { model, agent: "plan" }, "ses_a");
    await ws.runShell("pwd", { model: null, agent: null }, "ses_a");
    expect(calls.filter((c) => c.name === "runShell").map((c) => c.args)).toEqual([
      ["srv", "ses_a", "ls -la", "plan", model],
      ["srv", "ses_a", "pwd", "build", null],
    ]);
    // The composer's queue delivers it there too.
    await ws.compose.send("ses_a", { kind: "shell", command: "date", choice: { model, agent: "build" }, text: "!date" }, {
      text: "!date",
      attachments: [],
      mentions: [],
    });
    expect(calls.filter((c) => c.name === "runShell").at(-1)?.args).toEqual(["srv", "ses_a", "date", "build", model]);
  });

  it("counts the server's news of changed files, for the working tree to refetch", async () => {
    const { ws, streams } = await started();
    const before = ws.store.fileChanges;
    streams[0]?.(
      events(
        { type: "file.edited", properties: { file: "/first/a.ts" } },
        { type: "unknown", properties: { kind: "file.watcher.updated", properties: { file: "a.ts", event: "change" } } },
        { type: "unknown", properties: { kind: "catalog.updated", properties: {} } },
        { type: "vcs.branch.updated", properties: { branch: "main" } },
      ),
    );
    expect(ws.store.fileChanges).toBe(before + 3);
  });

  it("asks for a session's page before the selection's own work, so the two overlap", async () => {
    let selectedWhenAsked: (string | undefined)[] = [];
    const { ws } = await started({
      loadMessages: (_id, sessionId) => {
        selectedWhenAsked.push(ws.selected());
        return Promise.resolve({
          messages: [{ info: assistant(`msg_${sessionId}`, sessionId), parts: [textPart(`prt_${sessionId}`, `msg_${sessionId}`, "hi")] }],
          before: null,
        });
      },
    });
    selectedWhenAsked = [];
    await ws.openSession("ses_a");
    expect(selectedWhenAsked).toEqual([undefined]);
    expect(ws.selected()).toBe("ses_a");
    expect(ws.store.messages.ses_a).toEqual(["msg_ses_a"]);
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

  it("a server restarted on a new port is not watched again; its new marker refetches", async () => {
    let handler: ((s: ServerInfo) => void) | undefined;
    let listed = 0;
    const { ws, subscriptions } = await started({
      onServerStatusChanged: (h) => {
        handler = h;
        return () => undefined;
      },
      listSessions: () => {
        listed += 1;
        return Promise.resolve(listed === 1 ? [session("ses_a")] : [session("ses_b")]);
      },
    });
    expect(listed).toBe(1);
    const stream = subscriptions[0];
    stream?.send([{ kind: "Disconnected", message: "cut", retry_in_ms: 250 }]);
    handler?.(server({ status: { state: "restarting", attempt: 1, message: "crashed" } }));
    expect(ws.connection()).toBe("reconnecting");
    handler?.(server({ url: "http://127.0.0.1:5000" }));
    expect(ws.connection()).toBe("reconnecting");
    // The hub follows the server to its new port: the same subscription says so.
    stream?.send([{ kind: "Connected", marker: 2, resync: true }]);
    expect(ws.connection()).toBe("resyncing");
    await flush();
    expect(subscriptions).toHaveLength(1);
    expect(listed).toBe(2);
    expect(ws.connection()).toBe("live");
    // Deleted while the stream was down: the refetched list is the server's word.
    expect(ws.sessions().map((s) => s.id)).toEqual(["ses_b"]);
  });

  it("the first load is buffered against events that arrive meanwhile", async () => {
    let answer: (() => void) | undefined;
    const { ws, subscriptions } = setup({
      listSessions: () =>
        new Promise((resolve) => {
          answer = () => {
            resolve([session("ses_a"), session("ses_b")]);
          };
        }),
    });
    await flush();
    expect(ws.connection()).toBe("connecting");
    // Deleted after the server answered the list, before the answer arrived.
    subscriptions[0]?.send(events({ type: "session.deleted", properties: { info: session("ses_b") } }));
    answer?.();
    await flush();
    expect(ws.sessions().map((s) => s.id)).toEqual(["ses_a"]);
    expect(ws.connection()).toBe("live");
  });

  it("opening a slow session then a fast one shows the fast one's transcript", async () => {
    const release: Record<string, () => void> = {};
    const { ws } = await started({
      loadMessages: (_id, sessionId) =>
        new Promise((resolve) => {
          release[sessionId] = () => {
            resolve({
              messages: [{ info: assistant(`msg_${sessionId}`, sessionId), parts: [] }],
              before: null,
            });
          };
        }),
    });
    const long = ws.openSession("ses_long");
    const short = ws.openSession("ses_short");
    release.ses_short?.();
    await short;
    release.ses_long?.();
    await long;
    expect(ws.selected()).toBe("ses_short");
    expect(ws.store.messages).toEqual({ ses_short: ["msg_ses_short"] });
  });

  it("a resync reloads the session open when the list arrives, and closes one deleted meanwhile", async () => {
    let listAnswer: ((sessions: ReturnType<typeof session>[]) => void) | undefined;
    const loaded: string[] = [];
    const { ws, subscriptions } = await started({
      listSessions: () =>
        listAnswer
          ? new Promise((resolve) => (listAnswer = resolve))
          : Promise.resolve([session("ses_a"), session("ses_b"), session("ses_c")]),
      loadMessages: (_id, sessionId) => {
        loaded.push(sessionId);
        return Promise.resolve({ messages: [], before: null });
      },
    });
    await ws.openSession("ses_a");
    listAnswer = () => undefined;
    subscriptions[0]?.send([{ kind: "Connected", marker: 2, resync: true }]);
    // The user opens another session while the list is on its way.
    await ws.openSession("ses_b");
    listAnswer([session("ses_a"), session("ses_b")]);
    await flush();
    expect(loaded).toEqual(["ses_a", "ses_b", "ses_b"]);
    expect(ws.connection()).toBe("live");

    listAnswer = () => undefined;
    subscriptions[0]?.send([{ kind: "Connected", marker: 3, resync: true }]);
    listAnswer([session("ses_a")]);
    await flush();
    expect(ws.selected()).toBeUndefined();
    expect(ws.sessions().map((s) => s.id)).toEqual(["ses_a"]);
  });

  it("opens an inbox item of another server and project, switching the window there", async () => {
    const other = server({ id: "other", name: "Build box", directory: "/second" });
    const { ws, subscriptions, calls } = await started({
      listServers: () => Promise.resolve([server(), other]),
      openProject: (id, directory) => Promise.resolve({ ...other, id, directory }),
      listSessions: () => Promise.resolve([session("ses_x"), session("ses_y")]),
    });
    await ws.openAt("other", "/third", "ses_x");
    await flush();
    expect(ws.server()?.id).toBe("other");
    expect(ws.server()?.directory).toBe("/third");
    expect(ws.selected()).toBe("ses_x");
    expect(calls.filter((c) => c.name === "openProject").map((c) => c.args)).toEqual([["other", "/third"]]);
    expect(calls.filter((c) => c.name === "loadMessages").every((c) => c.args[0] === "other")).toBe(true);
    expect(subscriptions.at(-1)?.place).toBe("other /third");
    // The same server and project: the session opens, nothing else moves.
    await ws.openAt("other", "/third", "ses_y");
    expect(calls.filter((c) => c.name === "openProject")).toHaveLength(1);
    expect(ws.selected()).toBe("ses_y");
  });

  it("opens the session the tray asked for on another server", async () => {
    let open: ((r: { serverId: string; sessionId: string }) => void) | undefined;
    const { ws } = await started({
      listServers: () => Promise.resolve([server(), server({ id: "other", directory: "/second" })]),
      listSessions: (id) => Promise.resolve(id === "other" ? [session("ses_t")] : []),
      onOpenSessionRequested: (h) => {
        open = h;
        return () => undefined;
      },
    });
    open?.({ serverId: "other", sessionId: "ses_t" });
    await flush();
    await flush();
    expect(ws.server()?.id).toBe("other");
    expect(ws.selected()).toBe("ses_t");
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
