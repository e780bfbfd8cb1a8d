// Two small buttons on a user message: revert the session to before it, or fork a new session
// from it. They show when the message is hovered or holds the focus (MessageActions.css), and
// stay reachable by Tab, so keyboard users get them too. Each button is busy while its call runs;
// a failure is said next to them.
import GitFork from "lucide-solid/icons/git-fork";
import Undo2 from "lucide-solid/icons/undo-2";
import { createSignal, Show } from "solid-js";
import "./MessageActions.css";

export interface MessageActionsProps {
  messageId: string;
  /** Reverts the session to before this message (its file changes undone too). */
  onRevert: (messageId: string) => Promise<unknown>;
  /** Starts a new session with the conversation up to before this message. */
  onFork: (messageId: string) => Promise<unknown>;
  /**
   * Why the actions are unavailable, if they are (a reply is running: reverting under it would
   * race the agent). Shown as the buttons' tooltip.
   */
  disabledReason?: string | undefined;
}

type Running = "revert" | "fork";

export default function MessageActions(props: MessageActionsProps) {
  const [running, setRunning] = createSignal<Running>();
  const [error, setError] = createSignal<string>();
  const run = async (kind: Running, action: () => Promise<unknown>) => {
    setRunning(kind);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      const what = kind === "revert" ? "revert" : "fork";
      setError(`Could not ${what}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRunning(undefined);
    }
  };
  const unavailable = () => running() !== undefined || props.disabledReason !== undefined;
  return (
    <div class="msg-actions" role="group" aria-label="Message actions">
      <button
        type="button"
        class="btn btn-small msg-action"
        aria-label="Revert to before this message"
        title={props.disabledReason ?? "Revert to before this message"}
        disabled={unavailable()}
        aria-busy={running() === "revert"}
        onClick={() => void run("revert", () => props.onRevert(props.messageId))}
      >
        <Undo2 class="msg-action-icon" aria-hidden="true" />
        <span class="msg-action-text">{running() === "revert" ? "Reverting…" : "Revert"}</span>
      </button>
      <button
        type="button"
        class="btn btn-small msg-action"
        aria-label="Fork from here"
        title={props.disabledReason ?? "Fork a new session from here"}
        disabled={unavailable()}
        aria-busy={running() === "fork"}
        onClick={() => void run("fork", () => props.onFork(props.messageId))}
      >
        <GitFork class="msg-action-icon" aria-hidden="true" />
        <span class="msg-action-text">{running() === "fork" ? "Forking…" : "Fork"}</span>
      </button>
      <Show when={error()}>
        {(message) => (
          <p class="msg-actions-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </div>
  );
}
