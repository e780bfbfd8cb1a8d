// The remote servers the user saved: each one's name, address, status and what to know (a
// password sent in clear, one kept for this session only), with Edit (address, name, user,
// password; an empty password keeps the one kept) and Remove, after a confirm: its saved entry,
// its keychain password and the app's connection to it all go.
import { createResource, createSignal, createUniqueId, For, Show } from "solid-js";
import type { SavedServer, ServerEdit, ServerInfo } from "../../ipc";
import { clearTextWarning, serverUrlProblem, statusText } from "./servers";
import "./servers.css";

export interface SavedServersProps {
  savedServers: () => Promise<SavedServer[]>;
  editSavedServer: (id: string, edit: ServerEdit) => Promise<ServerInfo>;
  removeSavedServer: (id: string) => Promise<void>;
  /** The servers the app is connected to, for each saved one's status. */
  connected: readonly ServerInfo[];
  /** Changes when the list must be read again (a connect saved a server). */
  reload: unknown;
  onEdited: (server: ServerInfo) => void;
  onRemoved: (serverId: string) => void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default function SavedServers(props: SavedServersProps) {
  const [saved, { refetch }] = createResource(
    () => ({ reload: props.reload }),
    () => props.savedServers(),
  );
  const [editing, setEditing] = createSignal<string>();
  const [confirming, setConfirming] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const statusOf = (server: SavedServer) => {
    const info = props.connected.find((s) => s.id === server.server_id);
    return info ? statusText(info.status) : "Not connected";
  };
  const remove = async (server: SavedServer) => {
    setProblem(undefined);
    try {
      await props.removeSavedServer(server.id);
      setConfirming(undefined);
      props.onRemoved(server.server_id);
      void refetch();
    } catch (error) {
      setProblem(message(error));
    }
  };

  return (
    <Show when={(saved() ?? []).length > 0}>
      <h3>Saved servers</h3>
      <ul class="servers-saved" aria-label="Saved servers">
        <For each={saved()}>
          {(server) => (
            <li aria-label={server.name}>
              <span class="servers-option-name">{server.name}</span>
              <span class="servers-option-detail">
                {server.url} · {statusOf(server)}
              </span>
              <Show when={server.clear_text_warning}>
                {(warning) => <p class="servers-warning">{warning()}</p>}
              </Show>
              <Show when={server.password_note}>
                {(note) => <p class="servers-warning">{note()}</p>}
              </Show>
              <Show
                when={editing() === server.id}
                fallback={
                  <Show
                    when={confirming() === server.id}
                    fallback={
                      <div class="servers-actions">
                        <button class="btn" type="button" onClick={() => setEditing(server.id)}>
                          Edit
                        </button>
                        <button class="btn" type="button" onClick={() => setConfirming(server.id)}>
                          Remove…
                        </button>
                      </div>
                    }
                  >
                    <div class="servers-actions" role="group" aria-label={`Remove ${server.name}`}>
                      <span>Remove {server.name} and its saved password?</span>
                      <button type="button" class="btn btn-primary" onClick={() => void remove(server)}>
                        Remove
                      </button>
                      <button class="btn" type="button" onClick={() => { setConfirming(undefined); }}>
                        Keep
                      </button>
                    </div>
                  </Show>
                }
              >
                <EditServerForm
                  server={server}
                  editSavedServer={props.editSavedServer}
                  onSaved={(info) => {
                    setEditing(undefined);
                    props.onEdited(info);
                    void refetch();
                  }}
                  onCancel={() => { setEditing(undefined); }}
                />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={problem()}>
        {(text) => (
          <p class="servers-outcome-bad" role="alert">
            {text()}
          </p>
        )}
      </Show>
    </Show>
  );
}

interface EditServerFormProps {
  server: SavedServer;
  editSavedServer: (id: string, edit: ServerEdit) => Promise<ServerInfo>;
  onSaved: (server: ServerInfo) => void;
  onCancel: () => void;
}

/** Address, name, user and password of one saved server; Save connects it again. */
function EditServerForm(props: EditServerFormProps) {
  const id = createUniqueId();
  // The form starts from the server as saved; it is made anew each time Edit is pressed.
  const start = props.server;
  const [url, setUrl] = createSignal(start.url);
  const [name, setName] = createSignal(start.name);
  const [username, setUsername] = createSignal(start.username ?? "");
  const [password, setPassword] = createSignal("");
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();
  const urlProblem = () => serverUrlProblem(url());
  const save = async () => {
    if (saving() || urlProblem() !== undefined) return;
    setSaving(true);
    setFailure(undefined);
    try {
      const info = await props.editSavedServer(props.server.id, {
        url: url().trim(),
        name: name().trim(),
        username: username().trim() || null,
        // Empty: keep the password kept for it.
        password: password() === "" ? null : password(),
      });
      props.onSaved(info);
    } catch (error) {
      setFailure(message(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      class="servers-add"
      aria-label={`Edit ${props.server.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label for={`${id}-url`}>Address</label>
      <input
        class="field"
        id={`${id}-url`}
        type="text"
        spellcheck={false}
        value={url()}
        aria-invalid={urlProblem() !== undefined}
        onInput={(event) => setUrl(event.currentTarget.value)}
      />
      <Show when={urlProblem() ?? clearTextWarning(url())}>
        {(text) => <p class="servers-warning">{text()}</p>}
      </Show>
      <label for={`${id}-name`}>Name</label>
      <input
        class="field"
        id={`${id}-name`}
        type="text"
        value={name()}
        onInput={(event) => setName(event.currentTarget.value)}
      />
      <label for={`${id}-user`}>User name</label>
      <input
        class="field"
        id={`${id}-user`}
        type="text"
        spellcheck={false}
        placeholder="opencode"
        value={username()}
        onInput={(event) => setUsername(event.currentTarget.value)}
      />
      <label for={`${id}-password`}>Password</label>
      <input
        class="field"
        id={`${id}-password`}
        type="password"
        autocomplete="new-password"
        placeholder="Unchanged"
        value={password()}
        onInput={(event) => setPassword(event.currentTarget.value)}
      />
      <div class="servers-actions">
        <button type="submit" class="btn btn-primary" disabled={saving()}>
          {saving() ? "Saving…" : "Save"}
        </button>
        <button class="btn" type="button" onClick={() => { props.onCancel(); }}>
          Cancel
        </button>
      </div>
      <Show when={failure()}>
        {(text) => (
          <p class="servers-outcome-bad" role="alert">
            {text()}
          </p>
        )}
      </Show>
    </form>
  );
}
