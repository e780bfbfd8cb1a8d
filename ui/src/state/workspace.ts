// The main window's controller: which server and project are open, their one event subscription,
// the store of their data, which session is open, unsent work (state/compose.ts), and every action
// the screens can take. The store is written only through the reducer (events, via the intake) and
// the snapshot actions (state/snapshots.ts): nothing here assigns to it directly. Screens get data
// and callbacks from here; App.tsx only lays them out. (Past 500 lines as the one controller of
// what the window shows: every action that moves it between servers, projects and sessions.)
import { batch, createMemo, createResource, createSignal, onCleanup, onMount } from "solid-js";
import { createStore, produce, reconcile } from "solid-js/store";
import type { Backend, ModelRef, PromptDraft, ServerInfo, ServerNotUsed, Session } from "../ipc";
import type { ConnectionState } from "../lib/connection";
import { fromServerStatus, serverProblem } from "../lib/link";
import { createCompose } from "./compose";
import type { CommandChoice } from "./drafts";
import { Intake } from "./intake";
import { applyEvents } from "./reducer";
import { applySnapshot, type Snapshot } from "./snapshots";
import { emptyProject } from "./store";

/** Messages loaded when a session opens: the last screen, fast, however long the session. */
export const TAIL = 50;
/** OpenCode's own default agent, for a shell command when no agent is known. */
const DEFAULT_AGENT = "build";
/** Pages of older messages kept once the reader is back at the bottom (see `trimOlder`). */
export const KEPT_PAGES = 2;

/** A page loaded: its oldest message, and the cursor to the page before it (null: none). */
interface LoadedPage {
  oldest: string | undefined;
  before: string | null;
}

/** The one subscription to the shown server and project's events. */
interface Watch {
  /** Server id and directory: one subscription each, whatever address the server moves to. */
  place: string;
  intake: Intake;
  unwatch?: () => Promise<void>;
  ended: boolean;
}

/** The benchmark's launch probes (bench/app.mjs): each step's first time only, a reconnect adds none. */
const launchMark = (name: string) => {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
};

const placeOf = (server: ServerInfo) => `${server.id}\n${server.directory ?? ""}`;

export type Workspace = ReturnType<typeof createWorkspace>;

