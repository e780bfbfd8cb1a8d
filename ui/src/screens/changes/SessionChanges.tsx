// The Changes panel. OpenCode 1.18 keeps what each turn changed on its user message (listed
// here turn by turn, newest first); its session-wide diff is empty, except while the session is
// reverted, when it holds what the revert undid. A server that keeps a session-wide diff and no
// turn diffs gets that diff shown as it is.
import { For, Show } from "solid-js";
import type { SnapshotFileDiff } from "../../ipc";
import { relativeAge } from "../../lib/format";
import ChangedFiles from "./ChangedFiles";
import type { TurnChanges } from "./turnChanges";

export interface SessionChangesProps {
  /** The server's session-wide diff. */
  sessionDiffs: readonly SnapshotFileDiff[];
  /** Turns of the loaded (and not reverted) messages that changed files, newest first. */
  turns: readonly TurnChanges[];
  /** The session is reverted: the session-wide diff is what the revert undid. */
  reverted?: boolean;
  /** Older messages are not loaded yet: their turns are not listed. */
  hasOlder?: boolean;
  now?: () => number;
  /** Opens a file in the Files panel, at a 1-based line if known. */
  onOpen?: (path: string, line?: number) => void;
}

export default function SessionChanges(props: SessionChangesProps) {
  const now = () => props.now?.() ?? Date.now();
  const undone = () => (props.reverted ? props.sessionDiffs : []);
  return (
    <Show
      when={undone().length > 0 || props.turns.length > 0}
      fallback={<ChangedFiles diffs={props.reverted ? [] : props.sessionDiffs} onOpen={props.onOpen} />}
    >
      <div class="turn-changes">
        <Show when={undone().length > 0}>
          <section class="turn-changes-turn" aria-label="Changes undone by the revert">
            <h3 class="turn-changes-prompt">
              <span class="turn-changes-text">Undone by the revert (Undo revert brings them back)</span>
            </h3>
            <ChangedFiles diffs={undone()} onOpen={props.onOpen} />
          </section>
        </Show>
        <For each={props.turns}>
          {(turn) => (
            <section class="turn-changes-turn" aria-label={`Changes after “${turn.prompt}”`}>
              <h3 class="turn-changes-prompt" title={turn.prompt}>
                <span class="turn-changes-text">{turn.prompt}</span>
                <span class="turn-changes-age">{relativeAge(turn.at, now())}</span>
              </h3>
              <ChangedFiles diffs={turn.diffs} onOpen={props.onOpen} />
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
