// OpenCode servers announced on the local network (mDNS), shown only while the setting "Look for
// servers on the local network" is on (the backend answers null while it is off, and then sends
// nothing on the network). Looked for when the panel opens and every `every` ms while it stays
// open, one look at a time; Connect… hands the address to the Add form, which asks for the
// password and saves the server like any other.
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import type { AnnouncedServer } from "../../ipc";
import "./servers.css";

export interface AnnouncedServersProps {
  announcedServers: () => Promise<AnnouncedServer[] | null>;
  onConnect: (url: string) => void;
  /** Milliseconds between looks. */
  every?: number;
}

export const LOOK_EVERY_MS = 10_000;

export default function AnnouncedServers(props: AnnouncedServersProps) {
  /** undefined: first look under way; null: the setting is off. */
  const [found, setFound] = createSignal<AnnouncedServer[] | null>();
  const [failure, setFailure] = createSignal<string>();
  let looking = false;
  const look = async () => {
    if (looking) return;
    looking = true;
    try {
      setFound(await props.announcedServers());
      setFailure(undefined);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      looking = false;
    }
  };
  onMount(() => {
    void look();
    const timer = setInterval(() => void look(), props.every ?? LOOK_EVERY_MS);
    onCleanup(() => { clearInterval(timer); });
  });

  return (
    <Show when={found() !== null}>
      <h3>On the local network</h3>
      <Show when={failure()}>
        {(text) => (
          <p class="servers-outcome-bad" role="alert">
            {text()}
          </p>
        )}
      </Show>
      <Show
        when={(found() ?? []).length > 0}
        fallback={
          <p class="servers-hint">
            {found() === undefined ? "Looking…" : "No OpenCode server announces itself here."}
          </p>
        }
      >
        <ul class="servers-saved" aria-label="Servers on the local network">
          <For each={found()}>
            {(server) => (
              <li aria-label={server.name}>
                <span class="servers-option-name">{server.name}</span>
                <span class="servers-option-detail">{server.url}</span>
                <Show
                  when={!server.saved}
                  fallback={<span class="servers-option-detail">Saved</span>}
                >
                  <div class="servers-actions">
                    <button class="btn" type="button" onClick={() => { props.onConnect(server.url); }}>
                      Connect…
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  );
}