export function createWorkspace(api: Backend) {
  const [info] = createResource(api.appInfo);
  const [server, setServer] = createSignal<ServerInfo>();
  const [stream, setStream] = createSignal<ConnectionState>("connecting");
  /** A session list has been in the store once: what launch waits for, then idle work may run. */
  const [listed, setListed] = createSignal(false);
  const [store, setStore] = createStore(emptyProject());
  const [selected, setSelected] = createSignal<string>();
  /** Per session, the cursor to the page before the oldest message loaded (null: none). */
  const [older, setOlder] = createStore<Record<string, string | null>>({});
  /** The open session's pages, newest first: where to cut when trimming. */
  let pages: LoadedPage[] = [];
  /** Counts session opens: only the latest one's page may be shown. */
  let opens = 0;
  let watching: Watch | undefined;
  /** Sessions the user created or changed while the session list was being refetched. */
  const savedDuringRefetch = new Set<string>();

  /** The store's writers: what the server said (events) and what the UI fetched or did. */
  const write = (snapshot: Snapshot) => {
    setStore(produce((s) => { applySnapshot(s, snapshot); }));
  };

  const serverId = () => {
    const current = server();
    if (!current) throw new Error("No OpenCode server is connected yet.");
    return current.id;
  };
  const place = () => {
    const current = server();
    return current ? placeOf(current) : "";
  };

  const loadSessionExtras = async (id: string, sessionId: string) => {
    const shown = place();
    const [todos, diffs] = await Promise.all([
      api.sessionTodos(id, sessionId),
      api.sessionDiff(id, sessionId),
    ]);
    if (place() === shown) write({ type: "extras.loaded", sessionId, todos, diffs });
  };

  /**
   * Loads the tail of `sessionId` and shows it, unless another open (or another project) came
   * after: a slow page must never replace the transcript of the session opened since.
   */
  const loadOpen = async (
    id: string,
    sessionId: string,
    asked: ReturnType<Backend["loadMessages"]> = api.loadMessages(id, sessionId, TAIL),
  ) => {
    const shown = place();
    const mine = ++opens;
    const page = await asked;
    performance.mark("open:data");
    if (mine !== opens || place() !== shown || selected() !== sessionId) return;
    pages = [{ oldest: page.messages[0]?.info.id, before: page.before }];
    batch(() => {
      setOlder(sessionId, page.before);
      write({ type: "page.opened", sessionId, messages: page.messages });
    });
    performance.mark("open:stored");
    // Todos and changed files are secondary: they must not hold up the transcript.
    loadSessionExtras(id, sessionId).catch(() => undefined);
  };

  const openSession = async (sessionId: string) => {
    const id = serverId();
    // Marks for the benchmark (bench/app.mjs): where the time of an open goes.
    performance.mark("open:asked");
    // Asked before the selection changes: the server and Rust fetch the page while the window
    // does the selection's own work (the list, the composer's draft, the old transcript going),
    // not after it.
    const page = api.loadMessages(id, sessionId, TAIL);
    setSelected(sessionId);
    await loadOpen(id, sessionId, page);
  };

  const loadOlder = async (sessionId: string) => {
    const cursor = older[sessionId];
    if (!cursor) return;
    const page = await api.loadMessages(serverId(), sessionId, TAIL, cursor);
    // Another session opened, or the pages were trimmed, meanwhile: this page would leave a gap.
    if (selected() !== sessionId || older[sessionId] !== cursor) return;
    pages.push({ oldest: page.messages[0]?.info.id, before: page.before });
    batch(() => {
      setOlder(sessionId, page.before);
      write({ type: "page.older", messages: page.messages });
    });
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
      write({ type: "pages.trimmed", sessionId, oldest });
    });
  };

  /**
   * Brings what is shown up to date after a `Connected` marker (the intake buffers events
   * meanwhile, and retries when this throws): the session list, what waits, what runs, and the
   * open session, read after the list is in, since the user may have opened another meanwhile.
   */
  const refetch = async (watch: Watch, id: string) => {
    savedDuringRefetch.clear();
    launchMark("launch:connected");
    const [sessions, pending, statuses] = await Promise.all([
      api.listSessions(id),
      api.listPending(id),
      api.sessionStatuses(id),
    ]);
    if (watching !== watch) return;
    write({ type: "sessions.fetched", sessions, pending, statuses, keep: [...savedDuringRefetch] });
    setListed(true);
    // For the benchmark (bench/app.mjs): launch → a usable session list.
    launchMark("sessions:listed");
    const open = selected();
    if (open === undefined) return;
    // Deleted while the stream was down.
    if (!(open in store.sessions)) {
      setSelected(undefined);
      return;
    }
    await loadOpen(id, open);
  };

  const unwatch = () => {
    const current = watching;
    if (!current) return;
    watching = undefined;
    current.ended = true;
    current.intake.stop();
    current.unwatch?.().catch(() => undefined);
  };

  /**
   * Subscribes to the server and project shown, once: the Rust hub follows a server restarted
   * onto another port by itself, so the UI only sees Disconnected, then Connected with a new marker.
   */
  const watch = (next: ServerInfo) => {
    const at = placeOf(next);
    if (watching?.place === at || next.status.state !== "ready") return;
    unwatch();
    const intake: Intake = new Intake({
      apply: (events) => {
        setStore(produce((s) => { applyEvents(s, events); }));
        // A disposed instance loads its providers afresh: how a sign-in that waited for a reply
        // to finish (providers.rs) reaches the model picker.
        if (events.some((e) => e.type === "server.instance.disposed")) void refetchCatalog();
      },
      refetch: () => refetch(current, next.id),
      hasPart: (messageId, partId) => store.parts[messageId]?.some((p) => p.id === partId) ?? false,
      setConnection: setStream,
    });
    const current: Watch = { place: at, intake, ended: false };
    watching = current;
    setStream("connecting");
    launchMark("launch:watch");
    api.watchEvents(next.id, next.directory, (batch) => { intake.receive(batch); }).then(
      (stop) => {
        if (current.ended) stop().catch(() => undefined);
        else current.unwatch = stop;
      },
      () => {
        if (watching !== current) return;
        // Not subscribed: the next status change of the server tries again.
        watching = undefined;
        intake.stop();
        setStream("offline");
      },
    );
  };

  const follow = (next: ServerInfo) => {
    const current = server();
    if (current && current.id !== next.id) {
      // Another server takes over the window only when this one is unusable (after a Retry the
      // supervisor's new server has a new id); otherwise its news is not ours to show.
      if (current.status.state !== "ready") switchTo(next);
      return;
    }
    if (current && placeOf(current) !== placeOf(next)) {
      switchTo(next);
      return;
    }
    setServer(next);
    watch(next);
  };

  /** Local servers found at start but not used on their own (another user's...), for the user. */
  const [notUsed, setNotUsed] = createSignal<ServerNotUsed[]>([]);

  onMount(() => {
    onCleanup(api.onServerStatusChanged(follow));
    // The list as it was when this window opened, unless a newer one was announced meanwhile.
    let announced = false;
    onCleanup(
      api.onServersNotUsed((servers) => {
        announced = true;
        setNotUsed(servers);
      }),
    );
    api
      .serversNotUsed()
      .then((servers) => {
        if (!announced) setNotUsed(servers);
      })
      .catch(() => undefined);
    // The quick prompt (or the tray) started or picked a session: show it here, on its server.
    // Its session arrives as an event if the list does not have it yet.
    onCleanup(
      api.onOpenSessionRequested(({ serverId: id, sessionId }) => {
        openAt(id, null, sessionId).catch(() => undefined);
      }),
    );
    void api.listServers().then((servers) => {
      launchMark("launch:servers");
      const first = servers[0];
      if (first && !server()) follow(first);
    });
  });
  onCleanup(unwatch);

  /** Shows another server or project from scratch: new store, new event subscription. */
  const switchTo = (next: ServerInfo) => {
    unwatch();
    batch(() => {
      setSelected(undefined);
      write({ type: "cleared" });
      setOlder(reconcile({}));
      setStream("connecting");
      setServer(next);
    });
    pages = [];
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

  /**
   * The composer's choices from the server: models, agents, `/` commands. A failed list is empty.
   * Asked once the session list is in: a server's first provider list takes it a second or more
   * (1.25 s measured, offline), and it answers nothing else meanwhile, so asked beside the session
   * list it held up the window's launch by as much.
   */
  const [catalog, { refetch: refetchCatalog }] = createResource(
    () => (ready() && listed() ? server()?.id : undefined),
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

  const rememberSession = (session: Session) => {
    savedDuringRefetch.add(session.id);
    write({ type: "session.saved", session });
    return session;
  };

  const newSession = async () => {
    const session = rememberSession(await api.createSession(serverId()));
    await openSession(session.id);
    return session.id;
  };

  /** Sends to session `to`, or to a new one (undefined or ""); resolves to the session it went to. */
  const send = async (draft: PromptDraft, to?: string) => {
    const id = serverId();
    const sessionId = to || (await newSession());
    await api.sendPrompt(id, sessionId, draft);
    return sessionId;
  };

  const runCommand = async (
    name: string,
    args: string,
    choice: { model?: ModelRef | null; agent?: string | null } = {},
    to?: string,
  ) => {
    const id = serverId();
    const sessionId = to || (await newSession());
    await api.runCommand(id, sessionId, name, args, choice);
    return sessionId;
  };

  /**
   * Runs a `!` shell command in session `to`, or in a new one, as OpenCode's TUI does: the call
   * and its output come back as messages. The server needs an agent: OpenCode's default if none.
   */
  const runShell = async (command: string, choice: CommandChoice, to?: string) => {
    const id = serverId();
    const sessionId = to || (await newSession());
    await api.runShell(id, sessionId, command, choice.agent ?? DEFAULT_AGENT, choice.model);
    return sessionId;
  };

  /** Drafts and queued prompts, kept across restarts; they go out only while the view is live. */
  const compose = createCompose({
    place: () => {
      const current = server();
      return current ? { serverId: current.id, directory: current.directory ?? "" } : undefined;
    },
    open: () => selected() ?? "",
    online: () => connection() === "live",
    busy: isBusy,
    deliver: (outgoing, sessionId) =>
      outgoing.kind === "prompt"
        ? send(outgoing.draft, sessionId)
        : outgoing.kind === "shell"
          ? runShell(outgoing.command, outgoing.choice, sessionId)
          : runCommand(outgoing.name, outgoing.args, outgoing.choice, sessionId),
  });

  const stop = async () => {
    const id = selected();
    if (id) await api.abortSession(serverId(), id);
  };

  const actions = {
    rename: async (sessionId: string, title: string) =>
      rememberSession(await api.renameSession(serverId(), sessionId, title)),
    remove: async (sessionId: string) => {
      await api.deleteSession(serverId(), sessionId);
      if (selected() === sessionId) setSelected(undefined);
      // The server's own `session.deleted` event may come later; removal is idempotent.
      write({ type: "session.removed", sessionId });
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
      const next = await api.openProject(serverId(), directory);
      // Its status event may have switched already.
      if (placeOf(next) === place()) setServer(next);
      else switchTo(next);
    },
    connectServer: async (url: string, credentials: { username?: string; password?: string }) => {
      switchTo(await api.connectServer(url, credentials, server()?.directory ?? null));
    },
    /** A saved server was edited: if it is the one shown, show it as it is now. */
    serverEdited: (next: ServerInfo) => {
      if (next.id === server()?.id) switchTo(next);
    },
    /** A saved server was removed: if it was the one shown, show the first one left. */
    serverRemoved: async (serverId: string) => {
      if (server()?.id !== serverId) return;
      const first = (await api.listServers())[0];
      if (first) switchTo(first);
    },
    retry: () => api.retryServer(),
    selectServer: (next: ServerInfo) => {
      if (next.id !== server()?.id) switchTo(next);
    },
  };

  /**
   * Opens `sessionId` of server `id` in `directory` (null: the server's own), switching the
   * window to that server and project first when it shows another, as the Servers and projects
   * dialog does: how the Needs you list and the tray open what waits elsewhere.
   */
  const openAt = async (id: string, directory: string | null, sessionId: string) => {
    if (server()?.id !== id) {
      const next = (await api.listServers()).find((known) => known.id === id);
      if (!next) throw new Error("That server is no longer known to the app.");
      switchTo(next);
    }
    if (directory && server()?.directory !== directory) await actions.openProject(directory);
    await openSession(sessionId);
  };

  return {
    api,
    info,
    server,
    notUsed,
    store,
    selected,
    older,
    connection,
    problem,
    ready,
    listed,
    catalog,
    lastChoice,
    sessions,
    openSessionInfo,
    isBusy,
    needsYou,
    openSession,
    openAt,
    closeSession: () => {
      setSelected(undefined);
    },
    /** Refetches the open session's todos and changed files (the side panel asks when shown). */
    refreshExtras: async () => {
      const id = selected();
      const current = server();
      if (id && current) await loadSessionExtras(current.id, id);
    },
    /** Reads the composer's choices again (a provider was signed in or out); the old stay meanwhile. */
    refreshModels: () => void refetchCatalog(),
    loadOlder,
    trimOlder,
    newSession,
    send,
    runCommand,
    runShell,
    compose,
    stop,
    ...actions,
  };
}
