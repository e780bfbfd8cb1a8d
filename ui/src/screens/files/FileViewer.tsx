// A read-only view of one project file: highlighted text with line numbers, images shown,
// other binaries named, and the file's uncommitted changes on request. The code is one <pre> with
// one innerHTML (no element per line), so opening a 5,000-line file is a single layout; the line
// asked for (a search hit) is marked by an overlay band at its offset. A line number clicked in
// the changes shows the file at that line.
import { createEffect, createMemo, createSignal, on, Show } from "solid-js";
import DiffView from "../../components/DiffView";
import EmptyState from "../../components/EmptyState";
import type { Backend, FileContent } from "../../ipc";
import { explainFailure, formatBytes, imageDataUrl, splitLines, viewSlice, type Failure } from "../../lib/files";
import { highlight, languageOfPath } from "../../lib/highlight";
import "../../components/hljs.css";
import "./files.css";

/** Lines shown before "Show all": more is slow to lay out in WebKitGTK and rarely read here. */
export const MAX_LINES = 5_000;
/** Characters shown before "Show all", for files of few but enormous lines. */
export const MAX_CHARS = 1_000_000;
/** Line height in pixels when it cannot be measured; `--files-code-line` in files.css matches. */
const LINE_HEIGHT = 20;

export type FileViewerApi = Pick<Backend, "readFile">;

export interface FileViewerProps {
  api: FileViewerApi;
  serverId: string;
  /** Project-relative path of the file to show; nothing open when absent. */
  path?: string;
  /** 1-based line to scroll to and mark. Re-read (even unchanged) scrolls there again. */
  line?: number;
  /** Any new value reloads the file, keeping the current view until the new one arrives. */
  refreshToken?: unknown;
}

type View =
  | { kind: "idle" }
  | { kind: "loading"; path: string }
  | { kind: "failed"; path: string; failure: Failure }
  | { kind: "ready"; path: string; content: FileContent };

