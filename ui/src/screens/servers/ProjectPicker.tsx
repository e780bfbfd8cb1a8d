// The projects this app opened lately ("Recent", when the app provides them) and the ones a server
// knows, most recent first: pick one to switch the window to it, or open any folder through the
// system's folder dialog. Opening reloads everything (the shell does it),
// so the list shows progress and a failure, and ignores further picks until it is done.
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import type { Project } from "../../ipc";
import Picker from "./Picker";
import RecentProjects from "./RecentProjects";
import { projectName, projectsNewestFirst, samePath } from "./servers";
import "./servers.css";

export interface ProjectPickerProps {
  serverId: string;
  /** The directory the server works in now (ServerInfo.directory). */
  currentDirectory: string | null;
  listProjects: (serverId: string) => Promise<Project[]>;
  /** The system's folder dialog; null when the user cancels. */
  pickFolder: () => Promise<string | null>;
  onOpenProject: (directory: string) => Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default function ProjectPicker(props: ProjectPickerProps) {
  // Refetched when the server or its directory changes: a folder just opened joins the list.
  const [projects, { refetch }] = createResource(
    () => ({ serverId: props.serverId, directory: props.currentDirectory }),
    (source) => props.listProjects(source.serverId).then(projectsNewestFirst),
  );
  const [opening, setOpening] = createSignal<string>();
  const [error, setError] = createSignal<string>();

  const open = async (directory: string) => {
    if (opening() !== undefined) return;
    setOpening(directory);
    setError(undefined);
    try {
      await props.onOpenProject(directory);
    } catch (e) {
      setError(`Could not open ${directory}: ${message(e)}`);
    } finally {
      setOpening(undefined);
    }
  };

  const openFolder = async () => {
    if (opening() !== undefined) return;
    setError(undefined);
    let directory: string | null;
    try {
      directory = await props.pickFolder();
    } catch (e) {
      setError(`The folder dialog failed: ${message(e)}`);
      return;
    }
    if (directory !== null) await open(directory);
  };

  /** The list once loaded (kept while it refreshes); never read in the error state, where it throws. */
  const loaded = () =>
    projects.state === "ready" || projects.state === "refreshing" ? projects.latest : undefined;

  return (
    <section class="servers-projects" aria-label="Projects">
      <div class="servers-heading">
        <h3>Projects</h3>
        <button class="btn" type="button" disabled={opening() !== undefined} onClick={() => void openFolder()}>
          Open folder…
        </button>
      </div>
      <RecentProjects
        currentDirectory={props.currentDirectory}
        busy={opening() !== undefined}
        onOpen={(directory) => void open(directory)}
        onError={setError}
      />
      <Switch>
        <Match when={projects.state === "errored"}>
          <p class="servers-outcome-bad" role="alert">
            Could not list the projects: {message(projects.error)}
          </p>
          <button class="btn" type="button" onClick={() => void refetch()}>
            Retry
          </button>
        </Match>
        <Match when={loaded()?.length === 0}>
          <p class="servers-hint">
            This server has no projects yet. Open a folder to start working in it.
          </p>
        </Match>
        <Match when={loaded()}>
          {(list) => (
            <Picker
              label="Projects on this server"
              items={list()}
              isCurrent={(project) => samePath(project.worktree, props.currentDirectory)}
              onPick={(project) => void open(project.worktree)}
              busy={opening() !== undefined}
            >
              {(project) => (
                <span class="servers-option">
                  <span class="servers-option-name">
                    {projectName(project)}
                    <Show when={project.vcs}>
                      {(vcs) => <span class="servers-tag">{vcs()}</span>}
                    </Show>
                  </span>
                  <span class="servers-option-detail">{project.worktree}</span>
                </span>
              )}
            </Picker>
          )}
        </Match>
        <Match when={projects.loading}>
          <p class="servers-hint" role="status">
            Loading projects…
          </p>
        </Match>
      </Switch>
      <Show when={opening()}>
        {(directory) => (
          <p class="servers-hint" role="status">
            Opening {directory()}…
          </p>
        )}
      </Show>
      <Show when={error()}>
        {(text) => (
          <p class="servers-outcome-bad" role="alert">
            {text()}
          </p>
        )}
      </Show>
    </section>
  );
}
