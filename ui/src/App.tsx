// The app shell: header, the middle panel, and the always-visible connection status. The session
// screens replace the middle panel in their own issue.
import { createMemo, createResource, createSignal, onCleanup, onMount, Show } from "solid-js";
import EmptyState from "./components/EmptyState";
import StatusBar from "./components/StatusBar";
import { backend as realBackend, type Backend, type ServerInfo } from "./ipc";
import type { ConnectionState } from "./lib/connection";
import { afterStreamMessage, fromServerStatus, serverProblem } from "./lib/link";

export interface AppProps {
  /** Injected in tests; the real app talks to Rust. */
  backend?: Backend;
}

export default function App(props: AppProps) {
  const api = props.backend ?? realBackend;
  const [info] = createResource(api.appInfo);
  const [server, setServer] = createSignal<ServerInfo>();
  const [stream, setStream] = createSignal<ConnectionState>("connecting");
  const watching = new Set<string>();

  const follow = (next: ServerInfo) => {
    setServer(next);
    if (next.status.state === "ready" && !watching.has(next.id)) {
      watching.add(next.id);
      api
        .watchEvents(next.id, (batch) => {
          for (const message of batch) {
            const state = afterStreamMessage(message);
            // Nothing on screen needs refetching yet, so a resync completes at once.
            if (state) setStream(state === "resyncing" ? "live" : state);
          }
        })
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
      <main class="app-main">
        <Show
          when={info()?.project_problem ?? problem()}
          fallback={
            <EmptyState
              title="No session open"
              hint="Pick a project and start a session, or open an existing one from the list."
            />
          }
        >
          {(text) => (
            <EmptyState
              title={
                info()?.project_problem ? "That project cannot be opened" : "OpenCode is not available"
              }
              hint={text()}
            />
          )}
        </Show>
      </main>
      <StatusBar state={connection()} serverVersion={server()?.version ?? undefined} />
    </div>
  );
}
