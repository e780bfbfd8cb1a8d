// The Providers dialog: the model providers the server's catalogue has, connected ones first (as
// Rust sorts them), found by a search, each signed in to with an API key from its own card. The
// server keeps the keys; this screen never holds one past the card's field. Cards are kept by
// provider id, so a reload after a change keeps what was typed in the others and each card's
// last message. Everything from the backend comes in through props, so tests pass fakes.
import { createMemo, createSignal, createUniqueId, For, onMount, Show } from "solid-js";
import Feedback from "../../components/Feedback";
import type { OAuthStarted, ProviderChange, ProviderChoice } from "../../ipc";
import ProviderCard from "./ProviderCard";
import "../terminals/terminals.css";
import "./providers.css";

export interface ProvidersViewProps {
  /** The server shown: its providers and keys. */
  serverId: string | undefined;
  listProviders: (serverId: string) => Promise<ProviderChoice[]>;
  setProviderKey: (serverId: string, providerId: string, key: string) => Promise<ProviderChange>;
  removeProviderKey: (serverId: string, providerId: string) => Promise<ProviderChange>;
  startProviderOauth: (
    serverId: string,
    providerId: string,
    method: number,
    inputs: Record<string, string>,
  ) => Promise<OAuthStarted>;
  finishProviderOauth: (
    serverId: string,
    providerId: string,
    method: number,
    code: string | null,
  ) => Promise<ProviderChange>;
  cancelProviderOauth: (serverId: string, providerId: string) => Promise<boolean>;
  /** A change is already in the model list: the composer's models are to be read again. */
  onApplied: () => void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function ProvidersView(props: ProvidersViewProps) {
  const headingId = createUniqueId();
  const [providers, setProviders] = createSignal<ProviderChoice[]>();
  const [loadError, setLoadError] = createSignal<string>();
  const [query, setQuery] = createSignal("");

  let loads = 0;
  const load = async () => {
    const serverId = props.serverId;
    if (serverId === undefined) return;
    // Only the newest answer counts: an older one may finish last.
    const mine = ++loads;
    try {
      const listed = await props.listProviders(serverId);
      if (mine !== loads) return;
      setProviders(listed);
      setLoadError(undefined);
    } catch (e) {
      if (mine === loads) setLoadError(messageOf(e));
    }
  };
  onMount(() => void load());

  const shown = createMemo(
    () => {
      const words = query().trim().toLowerCase();
      return (providers() ?? [])
        .filter((p) => !words || p.name.toLowerCase().includes(words) || p.id.includes(words))
        .map((p) => p.id);
    },
    [],
    { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) },
  );
  const byId = (id: string) => providers()?.find((p) => p.id === id);

  /** Runs a change for one provider; what it did is the card's to say. */
  const change = async (run: (serverId: string) => Promise<ProviderChange>) => {
    const serverId = props.serverId;
    if (serverId === undefined) throw new Error("No OpenCode server is connected yet.");
    const done = await run(serverId);
    if (done.applied) props.onApplied();
    await load();
    return done;
  };

  return (
    <section class="terminals-view providers-view" aria-labelledby={headingId}>
      <h2 id={headingId}>Providers</h2>
      <p class="terminals-hint">
        Sign in to a model provider with its API key or through its page in your browser: the
        OpenCode server keeps the credentials, and the provider's models join the model picker.
      </p>
      <input
        type="search"
        class="field providers-search"
        aria-label="Search providers"
        placeholder="Search providers"
        value={query()}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      <Feedback error={loadError()} />
      <Show
        when={providers()}
        fallback={
          <Show when={!loadError()}>
            <p class="terminals-hint">
              {props.serverId === undefined
                ? "No OpenCode server is connected yet."
                : "Loading providers…"}
            </p>
          </Show>
        }
      >
        <ul class="terminals-list providers-list" aria-label="Providers">
          <For each={shown()}>
            {(id) => (
              <Show when={byId(id)}>
                {(provider) => (
                  <li>
                    <ProviderCard
                      provider={provider()}
                      connect={(key) => change((server) => props.setProviderKey(server, id, key))}
                      disconnect={() => change((server) => props.removeProviderKey(server, id))}
                      startOauth={(method, inputs) => {
                        const serverId = props.serverId;
                        if (serverId === undefined) {
                          return Promise.reject(new Error("No OpenCode server is connected yet."));
                        }
                        return props.startProviderOauth(serverId, id, method, inputs);
                      }}
                      finishOauth={(method, code) =>
                        change((server) => props.finishProviderOauth(server, id, method, code))
                      }
                      cancelOauth={() =>
                        props.serverId === undefined
                          ? Promise.resolve(false)
                          : props.cancelProviderOauth(props.serverId, id)
                      }
                    />
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
        <Show when={shown().length === 0}>
          <p class="terminals-hint">No provider matches “{query().trim()}”.</p>
        </Show>
      </Show>
    </section>
  );
}
