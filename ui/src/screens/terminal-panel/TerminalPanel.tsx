// The terminal panel (issue 19): tabs of terminals running on the current server's PTYs, in the
// project directory. "+" starts one (in the shell picked, when the server offers more than one);
// closing a tab ends its PTY; a line lists the server's PTYs no tab shows (left by a crash) with
// Show and Close all; each tab says when it is reconnecting, exited or closed. Mounted for the
// app's whole life and hidden when closed: screens (and their scrollback) live as long as their
// tabs, whichever server or panel state is shown. Height: dragged on the top edge, or ↑/↓ there.
import { createEffect, createSignal, createUniqueId, For, lazy, on, Show } from "solid-js";
import Plus from "lucide-solid/icons/plus";
import X from "lucide-solid/icons/x";
import ChevronDown from "lucide-solid/icons/chevron-down";
import EmptyState from "../../components/EmptyState";
import IconButton from "../../components/IconButton";
import * as realPty from "../../ipc/pty";
import { acceptableShells, acceptsInput, leftoverSentence, statusLine } from "./model";
import { createTerminalStore, type TerminalApi, type TerminalTab } from "./store";
import "./terminal-panel.css";

// xterm.js (about a third of the bundle) is fetched and run when the first terminal is drawn, not
// at every launch: the window's script runs sooner, and an app that never opens a terminal never
// holds it.
const TerminalView = lazy(() => import("./TerminalView"));

export interface TerminalPanelProps {
  /** The current server; its tabs are the ones shown. */
  serverId: string | null;
  open: boolean;
  onClose: () => void;
  /** Injected in tests; the real panel talks to Rust. */
  api?: TerminalApi;
}

const MIN_HEIGHT = 120;
const DEFAULT_HEIGHT = 280;
const KEY_STEP = 24;

