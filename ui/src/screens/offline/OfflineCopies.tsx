// The copies shown while the server is down: the list of this project's kept sessions with a
// search over their titles and text (in the sidebar; a hit opens its copy at the message, the
// words marked in its line), and one copy read-only (in the main area): a banner saying it is a
// copy and from when, the transcript, and a line where the composer would be saying nothing can
// be sent. State lives in state/offlineCopies.ts.
import { For, Show } from "solid-js";
import { Marked } from "../search/SessionSearch";
import Transcript from "../transcript/Transcript";
import { copyBanner, copyTime, copyTranscript, type OfflineCopies } from "../../state/offlineCopies";
import "./OfflineCopies.css";

export interface OfflineListProps {
  copies: OfflineCopies;
  /** Receives the search box (the window's "search in sessions" comes here while offline). */
  searchBox?: (element: HTMLInputElement) => void;
}

export function OfflineList(props: OfflineListProps) {
  const c = () => props.copies;
  return (
    <div class="offline-list">
      <div class="offline-list-head">
        <h2>Offline copies</h2>
        <p class="offline-hint">The server is not reachable: these are the sessions as you last saw them.</p>
        <input
          ref={(element) => props.searchBox?.(element)}
          class="field offline-search"
          type="search"
          placeholder="Search the copies"
          aria-label="Search the offline copies"
          value={c().query()}
          onInput={(event) => c().setQuery(event.currentTarget.value)}
        />
      </div>
      <Show
        when={c().query().trim() === ""}
        fallback={
          <ul class="offline-rows" aria-label="Search results">
            <For each={c().hits()} fallback={<li class="offline-hint">Nothing found in the copies.</li>}>
              {(hit) => (
                <li>
                  <button
                    type="button"
                    class="offline-row"
                    onClick={() => { c().open(hit.summary.session_id, hit.message_id ?? undefined); }}
                  >
                    <span class="offline-title">{hit.summary.title || "Untitled"}</span>
                    <Show when={hit.message_id !== null}>
                      <span class="offline-snippet">
                        <Marked text={hit.snippet} query={c().query()} />
                      </span>
                    </Show>
                  </button>
                </li>
              )}
            </For>
          </ul>
        }
      >
        <ul class="offline-rows" aria-label="Offline copies">
          <For each={c().list()} fallback={<li class="offline-hint">No session of this project was kept.</li>}>
            {(copy) => (
              <li>
                <button
                  type="button"
                  class="offline-row"
                  aria-current={c().openId() === copy.session_id ? "true" : undefined}
                  onClick={() => { c().open(copy.session_id); }}
                >
                  <span class="offline-title">{copy.title || "Untitled"}</span>
                  <span class="offline-meta">
                    {copy.message_count} messages · kept {copyTime(copy.cached_at)}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

export interface OfflineSessionProps {
  copies: OfflineCopies;
}

/** The copy opened, read-only; nothing while none is. */
export function OfflineSession(props: OfflineSessionProps) {
  return (
    <Show when={props.copies.copy()}>
      {(copy) => {
        const view = () => copyTranscript(copy());
        return (
          <div class="offline-session">
            <div class="offline-banner" role="status">
              {copyBanner(copy().summary.cached_at)}
            </div>
            <Transcript
              ids={view().ids}
              info={view().info}
              parts={view().parts}
              hasOlder={false}
              onReachTop={() => Promise.resolve()}
              reveal={props.copies.reveal()}
              onRevealed={props.copies.revealed}
            />
            <p class="offline-readonly" role="note">
              Read-only: this copy cannot take a message. The live session opens when the server is back.
            </p>
          </div>
        );
      }}
    </Show>
  );
}
