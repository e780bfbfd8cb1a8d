// The Changes side panel: what the open session changed, turn by turn, or the project's whole
// working tree (everything uncommitted, whoever changed it), as two tabs of one panel so the
// header keeps one Changes button. Only the chosen tab is drawn: the working tree is loaded, and
// follows the server's news of changed files, only while it is shown.
import { Show } from "solid-js";
import Tabs from "../../components/Tabs";
import type { SnapshotFileDiff, WorkingTree } from "../../ipc";
import SessionChanges from "./SessionChanges";
import type { TurnChanges } from "./turnChanges";
import WorkingTreeView from "./WorkingTree";
import "./ChangedFiles.css";

export type ChangesView = "session" | "worktree";

export interface ChangesPanelProps {
  view: ChangesView;
  onView: (view: ChangesView) => void;
  /** The open session's changes (see SessionChanges). */
  sessionDiffs: readonly SnapshotFileDiff[];
  turns: readonly TurnChanges[];
  reverted: boolean;
  hasOlder: boolean;
  /** The server whose project's working tree is shown; none while no server is connected. */
  serverId: string | undefined;
  loadWorkingTree: (serverId: string) => Promise<WorkingTree>;
  /** Moves whenever the server reports changed files (`store.fileChanges`). */
  fileChanges: number;
  /** Opens a file in the Files panel, at a 1-based line if known. */
  onOpen?: (path: string, line?: number) => void;
}

export default function ChangesPanel(props: ChangesPanelProps) {
  return (
    <Tabs<ChangesView>
      label="Which changes"
      chosen={props.view}
      onChoose={props.onView}
      tabs={[
        {
          id: "session",
          label: "This session",
          panel: () => (
            <SessionChanges
              sessionDiffs={props.sessionDiffs}
              turns={props.turns}
              reverted={props.reverted}
              hasOlder={props.hasOlder}
              onOpen={props.onOpen}
            />
          ),
        },
        {
          id: "worktree",
          label: "Working tree",
          panel: () => (
            <Show
              when={props.serverId}
              fallback={<p class="changed-files-empty">Not connected to an OpenCode server yet.</p>}
            >
              {(serverId) => (
                <WorkingTreeView
                  serverId={serverId()}
                  load={props.loadWorkingTree}
                  changes={props.fileChanges}
                  onOpen={props.onOpen}
                />
              )}
            </Show>
          ),
        },
      ]}
    />
  );
}
