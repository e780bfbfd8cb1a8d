// Servers and projects: the server in use (name, address, version, status, who runs it, which
// project), the other known servers to switch to, the saved remote servers (edit, remove), the
// ones announced on the local network when mDNS is on, a form to add a remote one, and the
// server's projects. Everything from the backend comes in through props, so tests pass fakes.
import { createResource, createSignal, Show } from "solid-js";
import type { AnnouncedServer, Health, Project, SavedServer, ServerEdit, ServerInfo } from "../../ipc";
import AddServerForm, { type ServerCredentials } from "./AddServerForm";
import AnnouncedServers from "./AnnouncedServers";
import SavedServers from "./SavedServers";
import Picker from "./Picker";
import ProjectPicker from "./ProjectPicker";
import { serverOrigin, statusText, statusTone } from "./servers";
import "./servers.css";

export interface ServerPanelProps {
  /** The server the window shows; undefined until one is known. */
  current: ServerInfo | undefined;
  listServers: () => Promise<ServerInfo[]>;
  onSelectServer: (server: ServerInfo) => void;
  probeServer: (url: string, credentials: ServerCredentials) => Promise<Health>;
  connectServer: (url: string, credentials: ServerCredentials) => Promise<unknown>;
  savedServers: () => Promise<SavedServer[]>;
  editSavedServer: (id: string, edit: ServerEdit) => Promise<ServerInfo>;
  removeSavedServer: (id: string) => Promise<void>;
  /** A saved server was edited (its new view) or removed (its id). */
  onServerEdited: (server: ServerInfo) => void;
  onServerRemoved: (serverId: string) => void;
  /** Servers announced over mDNS; null while that setting is off. */
  announcedServers: () => Promise<AnnouncedServer[] | null>;
  listProjects: (serverId: string) => Promise<Project[]>;
  pickFolder: () => Promise<string | null>;
  onOpenProject: (directory: string) => Promise<void>;
}

export default function ServerPanel(props: ServerPanelProps) {
  // Reloaded whenever the current server or its state changes (a connect adds one, a crash
  // changes another's status line).
  const [servers, { refetch }] = createResource(
    () => `${props.current?.id ?? ""}\n${props.current?.status.state ?? ""}`,
    () => props.listServers(),
  );
  /** The Add form's starting address while it is open; a new one makes a new form. */
  const [adding, setAdding] = createSignal<{ url: string }>();
  /** Bumped when the saved servers may have changed. */
  const [saves, setSaves] = createSignal(0);
  const others = () => (servers.state === "ready" ? servers() : []);
  let addButton: HTMLButtonElement | undefined;
  const closeForm = () => {
    setAdding(undefined);
    addButton?.focus();
  };

  return (
    <section class="servers-panel" aria-label="Servers and projects">
      <h2>Server</h2>
      <Show
        when={props.current}
        fallback={
          <p class="servers-hint">
            No OpenCode server is connected yet. The app starts one when a project opens; or add a
            remote server below.
          </p>
        }
      >
        {(server) => (
          <dl class="servers-current">
            <dt>Name</dt>
            <dd>{server().name}</dd>
            <dt>Address</dt>
            <dd>
              <code>{server().url}</code>
            </dd>
            <dt>Version</dt>
            <dd>{server().version ?? "Unknown"}</dd>
            <dt>Status</dt>
            <dd class={`servers-status tone-${statusTone(server().status)}`}>
              {statusText(server().status)}
            </dd>
            <dt>Runs</dt>
            <dd>{serverOrigin(server())}</dd>
            <dt>Project</dt>
            <dd>
              <Show when={server().directory} fallback="None">
                {(directory) => <code>{directory()}</code>}
              </Show>
            </dd>
          </dl>
        )}
      </Show>

      <Show when={others().length > 1}>
        <h3>Switch server</h3>
        <Picker
          label="Servers"
          items={others()}
          isCurrent={(server) => server.id === props.current?.id}
          onPick={(server) => {
            if (server.id !== props.current?.id) props.onSelectServer(server);
          }}
        >
          {(server) => (
            <span class="servers-option">
              <span class="servers-option-name">{server.name}</span>
              <span class="servers-option-detail">
                {server.url} · {statusText(server.status)}
              </span>
            </span>
          )}
        </Picker>
      </Show>
      <Show when={servers.state === "errored"}>
        <p class="servers-outcome-bad" role="alert">
          Could not list the servers.{" "}
          <button class="btn" type="button" onClick={() => void refetch()}>
            Retry
          </button>
        </p>
      </Show>

      <SavedServers
        savedServers={props.savedServers}
        editSavedServer={props.editSavedServer}
        removeSavedServer={props.removeSavedServer}
        connected={others()}
        reload={saves()}
        onEdited={(server) => {
          props.onServerEdited(server);
          void refetch();
        }}
        onRemoved={(serverId) => {
          props.onServerRemoved(serverId);
          void refetch();
        }}
      />
      <AnnouncedServers announcedServers={props.announcedServers} onConnect={(url) => setAdding({ url })} />

      <Show
        when={adding()}
        keyed
        fallback={
          <button
            ref={(element) => (addButton = element)}
            type="button"
            class="btn servers-add-toggle"
            onClick={() => setAdding({ url: "" })}
          >
            Add remote server…
          </button>
        }
      >
        {(start) => (
          <AddServerForm
            initialUrl={start.url}
            probeServer={props.probeServer}
            connectServer={props.connectServer}
            onConnected={() => {
              closeForm();
              setSaves((n) => n + 1);
              void refetch();
            }}
            onCancel={closeForm}
          />
        )}
      </Show>

      <Show when={props.current}>
        {(server) => (
          <ProjectPicker
            serverId={server().id}
            currentDirectory={server().directory}
            listProjects={props.listProjects}
            pickFolder={props.pickFolder}
            onOpenProject={props.onOpenProject}
          />
        )}
      </Show>
    </section>
  );
}
