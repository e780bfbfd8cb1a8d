// The first shell: header, an empty state, and the connection status. The real screens replace the
// middle once the session screens exist.
import { createResource, Show } from "solid-js";
import EmptyState from "./components/EmptyState";
import StatusBar from "./components/StatusBar";
import { appInfo, type AppInfo } from "./ipc";

export interface AppProps {
  /** Injected in tests; the real app asks the backend. */
  loadInfo?: () => Promise<AppInfo>;
}

export default function App(props: AppProps) {
  const [info] = createResource(props.loadInfo ?? appInfo);
  return (
    <div class="app">
      <header class="app-header">
        <h1>OpenCode Desk</h1>
        <Show when={info()?.project}>
          {(project) => <span class="project-path" title={project()}>{project()}</span>}
        </Show>
      </header>
      <main class="app-main">
        <Show
          when={info()?.project_problem}
          fallback={
            <EmptyState
              title="No session open"
              hint="Pick a project and start a session, or open an existing one from the list."
            />
          }
        >
          {(problem) => <EmptyState title="That project cannot be opened" hint={problem()} />}
        </Show>
      </main>
      <StatusBar state="connecting" />
    </div>
  );
}