export default function FileViewer(props: FileViewerProps) {
  const [view, setView] = createSignal<View>({ kind: "idle" });
  const [showAll, setShowAll] = createSignal(false);
  const [showChanges, setShowChanges] = createSignal(false);
  /** A line picked in the changes view; the shell's next ask (`props.line`) wins over it. */
  const [picked, setPicked] = createSignal<number>();
  const wantedLine = () => picked() ?? props.line;
  createEffect(
    on(
      () => props.line,
      () => {
        setPicked(undefined);
      },
      { defer: true },
    ),
  );
  let scroller: HTMLDivElement | undefined;
  let source: HTMLPreElement | undefined;
  let request = 0;

  const load = (path: string, keepShowing: boolean) => {
    const id = ++request;
    if (!keepShowing) setView({ kind: "loading", path });
    props.api.readFile(props.serverId, path).then(
      (content) => {
        if (id === request) setView({ kind: "ready", path, content });
      },
      (error: unknown) => {
        if (id === request) setView({ kind: "failed", path, failure: explainFailure(error) });
      },
    );
  };

  // A memo, so the same path given again (the panel re-sends it to re-scroll) does not reload.
  const path = createMemo(() => props.path);
  createEffect(
    on([() => props.serverId, path], ([, path]) => {
      setShowAll(false);
      setShowChanges(false);
      setPicked(undefined);
      if (path === undefined || path === "") {
        request++;
        setView({ kind: "idle" });
      } else {
        load(path, false);
      }
    }),
  );

  createEffect(
    on(
      () => props.refreshToken,
      () => {
        const current = view();
        if (current.kind !== "idle") load(current.path, current.kind === "ready");
      },
      { defer: true },
    ),
  );

  const content = () => {
    const current = view();
    return current.kind === "ready" ? current.content : undefined;
  };
  const failed = () => {
    const current = view();
    return current.kind === "failed" ? current : undefined;
  };
  const isText = () => content()?.type !== "binary";
  const lines = createMemo(() => {
    const file = content();
    return file && file.type !== "binary" ? splitLines(file.content) : [];
  });
  const slice = createMemo(() =>
    showAll()
      ? viewSlice(lines(), Infinity, Infinity)
      : // A hit beyond the usual cut still gets shown, with some lines after it.
        viewSlice(lines(), Math.max(MAX_LINES, (wantedLine() ?? 0) + 200), MAX_CHARS),
  );
  const html = createMemo(() => {
    const current = view();
    return current.kind === "ready" ? highlight(slice().text, languageOfPath(current.path)) : "";
  });
  const gutter = createMemo(() => {
    const numbers: string[] = [];
    for (let n = 1; n <= slice().lines; n++) numbers.push(String(n));
    return numbers.join("\n");
  });
  const markedLine = () => {
    const at = wantedLine();
    return at !== undefined && at >= 1 && at <= slice().lines ? at : undefined;
  };
  const diff = () => content()?.diff ?? "";

  // Scroll the asked-for line to a third of the way down once its text is on screen.
  createEffect(() => {
    const line = markedLine();
    if (line === undefined || !isText() || showChanges()) return;
    html();
    queueMicrotask(() => {
      if (!scroller || !source) return;
      const measured = source.getBoundingClientRect().height / Math.max(1, slice().lines);
      const lineHeight = measured > 0 ? measured : LINE_HEIGHT;
      const top = source.offsetTop + (line - 1) * lineHeight;
      scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
    });
  });

  return (
    <section
      class="files-viewer"
      aria-label={props.path ? `File ${props.path}` : "File viewer"}
    >
      <Show when={view().kind === "idle"}>
        <EmptyState
          title="No file open"
          hint="Pick a file in the tree, or search by text, file name or symbol."
        />
      </Show>
      <Show when={view().kind === "loading"}>
        <p class="files-note files-viewer-status" role="status">
          Loading {props.path}…
        </p>
      </Show>
      <Show when={failed()}>
        {(failed) => (
          <p class="files-error files-viewer-status" role="alert">
            Could not open {failed().path}. {failed().failure.reason} {failed().failure.hint}{" "}
            <button
              type="button"
              class="btn btn-small"
              onClick={() => {
                load(failed().path, false);
              }}
            >
              Retry
            </button>
          </p>
        )}
      </Show>
      <Show when={content()}>
        {(file) => (
          <>
            <header class="files-viewer-head">
              <h2 class="files-viewer-path">{props.path}</h2>
              <Show when={isText()}>
                <span class="files-viewer-meta">
                  {lines().length === 1 ? "1 line" : `${String(lines().length)} lines`}
                </span>
              </Show>
              <Show when={markedLine()}>
                {(line) => <span class="files-viewer-meta">Line {line()}</span>}
              </Show>
              <Show when={diff() !== ""}>
                <button
                  type="button"
                  class="btn btn-small files-viewer-changes"
                  aria-pressed={showChanges()}
                  onClick={() => setShowChanges((on) => !on)}
                >
                  Changes
                </button>
              </Show>
            </header>
            <div
              class="files-viewer-body"
              ref={(element) => {
                scroller = element;
              }}
              role="region"
              // Not "Changes to …": that names the diff view's own section inside.
              aria-label={
                showChanges() ? `Uncommitted changes to ${props.path ?? ""}` : `Contents of ${props.path ?? ""}`
              }
              // Focusable so the keyboard can scroll it.
              tabindex="0"
            >
              <Show
                when={!showChanges()}
                // The header already names the file.
                fallback={
                  <DiffView
                    patch={diff()}
                    file={props.path}
                    header={false}
                    onOpen={(_path, at) => {
                      if (at === undefined) return;
                      setPicked(at);
                      setShowChanges(false);
                    }}
                  />
                }
              >
                <Show when={isText()} fallback={<BinaryView content={file()} path={props.path ?? ""} />}>
                  <div class="files-code">
                    <pre class="files-gutter" aria-hidden="true">
                      {gutter()}
                    </pre>
                    <pre
                      class="files-source"
                      ref={(element) => {
                        source = element;
                      }}
                    >
                      <code class="hljs" innerHTML={html()} />
                    </pre>
                    <Show when={markedLine()}>
                      {(line) => (
                        <div
                          class="files-line-mark"
                          data-line={line()}
                          aria-hidden="true"
                          style={{ "--files-mark-index": String(line() - 1) }}
                        />
                      )}
                    </Show>
                  </div>
                  <Show when={slice().truncated}>
                    <p class="files-note files-viewer-more">
                      Showing the first {slice().lines.toLocaleString("en-US")} of{" "}
                      {lines().length.toLocaleString("en-US")} lines.{" "}
                      <button type="button" class="btn btn-small" onClick={() => setShowAll(true)}>
                        Show all
                      </button>
                    </p>
                  </Show>
                </Show>
              </Show>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}

/** A base64 image shown as itself; any other binary described, since text would be noise. */
function BinaryView(props: { content: FileContent; path: string }) {
  const size = () => {
    const base64 = props.content.encoding === "base64";
    return formatBytes(base64 ? (props.content.content.length * 3) / 4 : props.content.content.length);
  };
  return (
    <Show
      when={imageDataUrl(props.content)}
      fallback={
        <p class="files-note files-viewer-status">
          {props.path} is a binary file
          {props.content.mimeType ? ` (${props.content.mimeType})` : ""} of about {size()}; it is
          not shown as text.
        </p>
      }
    >
      {(url) => <img class="files-image" src={url()} alt={`Image ${props.path}`} />}
    </Show>
  );
}
