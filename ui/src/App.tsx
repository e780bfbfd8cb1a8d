// The app shell: the session list, the open session (transcript and composer), and the
// always-visible connection status. Server data lives in one store written only by the reducer
// (through the intake, which handles resyncs); screens read it by id.
import { createMemo, createResource, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import EmptyState from "./components/EmptyState";
import StatusBar from "./components/StatusBar";
import { backend as realBackend, type Backend, type ServerInfo } from "./ipc";
import type { ConnectionState } from "./lib/connection";
import { fromServerStatus, serverProblem } from "./lib/link";
import PermissionCard from "./screens/permissions/PermissionCard";
import QuestionCard from "./screens/permissions/QuestionCard";
import SessionList from "./screens/sessions/SessionList";
import Composer from "./screens/transcript/Composer";
import Transcript from "./screens/transcript/Transcript";
import { Intake } from "./state/intake";
import { applyEvents, upsertMessage, upsertPart } from "./state/reducer";
import { emptyProject, type ProjectState } from "./state/store";
import type { MessageWithParts } from "./ipc";

/** Adds a page of messages with their parts (ids keep everything in order). */
function addPage(s: ProjectState, messages: readonly MessageWithParts[]): void {
  for (const { info: message, parts } of messages) {
    upsertMessage(s, message);
    s.parts[message.id] = [];
    for (const part of parts) upsertPart(s, part);
  }
}

/** Messages loaded when a session opens: the last screen, fast, however long the session. */
const TAIL = 50;

export interface AppProps {
  /** Injected in tests; the real app talks to Rust. */
  backend?: Backend;
}

export default function App(props: AppProps) {
  const api = props.backend ?? realBackend;
  const [info] = createResource(api.appInfo);
  const [server, setServer] = createSignal<ServerInfo>();
  const [stream, setStream] = createSignal<ConnectionState>("connecting");
  const [store, setStore] = createStore(emptyProject());
  const [selected, setSelected] = createSignal<string>();
  /** Per session, the cursor to the page before the oldest message loaded (null: none left). */
  const [older, setOlder] = createStore<Record<string, string | null>>({});
  const watching = new Set<string>();

  const loadSessions = async (serverId: string) => {
    const sessions = await api.listSessions(serverId);
    setStore(
      produce((s) => {
        for (const session of sessions) s.sessions[session.id] = session;
      }),
    );
  };

  const openSession = async (sessionId: string) => {
    const current = server();
    if (!current) return;
    setSelected(sessionId);
    const page = await api.loadMessages(current.id, sessionId, TAIL);
    setOlder(sessionId, page.before);
    setStore(
      produce((s) => {
        s.messages[sessionId] = [];
        addPage(s, page.messages);
      }),
    );
  };

  const loadOlder = async (sessionId: string) => {
    const current = server();
    const cursor = older[sessionId];
    if (!current || !cursor) return;
    const page = await api.loadMessages(current.id, sessionId, TAIL, cursor);
    setOlder(sessionId, page.before);
    setStore(produce((s) => { addPage(s, page.messages); }));
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

  const follow = (next: ServerInfo) => {
    setServer(next);
    if (next.status.state === "ready" && !watching.has(next.id)) {
      watching.add(next.id);
      api
        .watchEvents(next.id, (batch) => {
          intake.receive(batch);
        })
        .then(() => loadSessions(next.id))
        .catch(() => {
          watching.delete(next.id);
          setStream("offline");
        });
    }
  };

  onMount(() => {
    const stop = api.onServerStatusChanged(follow);
    onCleanup(stop);
    void api.listServers().then((servers) => {
      const first = servers[0];
      if (first && !server()) follow(first);
    });
  });

  const connection = createMemo<ConnectionState>(() => {
    const current = server();
    if (!current) return "connecting";
    return fromServerStatus(current.status) ?? stream();
  });
  const problem = createMemo(() => {
    const current = server();
    return current ? serverProblem(current.status) : undefined;
  });
  const sessions = createMemo(() =>
    Object.values(store.sessions)
      .filter((s) => !s.parentID)
      .sort((a, b) => (b.time.updated ?? 0) - (a.time.updated ?? 0)),
  );

  const pending = createMemo(() => {
    const id = selected();
    return id ? (store.permissions[id] ?? []) : [];
  });
  const asked = createMemo(() => {
    const id = selected();
    return id ? (store.questions[id] ?? []) : [];
  });
  const busy = createMemo(() => {
    const id = selected();
    return id !== undefined && store.status[id]?.type === "busy";
  });
  const stop = async () => {
    const current = server();
    const id = selected();
    if (current && id) await api.abortSession(current.id, id);
  };

  const newSession = async () => {
    const current = server();
    if (!current) throw new Error("No OpenCode server is connected yet.");
    const session = await api.createSession(current.id);
    setStore(produce((s) => (s.sessions[session.id] = session)));
    await openSession(session.id);
    return session.id;
  };

  const send = async (text: string) => {
    const current = server();
    if (!current) throw new Error("No OpenCode server is connected yet.");
    const sessionId = selected() ?? (await newSession());
    await api.sendPrompt(current.id, sessionId, { text });
  };

  return (
    <div class="app">
      <header class="app-header">
        <h1>OpenCode Desk</h1>
        <Show when={info()?.project}>
          {(project) => (
            <span class="project-path" title={project()}>
              {project()}
            </span>
          )}
        </Show>
      </header>
      <div class="app-body">
        <Show when={server()?.status.state === "ready"}>
          <SessionList
            sessions={sessions()}
            selected={selected()}
            isBusy={(id) => store.status[id]?.type === "busy"}
            needsYou={(id) => (store.permissions[id]?.length ?? 0) > 0}
            onSelect={(id) => void openSession(id)}
            onNew={() => void newSession()}
            now={Date.now()}
          />
        </Show>
        <main class="app-main">
          <Show
            when={!info()?.project_problem && !problem()}
            fallback={
              <EmptyState
                title={
                  info()?.project_problem
                    ? "That project cannot be opened"
                    : "OpenCode is not available"
                }
                hint={info()?.project_problem ?? problem() ?? ""}
              />
            }
          >
            <Show
              when={selected()}
              fallback={
                <EmptyState
                  title="No session open"
                  hint="Pick a session from the list, or type below to start a new one."
                />
              }
            >
              {(id) => (
                <Transcript
                  ids={store.messages[id()] ?? []}
                  info={store.messageInfo}
                  parts={store.parts}
                  hasOlder={Boolean(older[id()])}
                  onReachTop={() => loadOlder(id())}
                />
              )}
            </Show>
            <For each={pending()}>
              {(request) => (
                <PermissionCard
                  request={request}
                  onReply={async (reply) => {
                    const current = server();
                    if (current) await api.replyPermission(current.id, request.id, reply);
                  }}
                />
              )}
            </For>
            <For each={asked()}>
              {(request) => (
                <QuestionCard
                  request={request}
                  onAnswer={async (answers) => {
                    const current = server();
                    if (current) await api.replyQuestion(current.id, request.id, answers);
                  }}
                  onDismiss={async () => {
                    const current = server();
                    if (current) await api.rejectQuestion(current.id, request.id);
                  }}
                />
              )}
            </For>
            <Show when={server()?.status.state === "ready"}>
              <div class="composer-row">
                <Composer onSend={send} />
                <Show when={busy()}>
                  <button type="button" class="stop" onClick={() => void stop()}>
                    Stop
                  </button>
                </Show>
              </div>
            </Show>
          </Show>
        </main>
      </div>
      <StatusBar state={connection()} serverVersion={server()?.version ?? undefined} />
    </div>
  );
}
