// The project's uncommitted changes, as the server sees them (git's working tree against HEAD):
// the branch, then file by file in the same rows and diffs as a session's changes. Loaded when
// shown, and again, debounced, whenever the server says files or the branch changed (`changes`
// moves: the store counts that news), so edits made outside the app show up too. A failed load
// says why and keeps what was shown before.
import { createEffect, createSignal, on, onCleanup, Show } from "solid-js";
import GitBranch from "lucide-solid/icons/git-branch";
import RefreshCw from "lucide-solid/icons/refresh-cw";
import Feedback from "../../components/Feedback";
import IconButton from "../../components/IconButton";
import type { WorkingTree } from "../../ipc";
import ChangedFiles from "./ChangedFiles";

/** Quiet time after the last news before refetching: a save or a checkout comes as a burst. */
export const REFRESH_DEBOUNCE_MS = 300;
/** Longest wait under a steady stream of news (a build writing files), so the view still moves. */
export const REFRESH_MAX_WAIT_MS = 2000;

export interface WorkingTreeViewProps {
  serverId: string;
  load: (serverId: string) => Promise<WorkingTree>;
  /** Any change means the server reported changed files: refetch. */
  changes: number;
  /** Opens a file in the Files panel, at a 1-based line if known. */
  onOpen?: (path: string, line?: number) => void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default function WorkingTreeView(props: WorkingTreeViewProps) {
  const [tree, setTree] = createSignal<WorkingTree>();
  const [error, setError] = createSignal<string>();
  // Only the latest request's answer is shown: an older one may describe older files.
  let request = 0;
  const fetch = () => {
    const id = ++request;
    const serverId = props.serverId;
    props.load(serverId).then(
      (next) => {
        if (id !== request) return;
        setTree(next);
        setError(undefined);
      },
      (failure: unknown) => {
        if (id === request) setError(message(failure));
      },
    );
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstNews: number | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    firstNews = undefined;
  };
  const refetchNow = () => {
    cancel();
    fetch();
  };
  onCleanup(cancel);

  // Shown, or shown for another server: load from scratch.
  createEffect(
    on(
      () => props.serverId,
      () => {
        setTree(undefined);
        setError(undefined);
        refetchNow();
      },
    ),
  );
  createEffect(
    on(
      () => props.changes,
      () => {
        const now = Date.now();
        firstNews ??= now;
        clearTimeout(timer);
        const wait = Math.min(REFRESH_DEBOUNCE_MS, Math.max(0, firstNews + REFRESH_MAX_WAIT_MS - now));
        timer = setTimeout(refetchNow, wait);
      },
      { defer: true },
    ),
  );

  return (
    <section class="working-tree" aria-label="Working tree">
      <header class="working-tree-head">
        <GitBranch aria-hidden="true" />
        <span
          class="working-tree-branch"
          title={tree() && tree()?.branch == null ? "Outside git, or on a detached HEAD" : "The project's branch"}
        >
          {tree() ? (tree()?.branch ?? "No branch") : "…"}
        </span>
        <IconButton label="Refresh" title="Load the uncommitted changes again" onClick={refetchNow}>
          <RefreshCw aria-hidden="true" />
        </IconButton>
      </header>
      <Feedback error={error()} />
      <Show
        when={tree()}
        fallback={
          <Show when={!error()}>
            <p class="changed-files-empty">Loading the uncommitted changes…</p>
          </Show>
        }
      >
        {(current) => <ChangedFiles diffs={current().files} empty="No uncommitted changes" onOpen={props.onOpen} />}
      </Show>
    </section>
  );
}
