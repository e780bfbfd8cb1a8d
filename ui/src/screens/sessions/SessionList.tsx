// The project's sessions: newest first, sub-agent sessions nested (collapsed) under their parent,
// a title search, a busy / needs-you badge, and per-session actions (rename in place, delete
// after a confirm, fork, copy the share link, summarize, open in a terminal).
//
// Keyboard: one row holds the Tab stop (roving focus); Up/Down/Home/End move, Right/Left open and
// close a parent (or step to its child / back to it), Enter opens, F2 renames, Delete asks to
// delete, Shift+F10 or the context-menu key opens the actions menu. Tab from a row reaches its
// actions button. Down from the search box enters the list.
//
// Speed: rows are keyed by session id, so a store change re-renders only the rows it touches,
// and only the first `pageSize` matching rows are in the DOM ("Show more" adds a page; moving
// past the last row with the keyboard does too).
//
// Failures never vanish: each is listed above the rows until dismissed.
//
// Past 500 lines, still one job (the list and what each row offers): the tree, the layout, the
// menu and the dialogs already live apart (sessionTree.ts, lib/listLayout.ts, components/Menu.tsx,
// ConfirmDialog.tsx).
import Plus from "lucide-solid/icons/plus";
import {
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Match,
  on,
  onCleanup,
  onMount,
  Show,
  Switch,
  untrack,
} from "solid-js";
import { createStore } from "solid-js/store";
import Menu, { type MenuCloseReason, type MenuItem } from "../../components/Menu";
import type { Session } from "../../ipc";
import { copyText } from "../../lib/clipboard";
import { relativeAge } from "../../lib/format";
import { folderName } from "../servers/RecentProjects";
import ConfirmDialog from "./ConfirmDialog";
import RenameField from "./RenameField";
import { ancestorsOf, buildTree, recency, titleOf, visibleRows, type SessionRow } from "./sessionTree";
import "./SessionList.css";

/** Rows put in the DOM at a time. */
export const PAGE_SIZE = 200;
/** How long "Link copied" stays up. */
const NOTICE_MS = 4000;
/** How often ages ("5 min ago") refresh when the caller does not pass `now`. */
const CLOCK_MS = 30_000;

export interface SessionListControls {
  focusSearch: () => void;
  /** Focuses the open session's row (or the first). */
  focusList: () => void;
}

export interface SessionListProps {
  /** Every session of the project, children (with parentID) included, in any order. */
  sessions: readonly Session[];
  /** The open session. */
  selected: string | undefined;
  isBusy: (id: string) => boolean;
  needsYou: (id: string) => boolean;
  /** Opens a session. A returned promise that rejects is shown as an error. */
  onSelect: (id: string) => Promise<unknown> | undefined;
  onNew: () => Promise<unknown> | undefined;
  /** Each action below is offered only when its callback is given. */
  onRename?: (id: string, title: string) => Promise<unknown>;
  onDelete?: (id: string) => Promise<unknown>;
  onFork?: (id: string) => Promise<unknown>;
  /** Shares the session; resolves to its public link (rejects if the server's sharing is off). */
  onShare?: (id: string) => Promise<string>;
  onSummarize?: (id: string) => Promise<unknown>;
  /** Shows the session in a terminal OpenCode (the caller asks which, and reports failures). */
  onOpenInTerminal?: (id: string) => void;
  /** The sessions are still loading (shown only while there are none yet). */
  loading?: boolean;
  /** Epoch ms to measure ages from; when absent the list keeps its own clock. */
  now?: number;
  /** Rows per page; tests use a small one. */
  pageSize?: number;
  /** Receives functions for keyboard shortcuts to move the focus here. */
  controls?: (controls: SessionListControls) => void;
}

type ActionKind = "fork" | "share" | "summarize";

interface ListError {
  key: number;
  text: string;
}

