// "Open in terminal" from a session's menu: shows that session in a terminal OpenCode. With one
// ready TUI it goes straight there and nothing is asked; with several, a small dialog asks which;
// with none, the dialog offers to start OpenCode in a terminal on that session. A failure opens
// (or keeps) the dialog with the reason, so the user can try again or pick another.
import { createSignal, For, onMount, Show } from "solid-js";
import Modal from "../../components/Modal";
import type { TerminalAction, TerminalView } from "../../ipc";
import "./terminals.css";

export interface OpenInTerminalProps {
  sessionId: string;
  /** For the dialog's words. */
  sessionTitle: string;
  /** The session's server and project, for a terminal started on it. */
  serverId: string;
  directory: string | null;
  listTerminals: () => Promise<TerminalView[]>;
  driveTerminal: (terminalId: string, action: TerminalAction) => Promise<void>;
  openInTerminal: (
    serverId: string,
    directory: string | null,
    sessionId: string | null,
  ) => Promise<string>;
  /** Done (shown, started) or cancelled. */
  onClose: () => void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function OpenInTerminal(props: OpenInTerminalProps) {
  /** Unset while looking (and while going straight to the only ready TUI): no dialog yet. */
  const [ready, setReady] = createSignal<TerminalView[]>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  let dialog: HTMLDivElement | undefined;

  /** Runs `call`; closes when it succeeds (and says so), shows why when it fails. */
  const attempt = async (call: () => Promise<unknown>): Promise<boolean> => {
    if (busy()) return false;
    setBusy(true);
    setError(undefined);
    try {
      await call();
      props.onClose();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const show = (view: TerminalView) =>
    attempt(() => props.driveTerminal(view.id, { type: "select_session", session_id: props.sessionId }));
  const start = () =>
    attempt(() => props.openInTerminal(props.serverId, props.directory, props.sessionId));

  const look = async () => {
    let found: TerminalView[];
    try {
      found = (await props.listTerminals()).filter((view) => view.state.kind === "ready");
    } catch (e) {
      setError(`Could not look for terminal OpenCodes: ${messageOf(e)}`);
      setReady([]);
      return;
    }
    const only = found.length === 1 ? found[0] : undefined;
    if (only && (await show(only))) return;
    // Still here: several to choose from, none, or the only one failed.
    setReady(found);
    dialog?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  };
  onMount(() => void look());

  return (
    <Show when={ready()}>
      {(views) => (
        <Modal
          ref={(element) => (dialog = element)}
          label="Open in which terminal?"
          narrow
          closeButton={false}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              event.stopPropagation();
              props.onClose();
            }
          }}
          onClose={() => {
            if (!busy()) props.onClose();
          }}
        >
          <h2 class="modal-title">Open in which terminal?</h2>
          <Show
            when={views().length > 0}
            fallback={
              <p class="modal-message">
                No terminal OpenCode is ready to show “{props.sessionTitle}”. Start one on it?
              </p>
            }
          >
            <p class="modal-message">Show “{props.sessionTitle}” in:</p>
            <div class="terminal-choices">
              <For each={views()}>
                {(view) => (
                  <button class="btn" type="button" disabled={busy()} onClick={() => void show(view)}>
                    {view.label}
                  </button>
                )}
              </For>
            </div>
          </Show>
          <Show when={error()}>
            {(message) => (
              <p class="modal-error" role="alert">
                {message()}
              </p>
            )}
          </Show>
          <div class="modal-actions">
            <button class="btn" type="button" disabled={busy()} onClick={() => void start()}>
              Open OpenCode in a terminal
            </button>
            <button class="btn" type="button" onClick={() => { props.onClose(); }}>
              Cancel
            </button>
          </div>
        </Modal>
      )}
    </Show>
  );
}
