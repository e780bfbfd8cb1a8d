// One terminal OpenCode in the Terminals place: what it is, and everything the app can do to it.
// A ready one gets a text box (send it, put it in its prompt, show it as a toast), its prompt
// cleared, its dialogs opened and its commands run; one whose server wants a password gets a
// password field; one that cannot be driven says why. A failure is shown in the card and the
// text typed is kept; a success clears the text it used.
import { createResource, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import type { TerminalAction, TerminalCommand, TerminalView, TuiDialog } from "../../ipc";
import "./terminals.css";

export interface TerminalCardProps {
  view: TerminalView;
  terminalCommands: (terminalId: string) => Promise<TerminalCommand[]>;
  driveTerminal: (terminalId: string, action: TerminalAction) => Promise<void>;
  setTerminalPassword: (terminalId: string, password: string) => Promise<TerminalView>;
  /** The TUI as it is after a password was accepted. */
  onChanged: (view: TerminalView) => void;
}

const TOAST_KINDS = ["info", "success", "warning", "error"] as const;
const DIALOGS: readonly { dialog: TuiDialog; label: string; done: string }[] = [
  { dialog: "sessions", label: "Open its sessions", done: "Opened its sessions." },
  { dialog: "models", label: "Open its models", done: "Opened its models." },
  { dialog: "themes", label: "Open its themes", done: "Opened its themes." },
  { dialog: "help", label: "Open its help", done: "Opened its help." },
];

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** A command's value in the Command list: its source and name, unique across both kinds. */
const commandKey = (command: TerminalCommand) => `${command.source}:${command.name}`;

function stateText(view: TerminalView): string {
  switch (view.state.kind) {
    case "ready":
      return `OpenCode ${view.state.version}`;
    case "needs_password":
      return "Needs a password";
    case "unreachable":
      return "Cannot be driven";
  }
}

export default function TerminalCard(props: TerminalCardProps) {
  const id = createUniqueId();
  const [text, setText] = createSignal("");
  const [toastKind, setToastKind] = createSignal<string>("info");
  const [chosen, setChosen] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [running, setRunning] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const ready = () => props.view.state.kind === "ready";
  const whyUnreachable = () =>
    props.view.state.kind === "unreachable" ? props.view.state.message : undefined;
  // Listed once the TUI is ready (it may become so after a password); failures show below.
  const [commands] = createResource(
    () => (ready() ? props.view.id : undefined),
    (terminalId) => props.terminalCommands(terminalId),
  );
  const commandList = () => (commands.state === "ready" ? commands() : []);

  /** Runs one action; on success says `outcome` and, when it used the text, clears it. */
  const act = async (action: TerminalAction, outcome: string, usesText = false) => {
    if (running()) return;
    setRunning(true);
    setError(undefined);
    setDone(undefined);
    try {
      await props.driveTerminal(props.view.id, action);
      if (usesText) setText("");
      setDone(outcome);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setRunning(false);
    }
  };

  const run = () => {
    const command = commandList().find((c) => commandKey(c) === chosen());
    if (!command) return;
    const action: TerminalAction =
      command.source === "server"
        ? { type: "run_server_command", name: command.name, arguments: "" }
        : { type: "run_command", name: command.name };
    void act(action, `Ran “${command.title}”.`);
  };

  const unlock = async () => {
    if (running()) return;
    setRunning(true);
    setError(undefined);
    try {
      const view = await props.setTerminalPassword(props.view.id, password());
      setPassword("");
      props.onChanged(view);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section class="terminal-card" aria-label={props.view.label}>
      <header class="terminal-head">
        <h3>{props.view.label}</h3>
        <span class="terminal-state" classList={{ "tone-ok": ready() }}>
          {stateText(props.view)}
        </span>
      </header>
      <Show when={props.view.directory}>
        {(directory) => <code class="terminal-directory">{directory()}</code>}
      </Show>
      <Switch>
        <Match when={props.view.state.kind === "ready"}>
          <div class="terminal-field">
            <label for={`${id}-text`}>Text for the terminal</label>
            <textarea
              class="field"
              id={`${id}-text`}
              rows={3}
              value={text()}
              onInput={(event) => setText(event.currentTarget.value)}
            />
          </div>
          <div class="terminal-actions">
            <button
              type="button"
              class="btn btn-primary"
              disabled={running()}
              onClick={() => void act({ type: "send_prompt", text: text() }, "Sent.", true)}
            >
              Send
            </button>
            <button
              class="btn"
              type="button"
              disabled={running()}
              onClick={() =>
                void act({ type: "append_prompt", text: text() }, "Put in its prompt.", true)
              }
            >
              Put in its prompt
            </button>
            <button
              class="btn"
              type="button"
              disabled={running()}
              onClick={() => void act({ type: "clear_prompt" }, "Cleared its prompt.")}
            >
              Clear its prompt
            </button>
          </div>
          <div class="terminal-actions">
            <label for={`${id}-toast`}>Toast kind</label>
            <select
              class="field"
              id={`${id}-toast`}
              value={toastKind()}
              onChange={(event) => setToastKind(event.currentTarget.value)}
            >
              <For each={TOAST_KINDS}>{(kind) => <option value={kind}>{kind}</option>}</For>
            </select>
            <button
              class="btn"
              type="button"
              disabled={running()}
              onClick={() =>
                void act(
                  { type: "show_toast", title: "OpenCode Desk", message: text(), variant: toastKind() },
                  "Shown as a toast.",
                  true,
                )
              }
            >
              Show as a toast
            </button>
          </div>
          <div class="terminal-actions">
            <For each={DIALOGS}>
              {(item) => (
                <button
                  class="btn"
                  type="button"
                  disabled={running()}
                  onClick={() => void act({ type: "open_dialog", dialog: item.dialog }, item.done)}
                >
                  {item.label}
                </button>
              )}
            </For>
          </div>
          <div class="terminal-actions">
            <label for={`${id}-command`}>Command</label>
            <select
              class="field"
              id={`${id}-command`}
              value={chosen()}
              aria-busy={commands.loading}
              onChange={(event) => setChosen(event.currentTarget.value)}
            >
              <option value="">{commands.loading ? "Loading commands…" : "Choose a command"}</option>
              <For each={commandList()}>
                {(command) => (
                  <option value={commandKey(command)} title={command.description ?? undefined}>
                    {command.title}
                  </option>
                )}
              </For>
            </select>
            <button class="btn" type="button" disabled={running() || chosen() === ""} onClick={run}>
              Run
            </button>
          </div>
          <Show when={commands.state === "errored"}>
            <p class="terminal-problem" role="alert">
              Could not list its commands: {messageOf(commands.error)}
            </p>
          </Show>
        </Match>
        <Match when={props.view.state.kind === "needs_password"}>
          <form
            class="terminal-actions"
            onSubmit={(event) => {
              event.preventDefault();
              void unlock();
            }}
          >
            <input
              class="field"
              type="password"
              aria-label={`Password for ${props.view.label}`}
              placeholder="Its server's password"
              value={password()}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
            <button type="submit" class="btn btn-primary" disabled={running()}>
              Unlock
            </button>
          </form>
        </Match>
        <Match when={whyUnreachable()}>
          {(message) => <p class="terminal-hint">{message()}</p>}
        </Match>
      </Switch>
      <Show when={error()}>
        {(message) => (
          <p class="terminal-problem" role="alert">
            {message()}
          </p>
        )}
      </Show>
      {/* aria-live, not role=status: the window has one status (the connection). */}
      <p class="terminal-done" aria-live="polite">
        {done() ?? ""}
      </p>
    </section>
  );
}
