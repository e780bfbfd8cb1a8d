// The local OpenCode servers the app found at start but did not use on its own (another user's,
// one whose user the system does not tell, an OpenCode 2), each with why. One that can be used
// has "Use this server", which asks first: prompts sent there, and what its agent runs, run as
// whoever runs it. Dismiss hides one for this window's life; one used is hidden too.
import { createSignal, For, Show } from "solid-js";
import type { ServerNotUsed } from "../../ipc";
import ConfirmDialog from "../sessions/ConfirmDialog";
import "./servers.css";

export interface NotUsedBannerProps {
  servers: ServerNotUsed[];
  /** Connects to the server at `url` and switches to it; rejects with why it could not. */
  onUse: (url: string) => Promise<unknown>;
}

export default function NotUsedBanner(props: NotUsedBannerProps) {
  const [hidden, setHidden] = createSignal<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = createSignal<ServerNotUsed>();
  const hide = (url: string) => setHidden((set) => new Set(set).add(url));
  const shown = () => props.servers.filter((s) => !hidden().has(s.url));

  return (
    <>
      <For each={shown()}>
        {(server) => (
          <div
            class="app-notice servers-not-used"
            role="status"
            aria-label={`OpenCode server not used: ${server.url}`}
          >
            {/* The reason of one that cannot be used is a whole sentence naming the address. */}
            <Show when={server.canUse} fallback={<span>{server.reason}</span>}>
              <span>
                An OpenCode server at <code>{server.url}</code> {server.reason}.
              </span>
            </Show>
            <span class="servers-not-used-actions">
              <Show when={server.canUse}>
                <button class="btn btn-small" type="button" onClick={() => setAsking(server)}>
                  Use this server
                </button>
              </Show>
              <button class="btn btn-small" type="button" onClick={() => hide(server.url)}>
                Dismiss
              </button>
            </span>
          </div>
        )}
      </For>
      <Show when={asking()}>
        {(server) => (
          <ConfirmDialog
            heading="Use a server that runs as another user?"
            message={`The server at ${server().url} ${server().reason}. Prompts you send there, and the commands and file edits of its agent, run as the user who runs it, not as you.`}
            confirmLabel="Use this server"
            busyLabel="Connecting…"
            onConfirm={async () => {
              await props.onUse(server().url);
              hide(server().url);
              setAsking(undefined);
            }}
            onCancel={() => {
              setAsking(undefined);
            }}
          />
        )}
      </Show>
    </>
  );
}