interface Notice {
  text: string;
  /** A link the user must copy by hand (copying failed). */
  url?: string;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function SessionList(props: SessionListProps) {
  const uid = createUniqueId();
  const pageSize = () => props.pageSize ?? PAGE_SIZE;
  const [query, setQuery] = createSignal("");
  const [expanded, setExpanded] = createSignal<ReadonlySet<string>>(new Set());
  const [limit, setLimit] = createSignal(untrack(pageSize));
  const [active, setActive] = createSignal<string>();
  const [editing, setEditing] = createSignal<string>();
  const [menuFor, setMenuFor] = createSignal<string>();
  const [deleting, setDeleting] = createSignal<{ id: string; title: string; at: number }>();
  const [running, setRunning] = createStore<Record<string, Partial<Record<ActionKind, boolean>>>>({});
  const [errors, setErrors] = createSignal<readonly ListError[]>([]);
  const [notice, setNotice] = createSignal<Notice>();
  const [creating, setCreating] = createSignal(false);
  const [clock, setClock] = createSignal(Date.now());
  const now = () => props.now ?? clock();

  const openButtons = new Map<string, HTMLButtonElement>();
  const actionButtons = new Map<string, HTMLButtonElement>();
  let search: HTMLInputElement | undefined;
  let errorKey = 0;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;

  const tree = createMemo(() => buildTree(props.sessions));
  // A row names its folder only when the list spans several (a project's worktrees or
  // subfolders); otherwise the header's project already says where every session is.
  const severalPlaces = createMemo(() => new Set(props.sessions.map((s) => s.directory)).size > 1);
  const rows = createMemo(() => visibleRows(tree(), expanded(), query()));
  const shownRows = createMemo(() => rows().slice(0, limit()));
  const rowIndex = createMemo(() => {
    const index = new Map<string, { row: SessionRow; at: number }>();
    shownRows().forEach((row, at) => index.set(row.id, { row, at }));
    return index;
  });
  // Keyed by id (strings compare by value), so <For> keeps each row's DOM across store updates.
  const shownIds = createMemo(() => shownRows().map((row) => row.id), [], {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  });
  const hiddenCount = () => rows().length - shownRows().length;

  /** The row that holds the Tab stop: the last one focused, else the open session, else the first. */
  const tabStop = createMemo(() => {
    const index = rowIndex();
    const last = active();
    if (last !== undefined && index.has(last)) return last;
    const open = props.selected;
    if (open !== undefined && index.has(open)) return open;
    return shownRows()[0]?.id;
  });

  const titleById = (id: string) => {
    const session = tree().byId.get(id);
    return session ? titleOf(session) : "this session";
  };
  const hasActions = () =>
    Boolean(
      props.onRename ??
        props.onDelete ??
        props.onFork ??
        props.onShare ??
        props.onSummarize ??
        props.onOpenInTerminal,
    );
  const isRunning = (id: string, kind: ActionKind) => running[id]?.[kind] === true;

  onMount(() => {
    if (props.now === undefined) {
      const timer = setInterval(() => setClock(Date.now()), CLOCK_MS);
      onCleanup(() => {
        clearInterval(timer);
      });
    }
    props.controls?.({
      focusSearch: () => search?.focus(),
      focusList: () => {
        const id = tabStop();
        if (id !== undefined) focusRow(id);
      },
    });
  });
  onCleanup(() => {
    clearTimeout(noticeTimer);
  });

  // Opening a sub-session from elsewhere (the quick switcher, a notification) unfolds its
  // parents so the list shows where it is.
  createEffect(
    on(
      () => props.selected,
      (id) => {
        if (id === undefined) return;
        const parents = ancestorsOf(untrack(tree), id);
        const open = untrack(expanded);
        if (parents.some((parent) => !open.has(parent))) {
          setExpanded(new Set([...open, ...parents]));
        }
        // Optional: jsdom (tests) has no scrollIntoView.
        const row: Partial<Pick<Element, "scrollIntoView">> | undefined = openButtons.get(id);
        row?.scrollIntoView?.({ block: "nearest" });
      },
    ),
  );

  const report = (text: string) => {
    errorKey += 1;
    const key = errorKey;
    setErrors((list) => [...list, { key, text }]);
  };
  const dismiss = (key: number) => {
    setErrors((list) => list.filter((error) => error.key !== key));
  };

  const showNotice = (next: Notice) => {
    clearTimeout(noticeTimer);
    setNotice(next);
    // A link to copy by hand stays until dismissed; a confirmation fades on its own.
    if (next.url === undefined) noticeTimer = setTimeout(() => { setNotice(undefined); }, NOTICE_MS);
  };

  const focusRow = (id: string) => {
    setActive(id);
    openButtons.get(id)?.focus();
  };

  const setFlag = (id: string, kind: ActionKind, on: boolean) => {
    setRunning(id, (flags) => ({ ...flags, [kind]: on }));
  };

  /** Runs a backend call for one session, marking it busy and reporting a failure. */
  const attempt = async <T,>(
    id: string,
    kind: ActionKind,
    failure: string,
    action: () => Promise<T> | undefined,
  ): Promise<T | undefined> => {
    setFlag(id, kind, true);
    try {
      return await action();
    } catch (e) {
      report(`${failure}: ${messageOf(e)}`);
      return undefined;
    } finally {
      setFlag(id, kind, false);
    }
  };

  const select = (id: string) => {
    setActive(id);
    const title = titleById(id);
    Promise.resolve(props.onSelect(id)).catch((e: unknown) => {
      report(`Could not open “${title}”: ${messageOf(e)}`);
    });
  };

  const newSession = async () => {
    setCreating(true);
    try {
      await props.onNew();
    } catch (e) {
      report(`Could not start a new session: ${messageOf(e)}`);
    } finally {
      setCreating(false);
    }
  };

  const toggle = (id: string) => {
    const next = new Set(expanded());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };

  const startRename = (id: string) => {
    if (!props.onRename) return;
    setMenuFor(undefined);
    setEditing(id);
  };
  const endRename = (id: string) => {
    setEditing(undefined);
    focusRow(id);
  };
  const rename = async (id: string, title: string) => {
    const onRename = props.onRename;
    if (!onRename) return;
    // RenameField shows a failure itself and keeps the box open; only success ends editing.
    await onRename(id, title);
    endRename(id);
  };

  const askDelete = (id: string) => {
    if (!props.onDelete) return;
    setMenuFor(undefined);
    setDeleting({ id, title: titleById(id), at: rowIndex().get(id)?.at ?? 0 });
  };
  const cancelDelete = () => {
    const target = deleting();
    setDeleting(undefined);
    if (target) focusRow(target.id);
  };
  const confirmDelete = async () => {
    const target = deleting();
    const onDelete = props.onDelete;
    if (!target || !onDelete) return;
    // ConfirmDialog shows a failure and stays open; on success the focus goes to the row that
    // took the deleted one's place.
    await onDelete(target.id);
    setDeleting(undefined);
    const list = shownRows();
    const next = list[Math.min(target.at, list.length - 1)];
    if (next) focusRow(next.id);
    else search?.focus();
  };

  const fork = (id: string) => {
    const onFork = props.onFork;
    if (!onFork) return;
    void attempt(id, "fork", `Could not fork “${titleById(id)}”`, () => onFork(id));
  };

  const share = async (id: string) => {
    const onShare = props.onShare;
    if (!onShare) return;
    const url = await attempt(id, "share", `Could not share “${titleById(id)}”`, () =>
      onShare(id),
    );
    if (url === undefined) return;
    if (await copyText(url)) showNotice({ text: "Link copied" });
    else showNotice({ text: "Copy this link:", url });
  };

  const summarize = (id: string) => {
    const onSummarize = props.onSummarize;
    if (!onSummarize) return;
    void attempt(id, "summarize", `Could not summarize “${titleById(id)}”`, () => onSummarize(id));
  };

  const menuItems = (id: string): MenuItem[] => {
    const items: MenuItem[] = [];
    if (props.onRename) items.push({ label: "Rename", hint: "F2", onSelect: () => { startRename(id); } });
    if (props.onFork) {
      items.push({
        get label() {
          return isRunning(id, "fork") ? "Forking…" : "Fork";
        },
        get disabled() {
          return isRunning(id, "fork");
        },
        onSelect: () => { fork(id); },
      });
    }
    if (props.onShare) {
      items.push({
        get label() {
          return isRunning(id, "share") ? "Sharing…" : "Copy share link";
        },
        get disabled() {
          return isRunning(id, "share");
        },
        onSelect: () => void share(id),
      });
    }
    if (props.onSummarize) {
      items.push({
        get label() {
          return isRunning(id, "summarize") ? "Summarizing…" : "Summarize";
        },
        get disabled() {
          return isRunning(id, "summarize");
        },
        onSelect: () => { summarize(id); },
      });
    }
    const onOpenInTerminal = props.onOpenInTerminal;
    if (onOpenInTerminal) {
      items.push({ label: "Open in terminal", onSelect: () => { onOpenInTerminal(id); } });
    }
    if (props.onDelete) {
      items.push({ label: "Delete…", hint: "Del", danger: true, onSelect: () => { askDelete(id); } });
    }
    return items;
  };

  const closeMenu = (id: string, reason: MenuCloseReason) => {
    setMenuFor(undefined);
    // After Escape or Tab the menu has given the focus back to the actions button.
    if (reason === "select") focusRow(id);
  };

  const onRowKey = (event: KeyboardEvent, id: string) => {
    const here = rowIndex().get(id);
    if (!here) return;
    const list = shownRows();
    const { row, at } = here;
    switch (event.key) {
      case "ArrowDown": {
        if (at + 1 >= list.length && hiddenCount() > 0) setLimit((n) => n + pageSize());
        const next = shownRows()[at + 1];
        if (next) focusRow(next.id);
        break;
      }
      case "ArrowUp": {
        const previous = list[at - 1];
        if (previous) focusRow(previous.id);
        else search?.focus();
        break;
      }
      case "Home": {
        const first = list[0];
        if (first) focusRow(first.id);
        break;
      }
      case "End": {
        const last = list[list.length - 1];
        if (last) focusRow(last.id);
        break;
      }
      case "ArrowRight":
        if (row.childCount === 0) return;
        if (!row.expanded) toggle(id);
        else {
          const child = list[at + 1];
          if (child) focusRow(child.id);
        }
        break;
      case "ArrowLeft": {
        if (row.expanded && !row.forcedOpen) {
          toggle(id);
          break;
        }
        const parent = tree().parentOf.get(id);
        if (parent === undefined || !rowIndex().has(parent)) return;
        focusRow(parent);
        break;
      }
      case "F2":
        if (!props.onRename) return;
        startRename(id);
        break;
      case "Delete":
        if (!props.onDelete) return;
        askDelete(id);
        break;
      case "Backspace":
        // The Mac keyboard's "delete" key is Backspace; Cmd+Backspace deletes in Finder.
        if (!event.metaKey || !props.onDelete) return;
        askDelete(id);
        break;
      case "ContextMenu":
        if (!hasActions()) return;
        setMenuFor(id);
        break;
      case "F10":
        if (!event.shiftKey || !hasActions()) return;
        setMenuFor(id);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown") {
      const first = tabStop();
      if (first === undefined) return;
      event.preventDefault();
      focusRow(first);
    } else if (event.key === "Enter" && !event.isComposing) {
      // Enter in the search opens the best (newest) match.
      const first = shownRows()[0];
      if (first) {
        event.preventDefault();
        select(first.id);
      }
    } else if (event.key === "Escape" && query() !== "") {
      event.preventDefault();
      setQuery("");
      setLimit(pageSize());
    }
  };

  const Row = (rowProps: { id: string }) => {
    const id = rowProps.id;
    const row = () => rowIndex().get(id)?.row;
    const session = () => tree().byId.get(id);
    const title = () => {
      const current = session();
      return current ? titleOf(current) : "";
    };
    const titleId = `${uid}-title-${id}`;
    const age = () => {
      const current = session();
      return current ? relativeAge(recency(current), now()) : "";
    };
    const place = () => {
      const directory = session()?.directory;
      return severalPlaces() && directory ? directory : undefined;
    };
    const depth = () => row()?.depth ?? 0;
    const childCount = () => row()?.childCount ?? 0;
    const isOpen = () => row()?.expanded === true;
    const current = () => props.selected === id;
    const needsYou = () => props.needsYou(id);
    const busy = () => props.isBusy(id);
    onCleanup(() => {
      openButtons.delete(id);
      actionButtons.delete(id);
    });
    return (
      <li
        class="sl-row"
        classList={{ "sl-row-current": current(), "sl-row-menu": menuFor() === id }}
        style={{ "--sl-depth": String(depth()) }}
        data-session-id={id}
      >
        <div class="sl-line">
          <Show
            when={childCount() > 0 && row()?.forcedOpen !== true}
            fallback={<span class="sl-toggle-space" aria-hidden="true" />}
          >
            <button
              type="button"
              class="sl-toggle"
              tabIndex={-1}
              aria-expanded={isOpen()}
              aria-label={`${isOpen() ? "Hide" : "Show"} ${childCount()} sub-session${childCount() === 1 ? "" : "s"}`}
              aria-describedby={titleId}
              onClick={() => { toggle(id); }}
            >
              <span class="sl-chevron" aria-hidden="true">
                {isOpen() ? "▾" : "▸"}
              </span>
              <span class="sl-count" aria-hidden="true">
                {childCount()}
              </span>
            </button>
          </Show>
          <Show
            when={editing() === id}
            fallback={
              <button
                ref={(element) => openButtons.set(id, element)}
                type="button"
                class="sl-open"
                tabIndex={tabStop() === id ? 0 : -1}
                aria-current={current() ? "true" : undefined}
                onClick={() => { select(id); }}
                onFocus={() => setActive(id)}
                onKeyDown={(event) => { onRowKey(event, id); }}
              >
                <span class="sl-title" id={titleId}>
                  {title()}
                </span>
                <span class="sl-meta">
                  <Show when={needsYou()}>
                    <span class="badge sl-badge sl-badge-needs">needs you</span>
                  </Show>
                  <Show when={!needsYou() && busy()}>
                    <span class="badge sl-badge sl-badge-busy">working</span>
                  </Show>
                  <Show when={isRunning(id, "summarize")}>
                    <span class="badge sl-badge sl-badge-busy">summarizing</span>
                  </Show>
                  <span class="sl-age">{age()}</span>
                  <Show when={place()}>
                    {(directory) => (
                      <span class="sl-place" title={directory()}>
                        {folderName(directory())}
                      </span>
                    )}
                  </Show>
                </span>
              </button>
            }
          >
            <RenameField
              initial={title()}
              onSave={(next) => rename(id, next)}
              onCancel={() => { endRename(id); }}
            />
          </Show>
          <Show when={hasActions() && editing() !== id}>
            <button
              ref={(element) => actionButtons.set(id, element)}
              type="button"
              class="sl-actions"
              tabIndex={tabStop() === id ? 0 : -1}
              aria-label="Session actions"
              aria-describedby={titleId}
              aria-haspopup="menu"
              aria-expanded={menuFor() === id}
              onClick={() => setMenuFor((open) => (open === id ? undefined : id))}
              onKeyDown={(event) => {
                if (event.key === "ArrowDown" && menuFor() !== id) {
                  event.preventDefault();
                  setMenuFor(id);
                }
              }}
            >
              <span aria-hidden="true">⋯</span>
            </button>
          </Show>
        </div>
        <Show when={menuFor() === id}>
          <Menu
            class="sl-menu"
            label={`Actions for “${title()}”`}
            items={menuItems(id)}
            opener={actionButtons.get(id)}
            onClose={(reason) => { closeMenu(id, reason); }}
          />
        </Show>
      </li>
    );
  };

  return (
    <nav class="sl" aria-label="Sessions">
      <div class="sl-head">
        <button
          type="button"
          class="btn btn-primary sl-new"
          disabled={creating()}
          aria-busy={creating()}
          onClick={() => void newSession()}
        >
          <Plus aria-hidden="true" />
          New session
        </button>
        <input
          ref={(element) => (search = element)}
          type="search"
          class="field sl-search"
          aria-label="Search sessions"
          placeholder="Search sessions"
          value={query()}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setLimit(pageSize());
          }}
          onKeyDown={onSearchKey}
        />
      </div>

