// The open project's directory, for the transcript to show paths relative to it: the agent's
// tools name files by absolute path, which says less in more space.
import { createContext, useContext } from "solid-js";
import { relativeTo } from "../../lib/files";

export const ProjectDirectory = createContext<() => string>(() => "");

/** `path` as the user knows it: relative to the project when inside it. */
export function useProjectPath(): (path: string) => string {
  const directory = useContext(ProjectDirectory);
  return (path) => relativeTo(path, directory());
}
