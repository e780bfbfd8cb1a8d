// The app shell: the session list, the open session (transcript and composer), and the
// always-visible connection status. Server data lives in one store written only by the reducer
// (through the intake, which handles resyncs); screens read it by id.
import { For, Show } from "solid-js";
import EmptyState from "./components/EmptyState";
import StatusBar from "./components/StatusBar";
import { backend as realBackend, type Backend } from "./ipc";
import PermissionCard from "./screens/permissions/PermissionCard";
import QuestionCard from "./screens/permissions/QuestionCard";
import SessionList from "./screens/sessions/SessionList";
import Composer from "./screens/transcript/Composer";
import Transcript from "./screens/transcript/Transcript";
import { createWorkspace } from "./state/workspace";

export interface AppProps {
  /** Injected in tests; the real app talks to Rust. */
  backend?: Backend;
}

export default function App(props: AppProps) {
  const ws = createWorkspace(props.backend ?? realBackend);
  const { info, server, store, selected } = ws;
  const pending = () => {
    const id = selected();
    return id ? (store.permissions[id] ?? []) : [];
  };
  const asked = () => {
    const id = selected();
    return id ? (store.questions[id] ?? []) : [];
  };
  const busy = () => {
    const id = selected();
    return id !== undefined && ws.isBusy(id);
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
            sessions={ws.sessions().filter((s) => !s.parentID)}
            selected={selected()}
            isBusy={ws.isBusy}
            needsYou={ws.needsYou}
            onSelect={(id) => void ws.openSession(id)}
            onNew={() => void ws.newSession()}
            now={Date.now()}
          />
        </Show>
        <main class="app-main">
          <Show
            when={!info()?.project_problem && !ws.problem()}
            fallback={
              <EmptyState
                title={
                  info()?.project_problem
                    ? "That project cannot be opened"
                    : "OpenCode is not available"
                }
                hint={info()?.project_problem ?? ws.problem() ?? ""}
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
                  hasOlder={Boolean(ws.older[id()])}
                  onReachTop={() => ws.loadOlder(id())}
                />
              )}
            </Show>
            <For each={pending()}>
              {(request) => (
                <PermissionCard
                  request={request}
                  onReply={(reply) => ws.replyPermission(request.id, reply)}
                />
              )}
            </For>
            <For each={asked()}>
              {(request) => (
                <QuestionCard
                  request={request}
                  onAnswer={(answers) => ws.replyQuestion(request.id, answers)}
                  onDismiss={() => ws.rejectQuestion(request.id)}
                />
              )}
            </For>
            <Show when={server()?.status.state === "ready"}>
              <div class="composer-row">
                <Composer onSend={(text) => ws.send({ text })} />
                <Show when={busy()}>
                  <button type="button" class="stop" onClick={() => void ws.stop()}>
                    Stop
                  </button>
                </Show>
              </div>
            </Show>
          </Show>
        </main>
      </div>
      <StatusBar state={ws.connection()} serverVersion={server()?.version ?? undefined} />
    </div>
  );
}