      <Show when={errors().length > 0}>
        <ul class="sl-errors" aria-label="Problems">
          <For each={errors()}>
            {(error) => (
              <li class="sl-error" role="alert">
                <span>{error.text}</span>
                <button
                  type="button"
                  class="sl-dismiss"
                  aria-label="Dismiss"
                  onClick={() => { dismiss(error.key); }}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>

      {/* aria-live, not role=status: the window has one status (the connection). */}
      <div class="sl-notice" aria-live="polite">
        <Show when={notice()}>
          {(shown) => (
            <>
              <span>{shown().text}</span>
              <Show when={shown().url}>
                {(url) => (
                  <>
                    <input
                      class="field sl-notice-link"
                      type="text"
                      readOnly
                      aria-label="Share link"
                      value={url()}
                      onFocus={(event) => { event.currentTarget.select(); }}
                    />
                    <button
                      type="button"
                      class="sl-dismiss"
                      aria-label="Dismiss"
                      onClick={() => { setNotice(undefined); }}
                    >
                      ×
                    </button>
                  </>
                )}
              </Show>
            </>
          )}
        </Show>
      </div>

      <Switch>
        <Match when={props.sessions.length === 0 && props.loading}>
          <p class="sl-hint" aria-live="polite">
            Loading sessions…
          </p>
        </Match>
        <Match when={props.sessions.length === 0}>
          <p class="sl-hint">No sessions yet — press New session, or type a message in the box at the bottom.</p>
        </Match>
        <Match when={rows().length === 0}>
          <div class="sl-hint">
            <p>No session title matches “{query().trim()}”.</p>
            <button
              type="button"
              class="btn"
              onClick={() => {
                setQuery("");
                search?.focus();
              }}
            >
              Clear search
            </button>
          </div>
        </Match>
        <Match when={true}>
          <ul class="sl-rows" aria-label="Session list">
            <For each={shownIds()}>{(id) => <Row id={id} />}</For>
          </ul>
          <Show when={hiddenCount() > 0}>
            <button
              type="button"
              class="btn sl-show-more"
              onClick={() => setLimit((n) => n + pageSize())}
            >
              Show more ({hiddenCount()} more)
            </button>
          </Show>
        </Match>
      </Switch>
      <Show when={query().trim() !== ""}>
        <p class="visually-hidden" aria-live="polite">
          {rows().length === 1 ? "1 session matches" : `${rows().length} sessions match`}
        </p>
      </Show>

      <Show when={deleting()}>
        {(target) => (
          <ConfirmDialog
            heading="Delete session"
            message={`Delete “${target().title}”? This cannot be undone.`}
            confirmLabel="Delete"
            busyLabel="Deleting…"
            onConfirm={confirmDelete}
            onCancel={cancelDelete}
          />
        )}
      </Show>
    </nav>
  );
}
