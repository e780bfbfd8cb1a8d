// Adding a remote OpenCode server by address: check it first ("Test connection" shows its version
// or why not), then connect (which saves it, its password in the keychain). The backend's
// sentences (wrong password, no answer...) are shown as they come: they already say what to do.
// An http:// address to another computer is allowed, with a warning that the password travels in
// clear.
import { createSignal, createUniqueId, Show } from "solid-js";
import type { Health } from "../../ipc";
import { clearTextWarning, serverUrlProblem } from "./servers";
import "./servers.css";

/** What the form sends; the password is left out when empty (a server without one). */
export interface ServerCredentials {
  username: string;
  password?: string;
}

export interface AddServerFormProps {
  probeServer: (url: string, credentials: ServerCredentials) => Promise<Health>;
  /** Connects and switches the window to the server; rejects with the reason it could not. */
  connectServer: (url: string, credentials: ServerCredentials) => Promise<unknown>;
  /** After a successful connect (e.g. to close the form). */
  onConnected?: () => void;
  onCancel?: () => void;
  /** The address to start with (a server found on the local network). */
  initialUrl?: string;
}

export const DEFAULT_USERNAME = "opencode";

type Outcome = { ok: true; text: string } | { ok: false; text: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default function AddServerForm(props: AddServerFormProps) {
  const id = createUniqueId();
  // Read once: the panel makes the form anew for another server found.
  const [url, setUrl] = createSignal(props.initialUrl ?? "");
  const [username, setUsername] = createSignal(DEFAULT_USERNAME);
  const [password, setPassword] = createSignal("");
  /** Whether to show the address's problem: not before the user tried to use it. */
  const [checked, setChecked] = createSignal(false);
  const [working, setWorking] = createSignal<"testing" | "connecting">();
  const [outcome, setOutcome] = createSignal<Outcome>();

  const urlProblem = () => (checked() ? serverUrlProblem(url()) : undefined);
  const credentials = (): ServerCredentials => {
    const user = username().trim() || DEFAULT_USERNAME;
    return password() === "" ? { username: user } : { username: user, password: password() };
  };
  /** Any edit makes an earlier result stale. */
  const edited = (set: (value: string) => void) => (event: { currentTarget: HTMLInputElement }) => {
    set(event.currentTarget.value);
    setOutcome(undefined);
  };

  /** Runs `step` if the address is usable; focuses the address otherwise. */
  const attempt = async (kind: "testing" | "connecting", step: (url: string) => Promise<Outcome>) => {
    if (working()) return;
    setChecked(true);
    if (serverUrlProblem(url()) !== undefined) {
      document.getElementById(`${id}-url`)?.focus();
      return;
    }
    setWorking(kind);
    setOutcome(undefined);
    try {
      setOutcome(await step(url().trim()));
    } catch (error) {
      setOutcome({ ok: false, text: message(error) });
    } finally {
      setWorking(undefined);
    }
  };

  const test = () =>
    attempt("testing", async (address) => {
      const health = await props.probeServer(address, credentials());
      return health.healthy
        ? { ok: true, text: `Reachable: OpenCode ${health.version}.` }
        : { ok: false, text: `OpenCode ${health.version} answers but reports that it is not healthy.` };
    });

  const connect = () =>
    attempt("connecting", async (address) => {
      await props.connectServer(address, credentials());
      props.onConnected?.();
      return { ok: true, text: "Connected." };
    });

  return (
    <form
      class="servers-add"
      aria-label="Add a remote server"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void connect();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape" && props.onCancel) {
          event.preventDefault();
          props.onCancel();
        }
      }}
    >
      <label for={`${id}-url`}>Address</label>
      <input
        class="field"
        id={`${id}-url`}
        type="text"
        inputmode="url"
        autocomplete="url"
        spellcheck={false}
        placeholder="http://192.168.1.20:4096"
        value={url()}
        aria-invalid={urlProblem() !== undefined}
        aria-describedby={urlProblem() ? `${id}-url-problem` : undefined}
        onInput={edited(setUrl)}
      />
      <Show when={urlProblem()}>
        {(problem) => (
          <p id={`${id}-url-problem`} class="servers-field-problem">
            {problem()}
          </p>
        )}
      </Show>
      <Show when={clearTextWarning(url())}>
        {(warning) => <p class="servers-warning">{warning()}</p>}
      </Show>
      <label for={`${id}-user`}>User name</label>
      <input
        class="field"
        id={`${id}-user`}
        type="text"
        autocomplete="username"
        spellcheck={false}
        value={username()}
        onInput={edited(setUsername)}
      />
      <label for={`${id}-password`}>Password</label>
      <input
        class="field"
        id={`${id}-password`}
        type="password"
        autocomplete="current-password"
        value={password()}
        onInput={edited(setPassword)}
      />
      <div class="servers-actions">
        <button class="btn" type="button" disabled={working() !== undefined} onClick={() => void test()}>
          {working() === "testing" ? "Testing…" : "Test connection"}
        </button>
        <button type="submit" class="btn btn-primary" disabled={working() !== undefined}>
          {working() === "connecting" ? "Connecting…" : "Connect"}
        </button>
        <Show when={props.onCancel}>
          {(cancel) => (
            <button class="btn" type="button" onClick={() => { cancel()(); }}>
              Cancel
            </button>
          )}
        </Show>
      </div>
      <Show when={outcome()}>
        {(result) => (
          <p
            class={result().ok ? "servers-outcome-ok" : "servers-outcome-bad"}
            role={result().ok ? "status" : "alert"}
          >
            {result().text}
          </p>
        )}
      </Show>
    </form>
  );
}
