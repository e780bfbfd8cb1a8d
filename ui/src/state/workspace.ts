// The main window's controller: which server and project are open, the store of their data (written
// only by the reducer, through the intake), which session is open, and every action the screens
// can take. Screens get data and callbacks from here; App.tsx only lays them out.
import { batch, createMemo, createResource, createSignal, onCleanup, onMount } from "solid-js";
import { createStore, produce, reconcile } from "solid-js/store";
import type {
  Backend,
  MessageWithParts,
  ModelRef,
  Pending,
  PromptDraft,
  ServerInfo,
  Session,
} from "../ipc";
import type { ConnectionState } from "../lib/connection";
import { fromServerStatus, serverProblem } from "../lib/link";
import { Intake } from "./intake";
import { applyEvents, drop, removeSession, upsertMessage, upsertPart } from "./reducer";
import { emptyProject, type ProjectState } from "./store";

/** Messages loaded when a session opens: the last screen, fast, however long the session. */
export const TAIL = 50;
/** Pages of older messages kept once the reader is back at the bottom (see `trimOlder`). */
export const KEPT_PAGES = 2;

/** A page loaded: its oldest message, and the cursor to the page before it (null: none). */
interface LoadedPage {
  oldest: string | undefined;
  before: string | null;
}

/** Adds a page of messages with their parts (ids keep everything in order). */
function addPage(s: ProjectState, messages: readonly MessageWithParts[]): void {
  for (const { info: message, parts } of messages) {
    upsertMessage(s, message);
    s.parts[message.id] = [];
    for (const part of parts) upsertPart(s, part);
  }
}

/** Replaces what is pending with the server's list (after a start or a resync). */
function setPending(s: ProjectState, pending: Pending): void {
  s.permissions = {};
  s.questions = {};
  for (const request of pending.permissions) (s.permissions[request.sessionID] ??= []).push(request);
  for (const request of pending.questions) (s.questions[request.sessionID] ??= []).push(request);
}

export type Workspace = ReturnType<typeof createWorkspace>;

