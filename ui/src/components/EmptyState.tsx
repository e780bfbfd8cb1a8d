// A centered placeholder for a panel with nothing to show: a title, one line saying what to do,
// and optionally the button that does it. Below it, the app's standard empty and error states,
// each telling the user the next step (install OpenCode, retry, type a prompt, open a folder).
import { createSignal, Show, type JSX } from "solid-js";
import "./EmptyState.css";

export interface EmptyStateAction {
  label: string;
  /** May return a promise: the button is busy until it settles, and a failure is shown. */
  run: () => void | Promise<void>;
}

export interface EmptyStateProps {
  title: string;
  hint: string;
  action?: EmptyStateAction;
  /** More detail under the hint (commands, the server's output...). */
  children?: JSX.Element;
}

export default function EmptyState(props: EmptyStateProps) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const run = async (action: EmptyStateAction) => {
    setBusy(true);
    setError(undefined);
    try {
      await action.run();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      // Unlike a card's answer, the same action may be needed again (another retry).
      setBusy(false);
    }
  };
  return (
    <section class="empty-state" aria-label={props.title}>
      <h2>{props.title}</h2>
      <p>{props.hint}</p>
      {props.children}
      <Show when={props.action}>
        {(action) => (
          <button
            type="button"
            class="btn btn-primary empty-state-action"
            disabled={busy()}
            aria-busy={busy()}
            onClick={() => void run(action())}
          >
            {action().label}
          </button>
        )}
      </Show>
      <Show when={error()}>
        {(message) => (
          <p class="empty-state-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </section>
  );
}

/** The backend's BinaryNotFound sentence (opencode-supervisor error.rs) starts this way. */
const MISSING_OPENCODE = /OpenCode is not installed/i;

/** Whether a server problem means there is no OpenCode to start (rather than one that failed). */
export function isOpenCodeMissing(problem: string): boolean {
  return MISSING_OPENCODE.test(problem);
}

/** Where the backend appends a server's last output to a failure. */
const OUTPUT_MARKER = "\n--- last output ---\n";

/** A failure's sentence and, separately, the server's output that followed it (if any). */
export function splitServerOutput(problem: string): { summary: string; output?: string } {
  const at = problem.indexOf(OUTPUT_MARKER);
  if (at < 0) return { summary: problem };
  const output = problem.slice(at + OUTPUT_MARKER.length).trim();
  const summary = problem.slice(0, at);
  return output ? { summary, output } : { summary };
}

export interface NoOpenCodeStateProps {
  /** The backend's message (it lists the places searched). */
  detail?: string;
  onOpenSettings?: () => void;
}

export function NoOpenCodeState(props: NoOpenCodeStateProps) {
  const openSettings = props.onOpenSettings;
  return (
    <EmptyState
      title="OpenCode is not installed"
      hint="OpenCode Desk needs the opencode program. Install it with one of these commands, then start the app again:"
      action={openSettings ? { label: "Open Settings", run: openSettings } : undefined}
    >
      <ul class="empty-state-commands">
        <li>
          <code>npm i -g opencode-ai</code>
        </li>
        <li>
          <code>curl -fsSL https://opencode.ai/install | bash</code>
        </li>
      </ul>
      <p>Already installed somewhere else? Set the binary path in Settings.</p>
      <Show when={props.detail}>
        {(detail) => (
          <details class="empty-state-detail">
            <summary>Details</summary>
            <pre>{detail()}</pre>
          </details>
        )}
      </Show>
    </EmptyState>
  );
}

export interface ServerDownStateProps {
  /** What happened, as the backend says it (may end with the server's last output). */
  message: string;
  onRetry: () => void | Promise<void>;
}

export function ServerDownState(props: ServerDownStateProps) {
  const parts = () => splitServerOutput(props.message);
  return (
    <EmptyState
      title="The OpenCode server is not running"
      hint={parts().summary}
      action={{ label: "Retry", run: () => props.onRetry() }}
    >
      <Show when={parts().output}>
        {(output) => (
          <details class="empty-state-detail">
            <summary>Server output</summary>
            <pre>{output()}</pre>
          </details>
        )}
      </Show>
    </EmptyState>
  );
}

export interface ServerProblemStateProps {
  problem: string;
  onRetry: () => void | Promise<void>;
  onOpenSettings?: () => void;
}

/** The right state for a server that cannot be used: OpenCode missing, or a server that failed. */
export function ServerProblemState(props: ServerProblemStateProps) {
  return (
    <Show
      when={isOpenCodeMissing(props.problem)}
      fallback={<ServerDownState message={props.problem} onRetry={props.onRetry} />}
    >
      <NoOpenCodeState detail={props.problem} onOpenSettings={props.onOpenSettings} />
    </Show>
  );
}

export function NoSessionsState() {
  return (
    <EmptyState
      title="No sessions yet"
      hint="Type a message in the box below to start one: your first prompt creates the session."
    />
  );
}

export interface NoProjectStateProps {
  onOpenFolder: () => void | Promise<void>;
}

export function NoProjectState(props: NoProjectStateProps) {
  return (
    <EmptyState
      title="No project open"
      hint="Open a folder to work on it with OpenCode."
      action={{ label: "Open folder…", run: () => props.onOpenFolder() }}
    />
  );
}
