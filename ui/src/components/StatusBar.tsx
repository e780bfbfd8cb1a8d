// The always-visible connection line at the bottom of the window. A stale view must never be
// silent, so every state, including the transient ones, gets a label and a tone.
import { Show } from "solid-js";
import { connectionLabel, type ConnectionState } from "../lib/connection";

export interface StatusBarProps {
  state: ConnectionState;
  serverVersion?: string;
}

export default function StatusBar(props: StatusBarProps) {
  // An accessor, not a destructured value: Solid props are reactive getters, and reading them once
  // here would freeze the first state.
  const label = () => connectionLabel(props.state);
  return (
    <footer class="status-bar">
      <span
        class={`status tone-${label().tone}`}
        role="status"
        aria-live="polite"
        aria-label={`Connection: ${label().text}`}
        data-state={props.state}
      >
        <span class="status-dot" aria-hidden="true" />
        {/* Screen readers announce a live region's text, not its label, so the text carries the
            prefix too. */}
        <span class="visually-hidden">Connection: </span>
        {label().text}
      </span>
      <Show when={props.serverVersion}>
        {(version) => <span class="server-version">OpenCode {version()}</span>}
      </Show>
    </footer>
  );
}
