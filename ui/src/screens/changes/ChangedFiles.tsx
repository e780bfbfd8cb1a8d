// Changed files (a session's, or the working tree's), with +/− counts; each row opens to its diff.
// Rows are buttons in a list: Tab reaches the list, arrow keys (and Home/End) move between rows,
// Enter or Space opens one. Which rows are open is kept by file name, so a refreshed list keeps
// them open. Given `onOpen`, each file that still exists has a button that shows it in the Files
// panel at its first change, and its diff's line numbers open it at their line.
import { createMemo, createSignal, For, Show } from "solid-js";
import FileSymlink from "lucide-solid/icons/file-symlink";
import DiffView, { DiffStat } from "../../components/DiffView";
import { firstChangedLine } from "../../components/DiffView.targets";
import IconButton from "../../components/IconButton";
import type { SnapshotFileDiff } from "../../ipc";
import "./ChangedFiles.css";

export interface ChangedFilesProps {
  diffs: readonly SnapshotFileDiff[];
  /** What to say when there are none. */
  empty?: string;
  /** Opens a file in the Files panel, at a 1-based line if known. */
  onOpen?: (path: string, line?: number) => void;
}

const STATUS_MARK: Record<string, { mark: string; word: string }> = {
  added: { mark: "A", word: "added" },
  deleted: { mark: "D", word: "deleted" },
  modified: { mark: "M", word: "modified" },
};

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
}

export default function ChangedFiles(props: ChangedFilesProps) {
  const [open, setOpen] = createSignal<ReadonlySet<string>>(new Set());
  const totals = createMemo(() => {
    let additions = 0;
    let deletions = 0;
    for (const diff of props.diffs) {
      additions += diff.additions ?? 0;
      deletions += diff.deletions ?? 0;
    }
    return { additions, deletions };
  });
  const toggle = (key: string) => {
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  };
  let list: HTMLUListElement | undefined;
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = Array.from(list?.querySelectorAll<HTMLButtonElement>(".changed-file") ?? []);
    const at = buttons.findIndex((button) => button === document.activeElement);
    if (at < 0) return;
    const target =
      event.key === "ArrowDown"
        ? buttons[Math.min(at + 1, buttons.length - 1)]
        : event.key === "ArrowUp"
          ? buttons[Math.max(at - 1, 0)]
          : event.key === "Home"
            ? buttons[0]
            : event.key === "End"
              ? buttons.at(-1)
              : undefined;
    if (!target) return;
    event.preventDefault();
    target.focus();
  };
  return (
    <section class="changed-files" aria-label="Changed files">
      <Show
        when={props.diffs.length > 0}
        fallback={<p class="changed-files-empty">{props.empty ?? "No files changed in this session yet."}</p>}
      >
        <header class="changed-files-head">
          <span>
            {props.diffs.length} {props.diffs.length === 1 ? "file" : "files"} changed
          </span>
          <DiffStat additions={totals().additions} deletions={totals().deletions} />
        </header>
        <ul
          class="changed-files-list"
          ref={(element) => {
            list = element;
          }}
          onKeyDown={onKeyDown}
        >
          <For each={props.diffs}>
            {(diff, index) => {
              const key = () => diff.file ?? `#${String(index())}`;
              const isOpen = () => open().has(key());
              const status = () => STATUS_MARK[diff.status ?? "modified"] ?? { mark: "?", word: diff.status ?? "" };
              const slash = () => (diff.file ?? "").lastIndexOf("/");
              // A deleted file has nothing left to show.
              const opens = () => (diff.file && diff.status !== "deleted" ? props.onOpen : undefined);
              return (
                <li class="changed-files-item">
                  <div class="changed-files-row">
                    <button
                      type="button"
                      class="changed-file"
                      aria-expanded={isOpen()}
                      aria-label={`${diff.file ?? "(unnamed file)"}, ${status().word}, ${plural(diff.additions ?? 0, "addition")}, ${plural(diff.deletions ?? 0, "deletion")}`}
                      onClick={() => {
                        toggle(key());
                      }}
                    >
                      <span class="changed-file-chevron" aria-hidden="true">
                        {isOpen() ? "▾" : "▸"}
                      </span>
                      <span class="changed-file-status" data-status={diff.status ?? "modified"} title={status().word}>
                        {status().mark}
                      </span>
                      <span class="changed-file-name">
                        <Show when={slash() >= 0}>
                          <span class="changed-file-dir">{(diff.file ?? "").slice(0, slash() + 1)}</span>
                        </Show>
                        <span class="changed-file-base">{(diff.file ?? "(unnamed file)").slice(slash() + 1)}</span>
                      </span>
                      <DiffStat additions={diff.additions ?? 0} deletions={diff.deletions ?? 0} />
                    </button>
                    <Show when={opens()}>
                      {(openFile) => (
                        <IconButton
                          class="changed-file-open"
                          label={`Open ${diff.file ?? ""} in Files`}
                          onClick={() => {
                            openFile()(diff.file ?? "", firstChangedLine(diff.patch));
                          }}
                        >
                          <FileSymlink aria-hidden="true" />
                        </IconButton>
                      )}
                    </Show>
                  </div>
                  {/* The diff exists in the DOM only while open. */}
                  <Show when={isOpen()}>
                    <DiffView
                      patch={diff.patch}
                      file={diff.file}
                      additions={diff.additions}
                      deletions={diff.deletions}
                      status={diff.status}
                      header={false}
                      onOpen={opens()}
                    />
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
