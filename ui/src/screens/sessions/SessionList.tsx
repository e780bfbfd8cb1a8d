// The project's sessions, newest first, with a busy or needs-you badge, and a New session button.
import { For, Show } from "solid-js";
import type { Session } from "../../ipc";
import { relativeAge } from "../../lib/format";

export interface SessionListProps {
  sessions: readonly Session[];
  selected: string | undefined;
  isBusy: (id: string) => boolean;
  needsYou: (id: string) => boolean;
  onSelect: (id: string) => void;
  onNew: () => void;
  now: number;
}

export default function SessionList(props: SessionListProps) {
  return (
    <nav class="session-list" aria-label="Sessions">
      <button type="button" class="new-session" onClick={() => { props.onNew(); }}>
        New session
      </button>
      <Show
        when={props.sessions.length > 0}
        fallback={<p class="hint">No sessions yet: start one, or send a prompt below.</p>}
      >
        <ul>
          <For each={props.sessions}>
            {(session) => (
              <li>
                <button
                  type="button"
                  class="session-item"
                  aria-current={props.selected === session.id ? "true" : undefined}
                  onClick={() => { props.onSelect(session.id); }}
                >
                  <span class="session-title">{session.title || "Untitled session"}</span>
                  <span class="session-meta">
                    <Show when={props.needsYou(session.id)}>
                      <span class="badge needs-you">needs you</span>
                    </Show>
                    <Show when={!props.needsYou(session.id) && props.isBusy(session.id)}>
                      <span class="badge busy">working</span>
                    </Show>
                    {relativeAge(session.time.updated ?? 0, props.now)}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </nav>
  );
}