export default function TerminalPanel(props: TerminalPanelProps) {
  const api = props.api ?? realPty;
  const terms = createTerminalStore(api);
  const base = createUniqueId();
  const tabId = (ptyId: string) => `${base}-tab-${ptyId}`;
  const panelId = (ptyId: string) => `${base}-panel-${ptyId}`;

  const current = () => props.serverId;
  const entry = () => {
    const id = current();
    return id === null ? undefined : terms.server(id);
  };
  const tabs = () => {
    const id = current();
    return id === null ? [] : terms.tabsOf(id);
  };
  const shown = (tab: TerminalTab) =>
    props.open && tab.serverId === current() && entry()?.active === tab.ptyId;
  const shells = () => acceptableShells(entry()?.shells ?? []);

  // Opening the panel (or switching servers while open) looks at the server's PTYs again.
  createEffect(
    on([() => props.open, current], ([open, id]) => {
      if (open && id !== null) void terms.open(id);
    }),
  );

  const newTerminal = async () => {
    const id = current();
    if (id !== null) await terms.create(id);
  };

  // Arrow keys move between tabs, as components/Tabs.tsx does.
  const moveTab = (event: KeyboardEvent) => {
    const id = current();
    const ids = tabs().map((tab) => tab.ptyId);
    if (id === null || ids.length === 0) return;
    const at = ids.indexOf(entry()?.active ?? "");
    const to =
      event.key === "ArrowRight" ? (at + 1) % ids.length
      : event.key === "ArrowLeft" ? (at - 1 + ids.length) % ids.length
      : event.key === "Home" ? 0
      : event.key === "End" ? ids.length - 1
      : -1;
    const next = ids[to];
    if (next === undefined) return;
    event.preventDefault();
    terms.choose(id, next);
    document.getElementById(tabId(next))?.focus();
  };

  const [height, setHeight] = createSignal(DEFAULT_HEIGHT);
  const clampHeight = (value: number) =>
    Math.round(Math.min(Math.max(value, MIN_HEIGHT), Math.max(MIN_HEIGHT, window.innerHeight * 0.8)));
  const startDrag = (event: PointerEvent) => {
    const handle = event.currentTarget as HTMLElement;
    const startY = event.clientY;
    const startHeight = height();
    handle.setPointerCapture(event.pointerId);
    const move = (moved: PointerEvent) => setHeight(clampHeight(startHeight + startY - moved.clientY));
    const stop = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", stop);
      handle.removeEventListener("pointercancel", stop);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", stop);
    handle.addEventListener("pointercancel", stop);
  };
  const resizeByKey = (event: KeyboardEvent) => {
    const step = event.key === "ArrowUp" ? KEY_STEP : event.key === "ArrowDown" ? -KEY_STEP : 0;
    if (step === 0) return;
    event.preventDefault();
    setHeight((h) => clampHeight(h + step));
  };

  return (
    <section
      class="terminal-panel"
      aria-label="Terminal"
      hidden={!props.open}
      style={{ height: `${height()}px` }}
    >
      <div
        class="terminal-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Terminal panel height"
        aria-valuenow={height()}
        aria-valuemin={MIN_HEIGHT}
        tabIndex={0}
        onPointerDown={startDrag}
        onKeyDown={resizeByKey}
      />
      <div class="terminal-bar">
        <div class="terminal-tabs" role="tablist" aria-label="Terminals" onKeyDown={moveTab}>
          <For each={tabs()}>
            {(tab) => (
              <div class="terminal-tab" classList={{ ended: !acceptsInput(tab.status) }}>
                <button
                  type="button"
                  role="tab"
                  id={tabId(tab.ptyId)}
                  aria-selected={entry()?.active === tab.ptyId}
                  aria-controls={panelId(tab.ptyId)}
                  tabIndex={entry()?.active === tab.ptyId ? 0 : -1}
                  title={tab.title}
                  onClick={() => { terms.choose(tab.serverId, tab.ptyId); }}
                >
                  {tab.title}
                </button>
                <button
                  type="button"
                  class="terminal-tab-close"
                  aria-label={`Close ${tab.title}`}
                  title="Close (ends the terminal)"
                  tabIndex={-1}
                  onClick={() => void terms.close(tab.serverId, tab.ptyId)}
                >
                  <X aria-hidden="true" />
                </button>
              </div>
            )}
          </For>
        </div>
        <IconButton
          label="New terminal"
          disabled={current() === null || entry()?.creating === true}
          onClick={() => void newTerminal()}
        >
          <Plus aria-hidden="true" />
        </IconButton>
        <Show when={shells().length > 0 && current()}>
          {(id) => (
            <select
              class="field terminal-shell"
              aria-label="Shell for new terminals"
              value={shells().find((s) => s.path === entry()?.chosenShell)?.path ?? ""}
              onChange={(event) => { terms.chooseShell(id(), event.currentTarget.value); }}
            >
              <option value="">Default shell</option>
              <For each={shells()}>{(shell) => <option value={shell.path}>{shell.name}</option>}</For>
            </select>
          )}
        </Show>
        <IconButton label="Hide terminal" class="terminal-hide" onClick={() => { props.onClose(); }}>
          <ChevronDown aria-hidden="true" />
        </IconButton>
      </div>
      <Show when={(entry()?.leftovers.length ?? 0) > 0 ? current() : null}>
        {(id) => (
          <div class="terminal-line" role="status">
            <span>{leftoverSentence(entry()?.leftovers.length ?? 0)}</span>
            <button type="button" class="btn btn-small" onClick={() => { terms.showLeftovers(id()); }}>
              Show
            </button>
            <button type="button" class="btn btn-small" onClick={() => void terms.closeLeftovers(id())}>
              Close all
            </button>
          </div>
        )}
      </Show>
      <Show when={current() !== null ? entry()?.error : undefined}>
        {(message) => (
          <div class="terminal-line terminal-error" role="alert">
            <span>{message()}</span>
            <button
              type="button"
              class="btn btn-small"
              onClick={() => {
                const id = current();
                if (id !== null) terms.dismissError(id);
              }}
            >
              Dismiss
            </button>
          </div>
        )}
      </Show>
      <div class="terminal-screens">
        <For each={terms.state.tabs}>
          {(tab) => (
            <div
              class="terminal-slot"
              role="tabpanel"
              id={panelId(tab.ptyId)}
              aria-labelledby={tabId(tab.ptyId)}
              hidden={!shown(tab)}
            >
              <Show when={statusLine(tab.status)}>
                {(line) => (
                  <div class="terminal-status" classList={{ warn: tab.status.kind === "reconnecting" }} role="status">
                    {line()}
                  </div>
                )}
              </Show>
              <TerminalView
                api={api}
                serverId={tab.serverId}
                ptyId={tab.ptyId}
                size={tab.size}
                visible={shown(tab)}
                input={acceptsInput(tab.status)}
                onEvent={(event) => { terms.event(tab.serverId, tab.ptyId, event); }}
                onTitle={(title) => { terms.retitle(tab.serverId, tab.ptyId, title); }}
                onSize={(size) => { terms.noteSize(size); }}
              />
            </div>
          )}
        </For>
        <Show
          when={
            props.open && tabs().length === 0 && (current() === null || (entry()?.looked && !entry()?.creating))
          }
        >
          <Show
            when={current() !== null}
            fallback={<EmptyState title="No server" hint="Terminals run on the OpenCode server: connect one first." />}
          >
            <EmptyState
              title="No terminal open"
              hint="A terminal starts in the project's folder, on the OpenCode server's machine."
              action={{ label: "New terminal", run: newTerminal }}
            />
          </Show>
        </Show>
      </div>
    </section>
  );
}
