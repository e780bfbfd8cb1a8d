// The quick prompt window: one text box. Enter sends (a new session starts and the main window
// shows it), Shift+Enter adds a line, Escape closes. Errors stay in the window, with the text.
import { createSignal, Show } from "solid-js";
import { isSendKey } from "../../lib/keys";

export interface QuickPromptActions {
  send: (text: string) => Promise<unknown>;
  close: () => void;
}

export default function QuickPrompt(props: { actions: QuickPromptActions }) {
  const [text, setText] = createSignal("");
  const [error, setError] = createSignal<string>();
  const [sending, setSending] = createSignal(false);

  const send = async () => {
    if (sending() || text().trim() === "") return;
    setSending(true);
    setError(undefined);
    try {
      await props.actions.send(text());
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
