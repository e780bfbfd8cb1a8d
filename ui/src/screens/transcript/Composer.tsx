// The prompt box under the transcript: Enter sends, Shift+Enter adds a line. A failed send keeps
// the text and says why.
import { createSignal, Show } from "solid-js";
import { isSendKey } from "../../lib/keys";

export default function Composer(props: { onSend: (text: string) => Promise<void> }) {
  const [text, setText] = createSignal("");
  const [error, setError] = createSignal<string>();
  const send = async () => {
    const value = text().trim();
    if (!value) return;
    setError(undefined);
    setText("");
    try {
      await props.onSend(value);
    } catch (e) {
      setText(value);
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <textarea
        aria-label="Message"
        placeholder="Ask OpenCode… (Enter to send, Shift+Enter for a new line)"
        value={text()}
        rows={3}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (isSendKey(event)) {
            event.preventDefault();
            void send();
          }
        }}
      />
      <button type="submit">Send</button>
      <Show when={error()}>
        {(message) => (
          <p class="composer-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </form>
  );
}
