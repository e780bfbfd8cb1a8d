// The "Recent" group of the project picker: the projects this app opened lately (the settings'
// list, kept in Rust), one click to open one. A project whose folder is gone is marked and can be
// taken off the list. The list comes through a context, not props, so the panel between the app
// and the picker need not carry it; without a provider there is no Recent group.
import { createContext, createResource, For, Show, useContext } from "solid-js";
import type { RecentProject } from "../../ipc";
import Picker from "./Picker";
import { samePath } from "./servers";
import "./servers.css";
import "./RecentProjects.css";

export interface RecentProjectsSource {
  list: () => Promise<RecentProject[]>;
  /** Takes a directory off the list; resolves to the list as it is now. */
  forget: (directory: string) => Promise<RecentProject[]>;
}

export const RecentProjectsContext = createContext<RecentProjectsSource>();

export interface RecentProjectsProps {
  /** The directory the server works in now (marked as the current one). */
  currentDirectory: string | null;
  busy: boolean;
  onOpen: (directory: string) => void;
  onError: (message: string) => void;
}

/** The folder's own name, whichever separator its OS uses (the session list's too). */
export function folderName(directory: string): string {
  return directory.split(/[\\/]/).filter((s) => s !== "").at(-1) ?? directory;
}

export default function RecentProjects(props: RecentProjectsProps) {
  const source = useContext(RecentProjectsContext);
  // Looked at again when the project changes: the one just opened comes first.
  const [recent, { mutate }] = createResource(
    () => (source ? { directory: props.currentDirectory } : false),
    () => (source ? source.list() : Promise.resolve([])),
  );
  const list = () => (recent.state === "ready" ? recent() : []);
  const here = () => list().filter((p) => p.exists);
  const gone = () => list().filter((p) => !p.exists);

  const forget = async (directory: string) => {
    if (!source) return;
    try {
      mutate(await source.forget(directory));
    } catch (error) {
      props.onError(`Could not remove ${directory}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <Show when={list().length > 0}>
      <h4 class="servers-subheading">Recent</h4>
      <Show when={here().length > 0}>
        <Picker
          label="Recent projects"
          items={here()}
          isCurrent={(project) => samePath(project.directory, props.currentDirectory)}
          onPick={(project) => { props.onOpen(project.directory); }}
          busy={props.busy}
        >
          {(project) => (
            <span class="servers-option">
              <span class="servers-option-name">{folderName(project.directory)}</span>
              <span class="servers-option-detail">{project.directory}</span>
            </span>
          )}
        </Picker>
      </Show>
      <Show when={gone().length > 0}>
        <ul class="servers-gone" aria-label="Recent projects whose folder is gone">
          <For each={gone()}>
            {(project) => (
              <li class="servers-gone-item">
                <span class="servers-option">
                  <span class="servers-option-name">
                    {folderName(project.directory)}
                    <span class="servers-tag servers-tag-bad">folder gone</span>
                  </span>
                  <span class="servers-option-detail">{project.directory}</span>
                </span>
                <button
                  class="btn"
                  type="button"
                  aria-label={`Remove ${project.directory} from the recent projects`}
                  onClick={() => void forget(project.directory)}
                >
                  Remove
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  );
}
