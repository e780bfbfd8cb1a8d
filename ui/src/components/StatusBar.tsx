// The always-visible connection line at the bottom of the window. A stale view must never be
// silent, so every state, including the transient ones, gets a label and a tone; losing the link
// is shown loudly, and catching up after it says so for a moment ("Resynced") so the user knows
// the view is current again. Also the server's version and what the open session has cost.
import { createEffect, createSignal, on, onCleanup, Show } from "solid-js";
import { connectionLabel, type ConnectionLabel, type ConnectionState } from "../lib/connection";
import { formatCost, formatTokens } from "../lib/format";
import { totalTokens, type TokenUsage } from "../lib/usage";
import "./StatusBar.css";

/** How long "Resynced" stays after a resync completes, unless the state moves on first. */
export const RESYNCED_MS = 3000;

export interface StatusBarProps {
  state: ConnectionState;
  serverVersion?: string;
  /** The open session's tokens, exact (state/sessionUsage.ts); absent when none is open or known. */
  tokens?: TokenUsage;
  /** The open session's cost in US dollars. */
  cost?: number;
  /** Overrides RESYNCED_MS (tests). */
  resyncedMs?: number;
}

const RESYNCED: ConnectionLabel = { text: "Resynced", tone: "ok" };

export default function StatusBar(props: StatusBarProps) {
  const [resynced, setResynced] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  // Only the step resyncing → live means "caught up"; any other change ends the notice.
  createEffect(
    on(
      () => props.state,
      (state, previous) => {
        stopTimer();
        const caughtUp = previous === "resyncing" && state === "live";
        setResynced(caughtUp);
        if (caughtUp) {
          timer = setTimeout(() => {
            setResynced(false);
          }, props.resyncedMs ?? RESYNCED_MS);
        }
      },
    ),
  );
  onCleanup(stopTimer);

  // Accessors, not destructured values: Solid props are reactive getters, and reading them once
  // here would freeze the first state.
  const label = () => (resynced() ? RESYNCED : connectionLabel(props.state));
  const shownState = () => (resynced() ? "resynced" : props.state);
  const usage = () => {
    const tokens = props.tokens;
    const cost = props.cost;
    if (tokens === undefined && cost === undefined) return undefined;
    const parts: string[] = [];
    if (tokens) parts.push(`${formatTokens(totalTokens(tokens))} tokens`);
    if (cost !== undefined) parts.push(formatCost(cost));
    const detail = tokens
      ? [
          `Input ${formatTokens(tokens.input)}`,
          `output ${formatTokens(tokens.output)}`,
          `reasoning ${formatTokens(tokens.reasoning)}`,
          `cache read ${formatTokens(tokens.cache.read)}`,
          `cache write ${formatTokens(tokens.cache.write)}`,
        ].join(", ")
      : undefined;
    return { text: parts.join(" · "), detail };
  };

  return (
    <footer class="status-bar">
      <span
        class={`status tone-${label().tone}`}
        role="status"
        aria-live="polite"
        aria-label={`Connection: ${label().text}`}
        data-state={shownState()}
      >
        <span class="status-dot" aria-hidden="true" />
        {/* Screen readers announce a live region's text, not its label, so the text carries the
            prefix too. */}
        <span class="visually-hidden">Connection: </span>
        {label().text}
      </span>
      <span class="status-bar-meta">
        <Show when={usage()}>
          {(shown) => (
            <span class="status-bar-usage" title={shown().detail}>
              <span class="visually-hidden">Session usage: </span>
              {shown().text}
            </span>
          )}
        </Show>
        <Show when={props.serverVersion}>
          {(version) => <span class="server-version">OpenCode {version()}</span>}
        </Show>
      </span>
    </footer>
  );
}
