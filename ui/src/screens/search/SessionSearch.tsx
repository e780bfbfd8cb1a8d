// Search in sessions (Mod+Shift+F; issue 20, "Search everything"): a dialog with a search box and
// the project's matching sessions, grouped by session in Rust's order (best first): a session's
// title when it matched, then its messages, each a line of text around the match with the words
// marked. Typing asks Rust after a short pause (the newest answer wins); Up/Down move the
// highlighted result (aria-activedescendant: the focus stays in the box), Enter opens it, Escape
// or a click outside closes. Opening is the caller's: the session, at the message.
import { createMemo, createSignal, createUniqueId, For, onCleanup, onMount, Show } from "solid-js";
import type { SessionHit } from "../../ipc/sessionSearch";
import { onComboboxKey } from "../../lib/keys";
import { markMatches } from "../../lib/matches";
import "../../components/Modal.css";
import "../sessions/QuickSwitcher.css";
import "./SessionSearch.css";

/** Quiet time after a key before the search runs: one search per pause, not one per letter. */
export const SEARCH_DELAY_MS = 200;

export interface HitGroup {
  sessionId: string;
  title: string;
  hits: SessionHit[];
}

/** The hits by session, each session where its best hit was, its hits in their order. */
export function groupHits(hits: readonly SessionHit[]): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    let group = groups.get(hit.session_id);
    if (!group) {
      group = { sessionId: hit.session_id, title: hit.title || "Untitled", hits: [] };
      groups.set(hit.session_id, group);
    }
    group.hits.push(hit);
  }
  return [...groups.values()];
}

/** `text` with the query's words in <mark>. */
export function Marked(props: { text: string; query: string }) {
  return (
    <For each={markMatches(props.text, props.query)}>
      {(piece) => (piece.match ? <mark>{piece.text}</mark> : piece.text)}
    </For>
  );
}

export interface SessionSearchProps {
  search: (query: string) => Promise<SessionHit[]>;
  /** Called with the chosen hit; the dialog then calls onClose. */
  onOpen: (hit: SessionHit) => void;
  onClose: () => void;
  /** Tests pass 0. */
  delay?: number;
}

const keyOf = (hit: SessionHit) => `${hit.session_id}/${hit.message_id ?? ""}`;

