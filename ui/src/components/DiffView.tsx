// A diff, unified: a header per file (name, kind of change, +/− counts), then its lines with old
// and new line numbers, added lines green, removed lines red, each line highlighted for the file's
// language. Takes a unified patch (one or more files) or a file's text before and after. Long
// diffs show their first lines and a button for more, so opening one never floods the DOM. Given
// `onOpen`, the file's name opens the file, and so does a click on a line's number or a hunk's
// header, at that line (DiffView.targets.ts): the numbers of a before/after diff count lines of
// the snippet, not of the file, so only a patch's lines open.
import { createMemo, createSignal, For, Match, Show, Switch } from "solid-js";
import { type DiffFile, type DiffLine, diffTexts, fileName, parseUnifiedPatch } from "../lib/diff";
import { highlight, languageOfPath } from "../lib/highlight";
import { firstChangedLine, lineTargets } from "./DiffView.targets";
import "./DiffView.css";
import "./hljs.css";

/** Lines shown at first, and added by each "Show more". */
export const DIFF_PAGE = 1000;

/** Above this many lines a diff is drawn without syntax colours (each line is highlighted alone). */
const HIGHLIGHT_LINES = 3000;

export interface DiffViewProps {
  /** A unified patch; one section per file in it. */
  patch?: string | null;
  /** Or the text before and after (one file); used when there is no patch. */
  before?: string | null;
  after?: string | null;
  /** The file's path; else the names in the patch. */
  file?: string | null;
  /** Counts to show in the header (the server's); else counted from the lines. */
  additions?: number | null;
  deletions?: number | null;
  /** added, deleted or modified; else worked out from the patch. */
  status?: string | null;
  /** Show the file header (name and counts); off where the row that opened the diff says it. */
  header?: boolean;
  /** Opens a file (as named here) in the Files panel, at a 1-based line if known. */
  onOpen?: (path: string, line?: number) => void;
}

export default function DiffView(props: DiffViewProps) {
  const files = createMemo<DiffFile[]>(() => {
    if (props.patch) return parseUnifiedPatch(props.patch);
    if (props.before != null || props.after != null) {
      return [diffTexts(props.before ?? "", props.after ?? "", props.file ?? null)];
    }
    return [];
  });
  const [limit, setLimit] = createSignal(DIFF_PAGE);
  const total = () => files().reduce((sum, file) => sum + file.lines.length, 0);
  // How many lines of each file fit in the current limit, in order.
  const shownCounts = createMemo(() => {
    let left = limit();
    return files().map((file) => {
      const shown = Math.min(left, file.lines.length);
      left -= shown;
      return shown;
    });
  });
  const single = () => files().length <= 1;
  /** Opens `file` at a line (its first change when none is given); none for a file deleted. */
  const opener = (file: DiffFile) => {
    const open = props.onOpen;
    if (!open || (file.newName === null && file.oldName !== null) || props.status === "deleted") return undefined;
    const name = displayName(file, props.file, single());
    return (line?: number) => {
      const at = line ?? (props.patch ? firstChangedLine(props.patch) : undefined);
      open(name, at);
    };
  };
  return (
    <div class="diff-view">
      <Show
        when={files().length > 0}
        fallback={
          <>
            <Show when={props.header !== false && props.file}>
              {(file) => (
                <DiffHeader
                  name={file()}
                  status={props.status}
                  additions={props.additions}
                  deletions={props.deletions}
                  onOpen={props.onOpen && props.status !== "deleted" ? () => props.onOpen?.(file()) : undefined}
                />
              )}
            </Show>
            <p class="diff-empty">No changes to show.</p>
          </>
        }
      >
        <For each={files()}>
          {(file, index) => {
            // Worked out once per file, not per line read.
            const targets = createMemo(() => (props.patch && props.onOpen ? lineTargets(file.lines) : undefined));
            return (
              <section class="diff-file" aria-label={`Changes to ${displayName(file, props.file, single())}`}>
                <Show when={props.header !== false}>
                  <DiffHeader
                    name={displayName(file, props.file, single())}
                    status={(single() ? props.status : null) ?? statusOf(file)}
                    additions={single() ? (props.additions ?? file.additions) : file.additions}
                    deletions={single() ? (props.deletions ?? file.deletions) : file.deletions}
                    onOpen={opener(file)}
                  />
                </Show>
                <DiffLines
                  lines={file.lines.slice(0, shownCounts()[index()] ?? 0)}
                  targets={opener(file) ? targets() : undefined}
                  onOpen={(line) => opener(file)?.(line)}
                  language={total() <= HIGHLIGHT_LINES ? languageOfPath(displayName(file, props.file, single())) : null}
                />
              </section>
            );
          }}
        </For>
        <Show when={total() > limit()}>
          <p class="diff-more">
            <span>
              Showing {limit().toLocaleString("en-US")} of {total().toLocaleString("en-US")} lines.
            </span>{" "}
            <button type="button" class="btn btn-small" onClick={() => setLimit((n) => n + DIFF_PAGE)}>
              Show {Math.min(DIFF_PAGE, total() - limit()).toLocaleString("en-US")} more lines
            </button>
          </p>
        </Show>
      </Show>
    </div>
  );
}

