// The Terminals place: the terminal OpenCodes (TUIs) running on this machine, each driven from its
// own card, and a way to start one attached to the app's server. The list is looked at when the
// place opens and on "Look again" (a TUI comes and goes without telling anyone); cards are kept
// by TUI id, so what was typed in one survives looking again. Everything from the backend comes
// in through props, so tests pass fakes.
import { createMemo, createSignal, createUniqueId, For, onCleanup, onMount, Show } from "solid-js";
import type { TerminalAction, TerminalCommand, TerminalView } from "../../ipc";
import TerminalCard from "./TerminalCard";
import "./terminals.css";

export interface TerminalsViewProps {
  listTerminals: () => Promise<TerminalView[]>;
  terminalCommands: (terminalId: string) => Promise<TerminalCommand[]>;
  driveTerminal: (terminalId: string, action: TerminalAction) => Promise<void>;
  setTerminalPassword: (terminalId: string, password: string) => Promise<TerminalView>;
  openInTerminal: (
    serverId: string,
    directory: string | null,
    sessionId: string | null,
  ) => Promise<string>;
  /** The open project's server: a new terminal OpenCode is attached to it. */
  serverId: string | undefined;
  directory: string | null;
}

/** A terminal just started takes a moment before its OpenCode shows up in the process list. */
const LOOK_AFTER_OPEN_MS = 2000;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** "/usr/bin/kitty" → "kitty". */
const programName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export default function TerminalsView(props: TerminalsViewProps) {
  const headingId = createUniqueId();
  /** The last list seen; kept through a failed look, so the cards (and their text) stay. */
  const [views, setViews] = createSignal<TerminalView[]>();
  const [looking, setLooking] = createSignal(false);
  const [lookError, setLookError] = createSignal<string>();
  const [opening, setOpening] = createSignal(false);
  const [opened, setOpened] = createSignal<string>();
  const [openError, setOpenError] = createSignal<string>();
  let lookTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    clearTimeout(lookTimer);
  });

  let looks = 0;
  const look = async () => {
    // Only the newest look's answer counts: an older one may finish last.
    looks += 1;
    const mine = looks;
    setLooking(true);
    try {
      const listed = await props.listTerminals();
      if (mine !== looks) return;
      setViews(listed);
      setLookError(undefined);
    } catch (e) {
      if (mine === looks) setLookError(messageOf(e));
    } finally {
      if (mine === looks) setLooking(false);
    }
  };
  onMount(() => void look());

  const ids = createMemo(() => (views() ?? []).map((view) => view.id), [], {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  });
  const byId = (id: string) => views()?.find((view) => view.id === id);

  const replace = (next: TerminalView) => {
    setViews((list) => list?.map((view) => (view.id === next.id ? next : view)));
  };

  const open = async () => {
    const serverId = props.serverId;
    if (serverId === undefined || opening()) return;
    setOpening(true);
    setOpened(undefined);
    setOpenError(undefined);
    try {
      const emulator = await props.openInTerminal(serverId, props.directory, null);
      setOpened(`Started OpenCode in ${programName(emulator)}; it is listed here once it is up.`);
      clearTimeout(lookTimer);
      lookTimer = setTimeout(() => void look(), LOOK_AFTER_OPEN_MS);
    } catch (e) {
      setOpenError(messageOf(e));
    } finally {
      setOpening(false);
    }
  };

  return (
    <section class="terminals-view" aria-labelledby={headingId}>
      <h2 id={headingId}>Terminals</h2>
      <p class="terminals-hint">
        OpenCode running in a terminal, on this machine. Send it text, open its dialogs, run its
        commands.
      </p>
      <div class="terminal-actions">
        <button class="btn" type="button" aria-busy={looking()} onClick={() => void look()}>
          Look again
        </button>
        <button
          class="btn"
          type="button"
          disabled={props.serverId === undefined || opening()}
          aria-busy={opening()}
          title={props.serverId === undefined ? "Open a project first." : undefined}
          onClick={() => void open()}
        >
          Open OpenCode in a terminal
        </button>
      </div>
      <Show when={openError()}>
        {(message) => (
          <p class="terminal-problem" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <p class="terminal-done" aria-live="polite">
        {opened() ?? ""}
      </p>

      <Show when={lookError()}>
        {(message) => (
          <p class="terminal-problem" role="alert">
            Could not look for terminal OpenCodes: {message()}
          </p>
        )}
      </Show>
      <Show when={looking() && views() === undefined}>
        <p class="terminals-hint" aria-live="polite">
          Looking for terminal OpenCodes…
        </p>
      </Show>
      <Show when={views()?.length === 0}>
        <div class="terminals-empty">
          <p>No terminal OpenCode is running.</p>
          <p class="terminals-hint">
            Start one in a project folder with <code>opencode --port 4096</code> (the port lets the
            app reach it), then Look again; or use Open OpenCode in a terminal.
          </p>
        </div>
      </Show>
      <Show when={ids().length > 0}>
        <ul class="terminals-list" aria-label="Terminal OpenCodes">
          <For each={ids()}>
            {(id) => (
              <Show when={byId(id)}>
                {(view) => (
                  <li>
                    <TerminalCard
                      view={view()}
                      terminalCommands={props.terminalCommands}
                      driveTerminal={props.driveTerminal}
                      setTerminalPassword={props.setTerminalPassword}
                      onChanged={replace}
                    />
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
