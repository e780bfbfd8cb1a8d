// The project's files as a tree: folders load when opened, git marks beside changed files, a dot
// on folders holding changes. Keyboard focus stays on the tree and moves a highlighted row
// (aria-activedescendant), so only the rows in view need to exist: a folder of thousands of
// entries draws a window's worth of fixed-height rows.
import {
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  Index,
  on,
  onCleanup,
  Show,
} from "solid-js";
import type { Backend, FileNode } from "../../ipc";
import {
  ancestorPaths,
  explainFailure,
  indexStatus,
  normalizePath,
  sortNodes,
  type Failure,
  type StatusIndex,
} from "../../lib/files";
import { scrollToRow, treeKeyAction, visibleRows, windowRange } from "./treeModel";
import "./files.css";

/** Height of one row in pixels; `.files-tree-row` in files.css uses the same value. */
export const ROW_HEIGHT = 24;
/** The viewport assumed until it can be measured (and in tests, where nothing has a size). */
const FALLBACK_VIEWPORT = 40 * ROW_HEIGHT;

export type FileTreeApi = Pick<Backend, "listFiles" | "fileStatus">;

export interface FileTreeProps {
  api: FileTreeApi;
  serverId: string;
  /** The file (or folder) to mark as current; its folders open when it changes. */
  selectedPath?: string;
  /** A file was picked (click, Enter). */
  onOpen: (path: string) => void;
  /** Any new value reloads the open folders and the git marks (e.g. after the agent edits). */
  refreshToken?: unknown;
}

const EMPTY_STATUS: StatusIndex = { files: new Map(), dirs: new Set() };

