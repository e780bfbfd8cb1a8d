// One MCP server's card: its state as a badge (and the error of a failed one), whether it is
// saved, and what can be done: Disconnect, Connect (Retry for a failed one), Authenticate for one
// that needs a sign-in, with a field for a code when the sign-in page gives one to paste.
import { createSignal, createUniqueId, Show } from "solid-js";
import Feedback from "../../components/Feedback";
import type { McpAuthStarted, McpServerView } from "../../ipc/mcp";
import { describeStatus } from "./mcpForm";

export interface McpServerCardProps {
  server: McpServerView;
  setConnected: (connected: boolean) => Promise<void>;
  /** Opens the sign-in page; resolves once it is open (the list follows the result). */
  authenticate: () => Promise<void>;
  submitCode: (code: string) => Promise<void>;
  /** The sign-in page opened (or not) while the server has not connected yet. */
  signIn: McpAuthStarted | undefined;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function McpServerCard(props: McpServerCardProps) {
  const codeId = createUniqueId();
  const errorId = createUniqueId();
  const [working, setWorking] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [code, setCode] = createSignal("");
  const state = () => describeStatus(props.server.status);
  const status = () => props.server.status.status;

  const run = async (action: () => Promise<void>) => {
    if (working()) return;
    setWorking(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section class="terminal-card" aria-label={props.server.name}>
      <div class="terminal-head">
        <h3>{props.server.name}</h3>
        <span class={`terminal-state mcp-badge tone-${state().tone}`}>{state().badge}</span>
      </div>
      <Show when={state().detail}>{(detail) => <p class="terminal-problem">{detail()}</p>}</Show>
      <Show when={!props.server.saved}>
        <p class="terminal-hint">Not saved: this OpenCode server has it until it restarts.</p>
      </Show>
      <div class="terminal-actions">
        <Show when={status() === "connected"}>
          <button class="btn" type="button" disabled={working()} onClick={() => void run(() => props.setConnected(false))}>
            Disconnect
          </button>
        </Show>
        <Show when={status() === "disabled" || status() === "failed"}>
          <button class="btn" type="button" disabled={working()} onClick={() => void run(() => props.setConnected(true))}>
            {status() === "failed" ? "Retry" : "Connect"}
          </button>
        </Show>
        <Show when={status() === "needs_auth"}>
          <button
            type="button"
            class="btn btn-primary"
            disabled={working()}
            onClick={() => void run(props.authenticate)}
          >
            Authenticate
          </button>
        </Show>
      </div>
      <Show when={status() === "needs_auth" ? props.signIn : undefined}>
        {(signIn) => (
          <>
            <p class="terminal-hint" role="status">
              {signIn().open_failed === null
                ? "Finish signing in in your browser: this card turns Connected when it is done."
                : `The browser did not open (${signIn().open_failed ?? ""}): open this address to sign in.`}
            </p>
            <input
              class="field mcp-address"
              readOnly
              aria-label="Sign-in address"
              value={signIn().url}
              onFocus={(event) => {
                event.currentTarget.select();
              }}
            />
          </>
        )}
      </Show>
      <Show when={status() === "needs_auth" && props.signIn !== undefined}>
        <form
          class="terminal-actions"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await props.submitCode(code());
              setCode("");
            });
          }}
        >
          <label class="terminal-field" for={codeId}>
            <span class="terminal-hint">Or paste the code the page gave you</span>
            <input
              class="field"
              id={codeId}
              autocomplete="off"
              spellcheck={false}
              value={code()}
              aria-invalid={error() ? "true" : undefined}
              aria-describedby={error() ? errorId : undefined}
              onInput={(event) => setCode(event.currentTarget.value)}
            />
          </label>
          <button class="btn" type="submit" disabled={working()}>
            Send code
          </button>
        </form>
      </Show>
      <Feedback id={errorId} error={error()} />
    </section>
  );
}
