// The open session's messages, oldest first, each with its parts. Reads the store by id, so a
// streamed delta re-renders only the part it touches. Stays pinned to the bottom while a reply
// streams unless the user has scrolled up; near the top it asks for the page before.
import { For, onCleanup, onMount, Show } from "solid-js";
import type { Message, Part } from "../../ipc";
import PartView from "./PartView";

/** Within this many pixels of an edge counts as being at it. */
const EDGE = 48;

export interface TranscriptProps {
  ids: readonly string[];
  info: Record<string, Message>;
  parts: Record<string, Part[]>;
  /** Older messages exist above the first one shown. */
  hasOlder: boolean;
  /** Loads the page before the first message shown. */
  onReachTop: () => Promise<void>;
}

export default function Transcript(props: TranscriptProps) {
  let scroller: HTMLElement | undefined;
  let pinned = true;
  let loadingOlder = false;

  const toBottom = () => {
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  };

  const onScroll = () => {
    if (!scroller) return;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    pinned = fromBottom <= EDGE;
    if (scroller.scrollTop <= EDGE && props.hasOlder && !loadingOlder) void loadOlder();
  };

  const loadOlder = async () => {
    if (!scroller) return;
    loadingOlder = true;
    const before = scroller.scrollHeight;
    try {
      await props.onReachTop();
    } finally {
      // Keep what the user was reading in place: the new page grew the content above it.
      requestAnimationFrame(() => {
        if (scroller) scroller.scrollTop += scroller.scrollHeight - before;
        loadingOlder = false;
      });
    }
  };

  onMount(() => {
    toBottom();
    // Any change inside (a new message, a streamed delta) keeps a pinned view at the bottom.
    const observer = new MutationObserver(() => {
      if (pinned && !loadingOlder) toBottom();
    });
    if (scroller) {
      observer.observe(scroller, { childList: true, subtree: true, characterData: true });
    }
    onCleanup(() => {
      observer.disconnect();
    });
  });

  return (
    <section
      class="transcript"
      aria-label="Transcript"
      ref={(element) => {
        scroller = element;
      }}
      onScroll={onScroll}
    >
      <Show when={props.hasOlder}>
        <p class="older-hint">Scroll up for earlier messages</p>
      </Show>
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
