// Switch to another session by typing part of its title (Mod+K). A modal with a filter box and
// a listbox of sessions, most recent first; the open session is listed but not preselected, so
// Mod+K then Enter goes back to the previous session, as Alt+Tab does. The focus stays in the
// box; Up/Down move the highlighted option (aria-activedescendant), Enter opens it, Escape or a
// click outside closes. On close the focus returns where it was.
import { createMemo, createSignal, createUniqueId, For, onCleanup, onMount, Show } from "solid-js";
import type { Session } from "../../ipc";
import { relativeAge } from "../../lib/format";
import { onComboboxKey } from "../../lib/keys";
import { byRecency, recency, searchTerms, titleMatches, titleOf } from "./sessionTree";
import "../../components/Modal.css";
import "./QuickSwitcher.css";

/** Options listed at once: the list is for picking, not browsing. */
export const SWITCHER_LIMIT = 50;

export interface QuickSwitcherProps {
  /** All sessions of the project (children included), in any order. */
  sessions: readonly Session[];
  /** The open session, listed but not preselected. */
  current?: string | undefined;
  /** Called with the chosen session; the switcher then calls onClose. */
  onPick: (id: string) => void;
  onClose: () => void;
  /** Epoch ms to measure ages from (tests); defaults to the time it opened. */
  now?: number;
}

export default function QuickSwitcher(props: QuickSwitcherProps) {
  const uid = createUniqueId();
  const listId = `${uid}-list`;
  const optionId = (id: string) => `${uid}-option-${id}`;
  const [query, setQuery] = createSignal("");
  const [active, setActive] = createSignal<string>();
  const openedAt = Date.now();
  const now = () => props.now ?? openedAt;
  let input: HTMLInputElement | undefined;
  let list: HTMLUListElement | undefined;

  const byId = createMemo(() => new Map(props.sessions.map((s) => [s.id, s])));
  const recent = createMemo(() => [...props.sessions].sort(byRecency));
  const matches = createMemo(() => {
    const terms = searchTerms(query());
    const found: Session[] = [];
    for (const session of recent()) {
      if (titleMatches(session, terms)) found.push(session);
      if (found.length === SWITCHER_LIMIT) break;
    }
    return found;
  });
  /** The highlighted option: the one moved to, else the first that is not the open session. */
  const highlighted = createMemo(() => {
    const shown = matches();
    const chosen = active();
    if (chosen !== undefined && shown.some((s) => s.id === chosen)) return chosen;
    if (query().trim() === "") return (shown.find((s) => s.id !== props.current) ?? shown[0])?.id;
    return shown[0]?.id;
  });

  const previousFocus = document.activeElement;
  onMount(() => input?.focus());
  onCleanup(() => {
    if (previousFocus instanceof HTMLElement && previousFocus.isConnected) previousFocus.focus();
  });

  const move = (step: number) => {
    const shown = matches();
    if (shown.length === 0) return;
    const at = shown.findIndex((s) => s.id === highlighted());
    const next = shown[(at + step + shown.length) % shown.length];
    if (!next) return;
    setActive(next.id);
    // Optional: jsdom (tests) has no scrollIntoView.
    const option: Partial<Pick<Element, "scrollIntoView">> | undefined = list
      ? [...list.children].find((element) => (element as HTMLElement).dataset.id === next.id)
      : undefined;
    option?.scrollIntoView?.({ block: "nearest" });
  };

  const pick = (id: string) => {
    props.onPick(id);
    props.onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    onComboboxKey(event, {
      move,
      pick: () => {
        const id = highlighted();
        if (id !== undefined) pick(id);
      },
      close: props.onClose,
    });
  };

  const parentTitle = (session: Session) => {
    const parent = session.parentID ? byId().get(session.parentID) : undefined;
    return parent ? titleOf(parent) : undefined;
  };

  return (
    <div
      class="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) props.onClose();
      }}
    >
      <div class="modal qs" role="dialog" aria-modal="true" aria-label="Switch session">
        <input
          ref={(element) => (input = element)}
          class="qs-input"
          type="text"
          role="combobox"
          aria-label="Find a session by title"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={(() => {
            const id = highlighted();
            return id === undefined ? undefined : optionId(id);
          })()}
          placeholder="Switch to session…"
          autocomplete="off"
          spellcheck={false}
          value={query()}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setActive(undefined);
          }}
          onKeyDown={onKeyDown}
        />
        <ul
          ref={(element) => (list = element)}
          id={listId}
          class="qs-list"
          role="listbox"
          aria-label="Sessions"
        >
          <For each={matches()}>
            {(session) => (
              <li
                id={optionId(session.id)}
                data-id={session.id}
                class="qs-option"
                role="option"
                aria-selected={highlighted() === session.id}
                onMouseMove={() => {
                  if (active() !== session.id) setActive(session.id);
                }}
                // mousedown, not click: the input must keep the focus.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(session.id);
                }}
              >
                <span class="qs-title">{titleOf(session)}</span>
                <span class="qs-meta">
                  <Show when={props.current === session.id}>
                    <span class="qs-current">open · </span>
                  </Show>
                  <Show when={parentTitle(session)}>{(parent) => <>in {parent()} · </>}</Show>
                  {relativeAge(recency(session), now())}
                </span>
              </li>
            )}
          </For>
        </ul>
        <Show when={matches().length === 0}>
          <p class="qs-empty">
            {props.sessions.length === 0
              ? "No sessions yet — type a message in the box at the bottom to start one."
              : `No session title matches “${query().trim()}”.`}
          </p>
        </Show>
        <p class="qs-help" aria-hidden="true">
          ↑↓ to move · Enter to open · Esc to close
        </p>
      </div>
    </div>
  );
}