export function createWorkspace(api: Backend) {
  const [info] = createResource(api.appInfo);
  const [server, setServer] = createSignal<ServerInfo>();
  const [stream, setStream] = createSignal<ConnectionState>("connecting");
  const [store, setStore] = createStore(emptyProject());
  const [selected, setSelected] = createSignal<string>();
  /** Per session, the cursor to the page before the oldest message loaded (null: none left). */
  const [older, setOlder] = createStore<Record<string, string | null>>({});
  /** The open session's pages, newest first: where to cut when trimming. */
  let pages: LoadedPage[] = [];
  /** Bumped on every project switch: batches from an earlier project's stream are ignored. */
  let generation = 0;
  const watching = new Set<string>();

  const serverId = () => {
    const current = server();
    if (!current) throw new Error("No OpenCode server is connected yet.");
    return current.id;
  };

  const loadSessions = async (id: string) => {
    const [sessions, pending, statuses] = await Promise.all([
      api.listSessions(id),
      api.listPending(id),
      api.sessionStatuses(id),
    ]);
    setStore(
      produce((s) => {
        for (const session of sessions) s.sessions[session.id] = session;
        setPending(s, pending);
        // Absent means idle: a busy badge from before a drop must not outlive the reply.
        s.status = statuses;
      }),
    );
  };

  const loadSessionExtras = async (id: string, sessionId: string) => {
    const [todos, diffs] = await Promise.all([
      api.sessionTodos(id, sessionId),
      api.sessionDiff(id, sessionId),
    ]);
    setStore(
      produce((s) => {
        s.todos[sessionId] = todos;
        s.diffs[sessionId] = diffs;
      }),
    );
  };

  const openSession = async (sessionId: string) => {
    const id = serverId();
    // Marks for the benchmark (bench/app.mjs): where the time of an open goes.
    performance.mark("open:asked");
    setSelected(sessionId);
    const page = await api.loadMessages(id, sessionId, TAIL);
    performance.mark("open:data");
    pages = [{ oldest: page.messages[0]?.info.id, before: page.before }];
    batch(() => {
      setOlder(sessionId, page.before);
      setStore(
        produce((s) => {
          // Only the open session's messages stay loaded. Every page of every session visited
          // stayed before, and the web process grew by hundreds of MB (scripts/bench-app.sh);
          // a session opened again costs the server's last page, about 20 ms.
          s.messages = { [sessionId]: [] };
          s.messageInfo = {};
          s.parts = {};
          addPage(s, page.messages);
        }),
      );
    });
    performance.mark("open:stored");
    // Todos and changed files are secondary: they must not hold up the transcript.
    loadSessionExtras(id, sessionId).catch(() => undefined);
  };

  const loadOlder = async (sessionId: string) => {
    const cursor = older[sessionId];
    if (!cursor) return;
    const page = await api.loadMessages(serverId(), sessionId, TAIL, cursor);
    // Another session opened, or the pages were trimmed, meanwhile: this page would leave a gap.
    if (selected() !== sessionId || older[sessionId] !== cursor) return;
    pages.push({ oldest: page.messages[0]?.info.id, before: page.before });
    setOlder(sessionId, page.before);
    setStore(produce((s) => { addPage(s, page.messages); }));
  };

  /**
   * Lets go of older pages the reader scrolled through, once back at the bottom: all but the
   * newest `KEPT_PAGES`. Scrolling to the top of a 3,000-message session otherwise kept every
   * page for as long as the session stayed open. Scrolling up again loads them again.
   */
  const trimOlder = (sessionId: string) => {
    const keep = pages[KEPT_PAGES - 1];
    if (selected() !== sessionId || pages.length <= KEPT_PAGES || keep?.oldest === undefined) return;
    const oldest = keep.oldest;
    pages.length = KEPT_PAGES;
    batch(() => {
      setOlder(sessionId, keep.before);
      setStore(
        produce((s) => {
          const ids = s.messages[sessionId] ?? [];
          // Ids sort by time: everything before the oldest kept message goes.
          const cut = ids.findIndex((id) => id >= oldest);
          const gone = ids.splice(0, cut < 0 ? ids.length : cut);
          for (const id of gone) {
            drop(s.messageInfo, id);
            drop(s.parts, id);
          }
        }),
      );
    });
  };

  const intake = new Intake({
    apply: (events) => {
      setStore(produce((s) => { applyEvents(s, events); }));
    },
    refetch: async () => {
      const current = server();
      if (!current) return;
      await loadSessions(current.id);
      const open = selected();
      if (open) await openSession(open);
    },
    hasPart: (messageId, partId) => store.parts[messageId]?.some((p) => p.id === partId) ?? false,
    setConnection: setStream,
  });

  const watch = (next: ServerInfo) => {
    const key = `${next.id}\n${next.directory ?? ""}\n${next.url}`;
    if (next.status.state !== "ready" || watching.has(key)) return;
    // The same server back on another address (restarted onto a new port): the old stream keeps
    // knocking at the old one, so follow the new one and refetch what may have been missed.
    const place = `${next.id}\n${next.directory ?? ""}\n`;
    const moved = [...watching].some((k) => k.startsWith(place));
    watching.add(key);
    if (moved) {
      generation += 1;
      intake.receive([{ kind: "Connected", resync: true }]);
    }
    const mine = generation;
    api
      .watchEvents(next.id, (events) => {
        if (mine === generation) intake.receive(events);
      })
      .then(() => loadSessions(next.id))
      .catch(() => {
        watching.delete(key);
        setStream("offline");
      });
  };

  const follow = (next: ServerInfo) => {
    const current = server();
    if (current && current.id !== next.id) {
      // Another server takes over the window only when this one is unusable (after a Retry the
      // supervisor's new server has a new id); otherwise its news is not ours to show.
      if (current.status.state !== "ready") switchTo(next);
      return;
    }
    setServer(next);
    watch(next);
  };

  onMount(() => {
    onCleanup(api.onServerStatusChanged(follow));
    // The quick prompt (or the tray) started or picked a session: show it here.
    onCleanup(
      api.onOpenSessionRequested(({ serverId: id, sessionId }) => {
        if (server()?.id !== id) return;
        void loadSessions(id)
          .then(() => openSession(sessionId))
          .catch(() => undefined);
      }),
    );
    void api.listServers().then((servers) => {
      const first = servers[0];
      if (first && !server()) follow(first);
    });
  });

  /** Shows another server or project from scratch: new store, new event stream. */
  const switchTo = (next: ServerInfo) => {
    generation += 1;
    batch(() => {
      setSelected(undefined);
      setStore(reconcile(emptyProject()));
      setOlder(reconcile({}));
      setStream("connecting");
      setServer(next);
    });
    watch(next);
  };

  const connection = createMemo<ConnectionState>(() => {
    const current = server();
    if (!current) return "connecting";
    return fromServerStatus(current.status) ?? stream();
  });
  const problem = createMemo(() => {
    const current = server();
    return current ? serverProblem(current.status) : undefined;
  });
  const ready = () => server()?.status.state === "ready";

  /** The composer's choices from the server: models, agents, `/` commands. A failed list is empty. */
  const [catalog] = createResource(
    () => (ready() ? server()?.id : undefined),
    async (id) => {
      const [models, agents, commands] = await Promise.all([
        api.listModels(id).catch(() => undefined),
        api.listAgents(id).catch(() => []),
        api.listCommands(id).catch(() => []),
      ]);
      return { models, agents, commands };
    },
  );

  /** The model and agent the open session's last reply used, so the composer keeps them. */
  const lastChoice = createMemo(() => {
    const id = selected();
    const ids = id ? store.messages[id] : undefined;
    if (!ids) return { model: null, agent: null };
    for (let i = ids.length - 1; i >= 0; i--) {
      const message = store.messageInfo[ids[i] ?? ""];
      if (message?.role === "assistant") {
        return {
          model: { providerID: message.providerID, modelID: message.modelID },
          agent: message.agent,
        };
      }
    }
    return { model: null, agent: null };
  });

  /** All sessions, sub-agent sessions included, newest first. */
  const sessions = createMemo(() =>
    Object.values(store.sessions).sort((a, b) => (b.time.updated ?? 0) - (a.time.updated ?? 0)),
  );
  const openSessionInfo = createMemo<Session | undefined>(() => {
    const id = selected();
    return id ? store.sessions[id] : undefined;
  });
  const isBusy = (sessionId: string) => store.status[sessionId]?.type === "busy";
  const needsYou = (sessionId: string) =>
    (store.permissions[sessionId]?.length ?? 0) + (store.questions[sessionId]?.length ?? 0) > 0;
  const allPermissions = createMemo(() => Object.values(store.permissions).flat());
  const allQuestions = createMemo(() => Object.values(store.questions).flat());

  const newSession = async () => {
    const session = await api.createSession(serverId());
    setStore(produce((s) => (s.sessions[session.id] = session)));
    await openSession(session.id);
    return session.id;
  };

  /** Sends to `to` (a queued prompt's own session), else the open session, else a new one. */
  const send = async (draft: PromptDraft, to?: string) => {
    const id = serverId();
    const sessionId = to ?? selected() ?? (await newSession());
    await api.sendPrompt(id, sessionId, draft);
  };

  const runCommand = async (
    name: string,
    args: string,
    choice: { model?: ModelRef | null; agent?: string | null } = {},
    to?: string,
  ) => {
    const id = serverId();
    const sessionId = to ?? selected() ?? (await newSession());
    await api.runCommand(id, sessionId, name, args, choice);
  };

  const stop = async () => {
    const id = selected();
    if (id) await api.abortSession(serverId(), id);
  };

  const rememberSession = (session: Session) => {
    setStore(produce((s) => (s.sessions[session.id] = session)));
    return session;
  };

  const actions = {
    rename: async (sessionId: string, title: string) =>
      rememberSession(await api.renameSession(serverId(), sessionId, title)),
    remove: async (sessionId: string) => {
      await api.deleteSession(serverId(), sessionId);
      if (selected() === sessionId) setSelected(undefined);
      // The server's own `session.deleted` event may come later; removal is idempotent.
      setStore(produce((s) => { removeSession(s, sessionId); }));
    },
    fork: async (sessionId: string, messageId: string | null = null) => {
      const forked = rememberSession(await api.forkSession(serverId(), sessionId, messageId));
      await openSession(forked.id);
      return forked;
    },
    /** Shares the session; resolves to its public link. */
    share: async (sessionId: string) => {
      const shared = rememberSession(await api.shareSession(serverId(), sessionId, true));
      const url = shared.share?.url;
      if (!url) throw new Error("The server shared the session but sent no link.");
      return url;
    },
    revert: async (sessionId: string, messageId: string) =>
      rememberSession(await api.revertSession(serverId(), sessionId, messageId)),
    unrevert: async (sessionId: string) =>
      rememberSession(await api.unrevertSession(serverId(), sessionId)),
    summarize: async (sessionId: string, model: ModelRef) => {
      await api.summarizeSession(serverId(), sessionId, model);
    },
    replyPermission: (requestId: string, reply: "once" | "always" | "reject") =>
      api.replyPermission(serverId(), requestId, reply),
    replyQuestion: (requestId: string, answers: string[][]) =>
      api.replyQuestion(serverId(), requestId, answers),
    rejectQuestion: (requestId: string) => api.rejectQuestion(serverId(), requestId),
    openProject: async (directory: string) => {
      switchTo(await api.openProject(serverId(), directory));
    },
    connectServer: async (url: string, credentials: { username?: string; password?: string }) => {
      switchTo(await api.connectServer(url, credentials, server()?.directory ?? null));
    },
    retry: () => api.retryServer(),
    selectServer: (next: ServerInfo) => {
      if (next.id !== server()?.id) switchTo(next);
    },
  };

  return {
    api,
    info,
    server,
    store,
    selected,
    older,
    connection,
    problem,
    ready,
    catalog,
    lastChoice,
    sessions,
    openSessionInfo,
    isBusy,
    needsYou,
    allPermissions,
    allQuestions,
    openSession,
    closeSession: () => {
      setSelected(undefined);
    },
    /** Refetches the open session's todos and changed files (the side panel asks when shown). */
    refreshExtras: async () => {
      const id = selected();
      const current = server();
      if (id && current) await loadSessionExtras(current.id, id);
    },
    loadOlder,
    trimOlder,
    newSession,
    send,
    runCommand,
    stop,
    ...actions,
  };
}
