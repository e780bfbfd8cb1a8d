// The quick prompt window: one text box and where to send it. Enter sends (by default a new
// session starts and the main window shows it; or the text goes to the prompt of the terminal
// OpenCode chosen under "Send to"), Shift+Enter adds a line, Escape closes. Errors stay in the
// window, with the text.
//
// The choice is remembered (localStorage) and set by the tray's "Send a prompt…" of a terminal
// OpenCode. The window is hidden, not closed, between uses, so the terminals are looked for
// again each time it comes back; a remembered one no longer running falls back to the app, with
// a note saying so rather than sending somewhere the user did not pick.
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import type { TerminalView } from "../../ipc";
import { isSendKey } from "../../lib/keys";

/** Where the last choice of "Send to" is kept: a terminal's id, or "" for the app. */
export const TARGET_KEY = "opencode-desk.quick-prompt-target";

export interface QuickPromptActions {
  /** Sends `text` to a new session in the app, or with `terminalId`, to that terminal OpenCode. */
  send: (text: string, terminalId: string | null) => Promise<unknown>;
  close: () => void;
  listTerminals: () => Promise<TerminalView[]>;
  /** Calls `handler` with the target the tray chose until the returned function is called. */
  onTargetRequested: (handler: (terminalId: string | null) => void) => () => void;
  /** The target the tray chose, once: the event above is missed by a window made on that click. */
  takeTarget: () => Promise<string | null>;
}

function remembered(): string {
  try {
    return localStorage.getItem(TARGET_KEY) ?? "";
  } catch {
    // Storage can be unavailable (disabled, or a private profile); the app is the default.
    return "";
  }
}

function remember(target: string) {
  try {
    localStorage.setItem(TARGET_KEY, target);
  } catch {
    // Not remembered: the choice still holds for as long as the window lives.
  }
}

export default function QuickPrompt(props: { actions: QuickPromptActions }) {
  const [text, setText] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [sending, setSending] = createSignal(false);
  /** Ready terminal OpenCodes, as last looked at. */
  const [terminals, setTerminals] = createSignal<TerminalView[]>([]);
  const [target, setTarget] = createSignal(remembered());
  const [note, setNote] = createSignal<string>();

  const choose = (next: string) => {
    setTarget(next);
    remember(next);
    setNote(undefined);
  };

  let looks = 0;
  const look = async () => {
    looks += 1;
    const mine = looks;
    let ready: TerminalView[];
    try {
      const asked = await props.actions.takeTarget();
      if (asked !== null) choose(asked);
    } catch {
      // The tray's choice is a convenience; without it the window offers what it remembers.
    }
    try {
      ready = (await props.actions.listTerminals()).filter((t) => t.state.kind === "ready");
    } catch {
      // Without the list only the app is offered; sending to it still works.
      ready = [];
    }
    // Only the newest look counts: an older one may answer last.
    if (mine !== looks) return;
    setTerminals(ready);
    if (target() !== "" && !ready.some((t) => t.id === target())) {
      choose("");
      setNote("The terminal OpenCode chosen last time is no longer running: this goes to a new session in the app.");
    }
  };

  onMount(() => {
    void look();
    const onFocus = () => void look();
    window.addEventListener("focus", onFocus);
    const stop = props.actions.onTargetRequested((terminalId) => {
      choose(terminalId ?? "");
      // The tray's list may be newer than this window's.
      if (terminalId !== null && !terminals().some((t) => t.id === terminalId)) void look();
    });
    onCleanup(() => {
      window.removeEventListener("focus", onFocus);
      stop();
    });
  });

  const send = async () => {
    if (sending() || text().trim() === "") return;
    setSending(true);
    setError(undefined);
    try {
      await props.actions.send(text(), target() === "" ? null : target());
      setText("");
    } catch (e) {
      // Keep the text: a failed send must not cost the user what they typed.
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      props.actions.close();
    } else if (isSendKey(event)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form
      class="quick-prompt"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <textarea
        aria-label="Prompt"
        placeholder="Ask OpenCode… (Enter to send, Esc to close)"
        value={text()}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        disabled={sending()}
        autofocus
        rows={3}
      />
      <div class="quick-prompt-target">
        <label for="quick-prompt-target">Send to</label>
        <select
          class="field"
          id="quick-prompt-target"
          disabled={sending()}
          onChange={(event) => { choose(event.currentTarget.value); }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              props.actions.close();
            }
          }}
        >
          {/* `selected` per option, not the select's value: the options arrive after it. */}
          <option value="" selected={target() === ""}>
            A new session in the app
          </option>
          <For each={terminals()}>
            {(terminal) => (
              <option value={terminal.id} selected={target() === terminal.id}>
                {terminal.label}
              </option>
            )}
          </For>
        </select>
      </div>
      <Show when={note()}>
        {(message) => <p class="quick-prompt-note">{message()}</p>}
      </Show>
      <Show when={error()}>
        {(message) => (
          <p class="quick-prompt-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </form>
  );
}