export default function SessionSearch(props: SessionSearchProps) {
  const uid = createUniqueId();
  const listId = `${uid}-list`;
  const optionIds = new Map<string, string>();
  const optionId = (key: string) => {
    let id = optionIds.get(key);
    if (!id) {
      id = `${uid}-option-${optionIds.size}`;
      optionIds.set(key, id);
    }
    return id;
  };
  const [query, setQuery] = createSignal("");
  /** The query the results answer (the box may have moved on). */
  const [answered, setAnswered] = createSignal("");
  const [hits, setHits] = createSignal<SessionHit[]>([]);
  const [searching, setSearching] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [active, setActive] = createSignal<string>();
  const groups = createMemo(() => groupHits(hits()));
  /** The hits in the order shown (grouped), which the arrows walk. */
  const shown = createMemo(() => groups().flatMap((g) => g.hits));
  const highlighted = createMemo(() => {
    const chosen = active();
    if (chosen !== undefined && shown().some((h) => keyOf(h) === chosen)) return chosen;
    const first = shown()[0];
    return first ? keyOf(first) : undefined;
  });
  let input: HTMLInputElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const previousFocus = document.activeElement;
  onMount(() => input?.focus());
  onCleanup(() => {
    clearTimeout(timer);
    asked++;
    if (previousFocus instanceof HTMLElement && previousFocus.isConnected) previousFocus.focus();
  });

  const run = async (text: string) => {
    const mine = ++asked;
    setSearching(true);
    try {
      const found = await props.search(text);
      if (mine !== asked) return;
      setHits(found);
      setAnswered(text);
      setError(undefined);
    } catch (e) {
      if (mine !== asked) return;
      setHits([]);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (mine === asked) setSearching(false);
    }
  };

  const clear = () => {
    setHits([]);
    setAnswered("");
    setError(undefined);
    setSearching(false);
  };

  const onInput = (text: string) => {
    setQuery(text);
    setActive(undefined);
    clearTimeout(timer);
    if (text.trim() === "") {
      // Nothing to look for: no search, and no answer to an older query left on screen.
      asked++;
      clear();
      return;
    }
    timer = setTimeout(() => void run(text.trim()), props.delay ?? SEARCH_DELAY_MS);
  };
  const move = (step: number) => {
    const all = shown();
    if (all.length === 0) return;
    const at = all.findIndex((h) => keyOf(h) === highlighted());
    const next = all[(at + step + all.length) % all.length];
    if (!next) return;
    setActive(keyOf(next));
    // Optional: jsdom (tests) has no scrollIntoView.
    const option: Partial<Pick<Element, "scrollIntoView">> | null = document.getElementById(
      optionId(keyOf(next)),
    );
    option?.scrollIntoView?.({ block: "nearest" });
  };

  const open = (hit: SessionHit) => {
    props.onOpen(hit);
    props.onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    onComboboxKey(event, {
      move,
      pick: () => {
        const hit = hits().find((h) => keyOf(h) === highlighted());
        if (hit) open(hit);
      },
      close: props.onClose,
    });
  };

  const status = () => {
    if (error()) return undefined;
    if (query().trim() === "") return "Titles of all this project's sessions, and the text of those opened in this app.";
    if (searching() && answered() === "") return "Searching…";
    if (answered() === "") return undefined;
    const count = hits().length;
    if (count === 0) return `Nothing found for “${answered()}”.`;
    const sessions = groups().length;
    return `${count} ${count === 1 ? "match" : "matches"} in ${sessions} ${sessions === 1 ? "session" : "sessions"}.`;
  };

  return (
    <div
      class="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) props.onClose();
      }}
    >
      <div class="modal qs ss" role="dialog" aria-modal="true" aria-label="Search in sessions">
        <input
          ref={(element) => (input = element)}
          class="qs-input"
          type="text"
          role="combobox"
          aria-label="Search the text of this project's sessions"
          aria-expanded={hits().length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={(() => {
            const key = highlighted();
            return key === undefined ? undefined : optionId(key);
          })()}
          placeholder="Search in sessions…"
          autocomplete="off"
          spellcheck={false}
          value={query()}
          onInput={(event) => { onInput(event.currentTarget.value); }}
          onKeyDown={onKeyDown}
        />
        <Show when={error()}>
          {(message) => (
            <p class="qs-empty ss-error" role="alert">
              {message()}
            </p>
          )}
        </Show>
        <p class="qs-empty ss-status" role="status">
          {status()}
        </p>
        <div id={listId} class="qs-list" role="listbox" aria-label="Results">
          <For each={groups()}>
            {(group) => (
              <div role="group" aria-labelledby={`${optionId(group.sessionId)}-head`} class="ss-group">
                <div id={`${optionId(group.sessionId)}-head`} class="ss-session" role="presentation">
                  {group.title}
                </div>
                <For each={group.hits}>
                  {(hit) => (
                    <div
                      id={optionId(keyOf(hit))}
                      class="qs-option ss-option"
                      role="option"
                      aria-selected={highlighted() === keyOf(hit)}
                      onMouseMove={() => {
                        if (active() !== keyOf(hit)) setActive(keyOf(hit));
                      }}
                      // mousedown, not click: the box must keep the focus.
                      onMouseDown={(event) => {
                        event.preventDefault();
                        open(hit);
                      }}
                    >
                      <Show
                        when={hit.message_id !== null}
                        fallback={
                          <span class="ss-snippet">
                            <span class="ss-kind">Title: </span>
                            <Marked text={hit.title} query={answered()} />
                          </span>
                        }
                      >
                        <span class="ss-snippet">
                          <Marked text={hit.snippet} query={answered()} />
                        </span>
                      </Show>
                    </div>
                  )}
                </For>
              </div>
            )}
          </For>
        </div>
        <p class="qs-help" aria-hidden="true">
          ↑↓ to move · Enter to open at the message · Esc to close
        </p>
      </div>
    </div>
  );
}
