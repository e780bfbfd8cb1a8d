// One provider's card in the Providers dialog: whether it is connected, its API key field (unless
// it signs in only through a browser), its browser sign-in methods, Connect or Disconnect, and
// what the last change did.
import { createSignal, createUniqueId, For, Show } from "solid-js";
import Feedback from "../../components/Feedback";
import type { OAuthStarted, ProviderChange, ProviderChoice } from "../../ipc";
import OAuthSignIn from "./OAuthSignIn";

export interface ProviderCardProps {
  provider: ProviderChoice;
  connect: (key: string) => Promise<ProviderChange>;
  disconnect: () => Promise<ProviderChange>;
  /** Browser sign-in; `method` is the method's index in `provider.methods`. */
  startOauth: (method: number, inputs: Record<string, string>) => Promise<OAuthStarted>;
  finishOauth: (method: number, code: string | null) => Promise<ProviderChange>;
  cancelOauth: () => Promise<boolean>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function ProviderCard(props: ProviderCardProps) {
  const fieldId = createUniqueId();
  const errorId = createUniqueId();
  const [key, setKey] = createSignal("");
  const [working, setWorking] = createSignal(false);
  /** What the card is doing while `working`, said under it. */
  const [doing, setDoing] = createSignal("");
  const [said, setSaid] = createSignal<string>();
  const [error, setError] = createSignal<string>();

  // Kept with their index: the server numbers methods by position among all of them.
  const oauth = () =>
    props.provider.methods
      .map((method, index) => ({ method, index }))
      .filter(({ method }) => method.type === "oauth");
  // No methods listed means a plain API key (what Rust's catalogue says for most providers).
  const takesKey = () =>
    props.provider.methods.length === 0 || props.provider.methods.some((m) => m.type !== "oauth");

  const run = async (action: () => Promise<ProviderChange>, clearKey: boolean, doing: string) => {
    if (working()) return;
    setWorking(true);
    setDoing(doing);
    setSaid(undefined);
    setError(undefined);
    try {
      const done = await action();
      setSaid(done.message);
      // The server has the key now; the field must not keep a copy. A refused one stays, to fix.
      if (clearKey) setKey("");
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section class="terminal-card" aria-label={props.provider.name}>
      <div class="terminal-head">
        <h3>{props.provider.name}</h3>
        <Show
          when={props.provider.connected}
          fallback={<span class="terminal-state">{props.provider.models} models</span>}
        >
          <span class="terminal-state tone-ok">Connected</span>
        </Show>
      </div>
      <Show when={!props.provider.connected}>
        <For each={oauth()}>
          {({ method, index }) => (
            <OAuthSignIn
              method={method}
              start={(inputs) => props.startOauth(index, inputs)}
              finish={(code) => props.finishOauth(index, code)}
              cancel={props.cancelOauth}
              onDone={(change) => {
                setError(undefined);
                setSaid(change.message);
              }}
            />
          )}
        </For>
      </Show>
      <Show when={props.provider.connected}>
        <div class="terminal-actions">
          <button
            class="btn"
            type="button"
            disabled={working()}
            aria-busy={working()}
            onClick={() => void run(props.disconnect, false, "Disconnecting…")}
          >
            Disconnect
          </button>
        </div>
      </Show>
      <Show when={!props.provider.connected && takesKey()}>
        <form
          class="terminal-actions"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => props.connect(key()), true, "Checking the key…");
          }}
        >
          <label class="terminal-field providers-key" for={fieldId}>
            <span class="terminal-hint">API key for {props.provider.name}</span>
            <input
              class="field"
              id={fieldId}
              type="password"
              autocomplete="off"
              spellcheck={false}
              value={key()}
              aria-invalid={error() ? "true" : undefined}
              aria-describedby={error() ? errorId : undefined}
              onInput={(event) => setKey(event.currentTarget.value)}
            />
          </label>
          <button class="btn" type="submit" disabled={working()} aria-busy={working()}>
            Connect
          </button>
        </form>
      </Show>
      <Feedback id={errorId} error={error()} working={working() ? doing() : undefined} done={said()} />
    </section>
  );
}