export default function FileTree(props: FileTreeProps) {
  const treeId = createUniqueId();
  const [children, setChildren] = createSignal<Record<string, FileNode[]>>({});
  const [expanded, setExpanded] = createSignal<ReadonlySet<string>>(new Set());
  const [loading, setLoading] = createSignal<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = createSignal<{ dir: string } & Failure>();
  const [status, setStatus] = createSignal<StatusIndex>(EMPTY_STATUS);
  const [activePath, setActivePath] = createSignal<string>();
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewport, setViewport] = createSignal(FALLBACK_VIEWPORT);
  let scroller: HTMLDivElement | undefined;
  let resizeObserver: ResizeObserver | undefined;

  // Answers for another server (or older than a newer request for the same folder) are dropped.
  let generation = 0;
  let requestCount = 0;
  const latestRequest = new Map<string, number>();
  const inFlight = new Map<string, Promise<boolean>>();

  const withItem = (set: ReadonlySet<string>, item: string, present: boolean) => {
    if (set.has(item) === present) return set;
    const next = new Set(set);
    if (present) next.add(item);
    else next.delete(item);
    return next;
  };

  /** Loads one folder's entries; resolves true when they arrived and are shown. */
  const load = (dir: string, force = false): Promise<boolean> => {
    const pending = inFlight.get(dir);
    if (pending && !force) return pending;
    const request = ++requestCount;
    const gen = generation;
    latestRequest.set(dir, request);
    setLoading((set) => withItem(set, dir, true));
    const current = () => gen === generation && latestRequest.get(dir) === request;
    const answer = props.api.listFiles(props.serverId, dir).then(
      (nodes) => {
        if (!current()) return false;
        const entries = sortNodes(nodes.map((node) => ({ ...node, path: normalizePath(node.path) })));
        setChildren((all) => ({ ...all, [dir]: entries }));
        if (failure()?.dir === dir) setFailure(undefined);
        return true;
      },
      (error: unknown) => {
        if (!current()) return false;
        setFailure({ dir, ...explainFailure(error) });
        // A folder that could not be read shows closed, so opening it again retries.
        if (dir !== "") setExpanded((set) => withItem(set, dir, false));
        return false;
      },
    );
    const settled = answer.finally(() => {
      if (inFlight.get(dir) === settled) inFlight.delete(dir);
      if (current()) setLoading((set) => withItem(set, dir, false));
    });
    inFlight.set(dir, settled);
    return settled;
  };

  const loadStatus = () => {
    const gen = generation;
    props.api.fileStatus(props.serverId).then(
      (changes) => {
        if (gen === generation) setStatus(indexStatus(changes));
      },
      () => {
        // Marks are a decoration: a project outside git, or a failed call, just shows none.
        if (gen === generation) setStatus(EMPTY_STATUS);
      },
    );
  };

  const expand = async (path: string): Promise<boolean> => {
    setExpanded((set) => withItem(set, path, true));
    if (path in children()) return true;
    return load(path);
  };

  const collapse = (path: string) => {
    setExpanded((set) => withItem(set, path, false));
    // The highlighted row may have been inside: move it to the folder that hid it.
    const active = activePath();
    if (active?.startsWith(`${path}/`)) setActivePath(path);
  };

  // A new server or project: start over.
  createEffect(
    on(
      () => props.serverId,
      () => {
        generation++;
        latestRequest.clear();
        inFlight.clear();
        setChildren({});
        setExpanded(new Set<string>());
        setLoading(new Set<string>());
        setFailure(undefined);
        setStatus(EMPTY_STATUS);
        setActivePath(undefined);
        void load("");
        loadStatus();
      },
    ),
  );

  // Reload what is on screen; folders not open now are forgotten and load again when opened.
  createEffect(
    on(
      () => props.refreshToken,
      () => {
        const open = expanded();
        const loaded = Object.keys(children());
        setChildren((all) =>
          Object.fromEntries(Object.entries(all).filter(([dir]) => dir === "" || open.has(dir))),
        );
        for (const dir of loaded) if (dir === "" || open.has(dir)) void load(dir, true);
        loadStatus();
      },
      { defer: true },
    ),
  );

  const rows = createMemo(() => visibleRows(children(), expanded()));
  const indexByPath = createMemo(() => new Map(rows().map((row, i) => [row.node.path, i])));
  const activeIndex = () => {
    const path = activePath();
    return path === undefined ? -1 : (indexByPath().get(path) ?? -1);
  };
  const range = createMemo(() => windowRange(scrollTop(), viewport(), ROW_HEIGHT, rows().length));
  const shown = createMemo(() => rows().slice(range().start, range().end));
  const rowId = (index: number) => `${treeId}-row-${String(index)}`;

  const bringIntoView = (index: number) => {
    if (!scroller || index < 0) return;
    const next = scrollToRow(scroller.scrollTop, viewport(), ROW_HEIGHT, index);
    if (next !== scroller.scrollTop) {
      scroller.scrollTop = next;
      setScrollTop(next);
    }
  };

  const activate = (path: string) => {
    setActivePath(path);
    bringIntoView(indexByPath().get(path) ?? -1);
  };

  // The selected file came from elsewhere (search, the shell): open its folders and show it.
  createEffect(
    on(
      () => props.selectedPath,
      (selected) => {
        if (selected === undefined || selected === "") return;
        const path = normalizePath(selected);
        const gen = generation;
        void (async () => {
          for (const dir of ["", ...ancestorPaths(path)]) {
            const ready = dir === "" ? "" in children() || (await load("")) : await expand(dir);
            if (!ready || gen !== generation || props.selectedPath !== selected) return;
          }
          activate(path);
        })();
      },
    ),
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const action = treeKeyAction(rows(), activeIndex(), event.key);
    if (action.kind === "none") return;
    event.preventDefault();
    switch (action.kind) {
      case "focus": {
        const row = rows()[action.index];
        if (row) activate(row.node.path);
        break;
      }
      case "expand":
        setActivePath(action.path);
        void expand(action.path);
        break;
      case "collapse":
        collapse(action.path);
        break;
      case "open":
        props.onOpen(action.path);
        break;
    }
  };

  const onRowClick = (node: FileNode) => {
    setActivePath(node.path);
    if (node.type !== "directory") {
      props.onOpen(node.path);
    } else if (expanded().has(node.path)) {
      collapse(node.path);
    } else {
      void expand(node.path);
    }
  };

  const measure = () => {
    if (scroller) setViewport(scroller.clientHeight || FALLBACK_VIEWPORT);
  };
  const attach = (element: HTMLDivElement) => {
    scroller = element;
    resizeObserver?.disconnect();
    // Not in every engine this runs on (nor in jsdom): then the first measure stands.
    if (typeof ResizeObserver !== "undefined") {
      resizeObserver = new ResizeObserver(measure);
      resizeObserver.observe(element);
    }
    queueMicrotask(measure);
  };
  onCleanup(() => resizeObserver?.disconnect());

  const rootLoaded = () => "" in children();

  return (
    <div class="files-tree-pane">
      <Show when={!rootLoaded() && loading().has("")}>
        <p class="files-note" role="status">
          Loading files…
        </p>
      </Show>
      <Show when={failure()}>
        {(problem) => (
          <p class="files-error" role="alert">
            {problem().dir === ""
              ? "Could not list the project's files. "
              : `Could not open the folder ${problem().dir}. `}
            {problem().reason} {problem().hint}{" "}
            <button
              type="button"
              class="btn btn-small"
              onClick={() => {
                const dir = problem().dir;
                setFailure(undefined);
                if (dir === "") void load("", true);
                else void expand(dir);
              }}
            >
              Retry
            </button>
          </p>
        )}
      </Show>
      <Show when={rootLoaded() && rows().length === 0}>
        <p class="files-note">This project has no files yet.</p>
      </Show>
      <Show when={rows().length > 0}>
        <div
          ref={attach}
          class="files-tree"
          role="tree"
          aria-label="Project files"
          tabindex="0"
          aria-activedescendant={activeIndex() >= 0 ? rowId(activeIndex()) : undefined}
          onKeyDown={onKeyDown}
          onFocus={() => {
            // Give the keyboard a starting row: the current file, else the first entry.
            if (activeIndex() < 0) {
              const selected = props.selectedPath;
              const start = selected ? indexByPath().get(normalizePath(selected)) : undefined;
              const row = rows()[start ?? 0];
              if (row) activate(row.node.path);
            }
          }}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        >
          <div
            class="files-tree-canvas"
            role="presentation"
            style={{
              height: `${String(rows().length * ROW_HEIGHT)}px`,
              "padding-top": `${String(range().start * ROW_HEIGHT)}px`,
            }}
          >
            <Index each={shown()}>
              {(row, offset) => {
                const index = () => range().start + offset;
                const node = () => row().node;
                const isDir = () => node().type === "directory";
                const mark = () => (isDir() ? undefined : status().files.get(node().path));
                const changedInside = () => isDir() && status().dirs.has(node().path);
                return (
                  <div
                    id={rowId(index())}
                    role="treeitem"
                    class="files-tree-row"
                    classList={{
                      "files-active": index() === activeIndex(),
                      "files-current": node().path === props.selectedPath,
                      "files-ignored": node().ignored,
                    }}
                    aria-level={row().depth + 1}
                    aria-posinset={row().position}
                    aria-setsize={row().siblings}
                    aria-expanded={isDir() ? row().expanded : undefined}
                    aria-selected={node().path === props.selectedPath}
                    aria-busy={isDir() && loading().has(node().path) ? true : undefined}
                    title={node().path}
                    style={{ "padding-left": `${String(0.4 + row().depth * 0.9)}rem` }}
                    onClick={() => {
                      onRowClick(node());
                    }}
                  >
                    <span class="files-twisty" aria-hidden="true">
                      {isDir() ? (row().expanded ? "▾" : "▸") : ""}
                    </span>
                    <span class="files-name">{node().name}</span>
                    <Show when={isDir() && loading().has(node().path)}>
                      <span class="files-loading" aria-hidden="true">
                        …
                      </span>
                    </Show>
                    <Show when={mark()}>
                      {(m) => (
                        <>
                          <span class="files-mark" data-status={m().status} aria-hidden="true">
                            {m().letter}
                          </span>
                          <span class="visually-hidden">, {m().status}</span>
                        </>
                      )}
                    </Show>
                    <Show when={changedInside()}>
                      <span class="files-dot" aria-hidden="true" />
                      <span class="visually-hidden">, has changes</span>
                    </Show>
                  </div>
                );
              }}
            </Index>
          </div>
        </div>
      </Show>
    </div>
  );
}
