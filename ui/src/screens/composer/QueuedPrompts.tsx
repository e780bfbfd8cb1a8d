// What waits to go out from one session's box, above it: each queued prompt with its state
// (sending, waiting for the connection, or failed with the reason and a Retry), Remove, and the
// hold after Stop. Props in, DOM out; the queue itself is state/compose.ts's.
import { For, Show } from "solid-js";
import type { Outgoing } from "../../state/drafts";
import type { SessionQueue } from "../../state/queue";

/** One line that says what a queued item is. */
function preview(outgoing: Outgoing): string {
  const text = outgoing.kind === "prompt" ? outgoing.draft.text : outgoing.text;
  const line = text.split("\n", 1)[0] ?? "";
  const files = outgoing.kind === "prompt" ? (outgoing.draft.files?.length ?? 0) : 0;
  if (line === "" && files > 0) return files === 1 ? "1 file" : `${files} files`;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export interface QueuedPromptsProps {
  queue: SessionQueue<Outgoing>;
  /** The connection is live; otherwise waiting items say they go once it is. */
  online: boolean;
  onResume: () => void;
  onRetry: (id: number) => void;
  onRemove: (id: number) => void;
}

export default function QueuedPrompts(props: QueuedPromptsProps) {
  return (
    <Show when={props.queue.items.length > 0}>
      <section class="compose-queue" aria-label="Queued prompts">
        <Show when={props.queue.paused}>
          <p class="compose-queue-paused">
            Held after Stop.{" "}
            <button
              type="button"
              onClick={() => {
                props.onResume();
              }}
            >
              Resume queue
            </button>
          </p>
        </Show>
        <ol>
          <For each={props.queue.items}>
            {(item) => {
              const sending = () => props.queue.sending === item.id;
              return (
                <li class="compose-queue-item" classList={{ failed: item.error !== undefined }}>
                  <span class="compose-queue-text">{preview(item.value)}</span>
                  <Show when={sending()}>
                    <span class="compose-queue-state">Sending…</span>
                  </Show>
                  <Show when={!sending() && !props.online && item.error === undefined}>
                    <span class="compose-queue-state">Will send when connected</span>
                  </Show>
                  <Show when={item.error}>
                    {(error) => (
                      <>
                        <span class="compose-queue-error" role="alert">
                          {error()}
                        </span>
                        <button
                          type="button"
                          aria-label={`Retry queued prompt: ${preview(item.value)}`}
                          onClick={() => {
                            props.onRetry(item.id);
                          }}
                        >
                          Retry
                        </button>
                      </>
                    )}
                  </Show>
                  <button
                    type="button"
                    aria-label={`Remove queued prompt: ${preview(item.value)}`}
                    disabled={sending()}
                    onClick={() => {
                      props.onRemove(item.id);
                    }}
                  >
                    Remove
                  </button>
                </li>
              );
            }}
          </For>
        </ol>
      </section>
    </Show>
  );
}
