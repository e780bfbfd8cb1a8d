// The open session's messages, oldest first, each with its parts. Reads the store by id, so a
// streamed delta re-renders only the part it touches.
import { For, Show } from "solid-js";
import type { Message, Part } from "../../ipc";
import PartView from "./PartView";

export interface TranscriptProps {
  ids: readonly string[];
  info: Record<string, Message>;
  parts: Record<string, Part[]>;
}

export default function Transcript(props: TranscriptProps) {
  return (
    <section class="transcript" aria-label="Transcript">
      <For each={props.ids}>
        {(id) => {
          const message = () => props.info[id];
          const who = () => (message()?.role === "user" ? "You" : "OpenCode");
          return (
            <article class={`message role-${message()?.role ?? "unknown"}`} aria-label={who()}>
              <header class="message-who">{who()}</header>
              <For each={props.parts[id] ?? []}>{(part) => <PartView part={part} />}</For>
              <Show when={message()?.role === "assistant" && errorOf(message())}>
                {(text) => <p class="message-error">{text()}</p>}
              </Show>
            </article>
          );
        }}
      </For>
    </section>
  );
}

function errorOf(message: Message | undefined): string | undefined {
  if (message?.role !== "assistant" || !message.error) return undefined;
  const data = message.error.data as { message?: unknown } | null;
  return typeof data?.message === "string" ? data.message : message.error.name;
}