function displayName(file: DiffFile, given: string | null | undefined, single: boolean): string {
  return (single ? given : null) || fileName(file) || given || "(unnamed file)";
}

function statusOf(file: DiffFile): string {
  if (file.oldName === null && file.newName !== null) return "added";
  if (file.newName === null && file.oldName !== null) return "deleted";
  if (file.oldName !== null && file.newName !== null && file.oldName !== file.newName) return "renamed";
  return "modified";
}

const STATUS_LABEL: Record<string, string> = {
  added: "Added",
  deleted: "Deleted",
  modified: "Modified",
  renamed: "Renamed",
};

/** "+3 −1", read out as "3 additions, 1 deletion". */
export function DiffStat(props: { additions: number; deletions: number }) {
  const label = () =>
    `${String(props.additions)} ${props.additions === 1 ? "addition" : "additions"}, ` +
    `${String(props.deletions)} ${props.deletions === 1 ? "deletion" : "deletions"}`;
  return (
    <span class="diff-stat" role="img" aria-label={label()}>
      <span class="diff-stat-add">+{props.additions}</span> <span class="diff-stat-del">−{props.deletions}</span>
    </span>
  );
}

function DiffHeader(props: {
  name: string;
  status?: string | null;
  additions?: number | null;
  deletions?: number | null;
  onOpen?: (() => void) | undefined;
}) {
  const slash = () => props.name.lastIndexOf("/");
  const parts = () => (
    <>
      <Show when={slash() >= 0}>
        <span class="diff-dir">{props.name.slice(0, slash() + 1)}</span>
      </Show>
      <span class="diff-base">{props.name.slice(slash() + 1)}</span>
    </>
  );
  return (
    <header class="diff-header">
      <Show
        when={props.onOpen}
        fallback={
          <span class="diff-name" title={props.name}>
            {parts()}
          </span>
        }
      >
        {(open) => (
          <button
            type="button"
            class="diff-name diff-open"
            title={`Open ${props.name} in Files`}
            onClick={() => {
              open()();
            }}
          >
            {parts()}
          </button>
        )}
      </Show>
      <Show when={props.status}>
        {(status) => (
          <span class="diff-status" data-status={status()}>
            {STATUS_LABEL[status()] ?? status()}
          </span>
        )}
      </Show>
      <Show when={props.additions != null || props.deletions != null}>
        <DiffStat additions={props.additions ?? 0} deletions={props.deletions ?? 0} />
      </Show>
    </header>
  );
}

function DiffLines(props: {
  lines: DiffLine[];
  language: string | null;
  /** Per line of the whole file, the line it opens at; absent when lines do not open. */
  targets?: (number | undefined)[] | undefined;
  onOpen: (line: number) => void;
}) {
  // Wide enough for the largest line number shown (and never narrower than two digits).
  const digits = () =>
    Math.max(2, String(props.lines.reduce((max, line) => Math.max(max, line.oldNo ?? 0, line.newNo ?? 0), 0)).length);
  // One listener for all lines (a diff may show a thousand): the mouse's way in; the keyboard's
  // is the file's name in the header, or the row that opened the diff.
  const onClick = (event: MouseEvent) => {
    if (!props.targets || !(event.target instanceof Element)) return;
    const row = event.target.closest<HTMLElement>(".diff-no, .diff-line[data-kind='hunk']")?.closest<HTMLElement>(".diff-line");
    const line = Number(row?.dataset["line"]);
    if (line > 0) props.onOpen(line);
  };
  return (
    <div
      class="diff-lines"
      data-opens={props.targets ? "" : undefined}
      style={{ "--diff-digits": String(digits()) }}
      onClick={onClick}
    >
      <For each={props.lines}>
        {(line, index) => (
          <Switch
            fallback={
              <div class="diff-line" data-kind={line.kind} data-line={props.targets?.[index()]}>
                <span class="diff-no" aria-hidden="true">
                  {line.oldNo ?? ""}
                </span>
                <span class="diff-no" aria-hidden="true">
                  {line.newNo ?? ""}
                </span>
                <span class="diff-sign" aria-hidden="true">
                  {line.kind === "add" ? "+" : line.kind === "del" ? "−" : " "}
                </span>
                <Code line={line} language={props.language} />
              </div>
            }
          >
            <Match when={line.kind === "hunk" || line.kind === "note"}>
              <div class="diff-line" data-kind={line.kind} data-line={props.targets?.[index()]}>
                <span class="diff-meta">{line.text}</span>
              </div>
            </Match>
          </Switch>
        )}
      </For>
    </div>
  );
}

/** One line's text: <ins>/<del> so assistive tech hears what changed, not only sees the colour. */
function Code(props: { line: DiffLine; language: string | null }) {
  // highlight() escapes all text it does not wrap in its own spans.
  const html = () => highlight(props.line.text, props.language);
  return (
    <Switch fallback={<span class="diff-text hljs" innerHTML={html()} />}>
      <Match when={props.line.kind === "add"}>
        <ins class="diff-text hljs" innerHTML={html()} />
      </Match>
      <Match when={props.line.kind === "del"}>
        <del class="diff-text hljs" innerHTML={html()} />
      </Match>
    </Switch>
  );
}
