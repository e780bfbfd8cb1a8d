// The Changes panel: the session's changed files when the server keeps a session-wide diff, and
// otherwise (OpenCode 1.18) the files each turn changed, newest turn first.
import { For, Show } from "solid-js";
import type { SnapshotFileDiff } from "../../ipc";
import { relativeAge } from "../../lib/format";
import ChangedFiles from "./ChangedFiles";
import type { TurnChanges } from "./turnChanges";

export interface SessionChangesProps {
  /** The server's session-wide diff (empty from OpenCode 1.18). */
  sessionDiffs: readonly SnapshotFileDiff[];
  /** Turns of the loaded messages that changed files, newest first. */
  turns: readonly TurnChanges[];
  /** Older messages are not loaded yet: their turns are not listed. */
  hasOlder?: boolean;
  now?: () => number;
}

export default function SessionChanges(props: SessionChangesProps) {
  const now = () => props.now?.() ?? Date.now();
  return (
    <Show
      when={props.sessionDiffs.length === 0 && props.turns.length > 0}
      fallback={<ChangedFiles diffs={props.sessionDiffs} />}
    >
      <div class="turn-changes">
        <For each={props.turns}>
          {(turn) => (
            <section class="turn-changes-turn" aria-label={`Changes after “${turn.prompt}”`}>
              <h3 class="turn-changes-prompt" title={turn.prompt}>
                <span class="turn-changes-text">{turn.prompt}</span>
                <span class="turn-changes-age">{relativeAge(turn.at, now())}</span>
              </h3>
              <ChangedFiles diffs={turn.diffs} />
            </section>
          )}
        </For>
        <Show when={props.hasOlder}>
          <p class="changed-files-empty">Older turns appear here once their messages are loaded.</p>
        </Show>
      </div>
    </Show>
  );
}
