// What the transcript knows from outside the session's messages, given by the window through
// Solid contexts so that every part can read it without threading props through each level.
import { createContext, useContext } from "solid-js";
import { relativeTo } from "../../lib/files";

/**
 * The open project's directory, to show paths relative to it: the agent's tools name files by
 * absolute path, which says less in more space.
 */
export const ProjectDirectory = createContext<() => string>(() => "");

/** `path` as the user knows it: relative to the project when inside it. */
export function useProjectPath(): (path: string) => string {
  const directory = useContext(ProjectDirectory);
  return (path) => relativeTo(path, directory());
}

/**
 * The tool calls (by call id) held up by a permission or a question the user has not answered:
 * such a call is not running but waiting, and its card says so.
 */
export const AwaitingUser = createContext<() => ReadonlySet<string>>(() => new Set<string>());

export function useAwaitingUser(): (callId: string) => boolean {
  const calls = useContext(AwaitingUser);
  return (callId) => calls().has(callId);
}

/**
 * Ways out when a reply failed because its model cannot be used (a refused key, a model the
 * provider does not have): the window's model picker and Providers dialog. Absent, the
 * transcript shows the error alone.
 */
export interface ModelHelpActions {
  chooseModel: () => void;
  connectProvider: () => void;
}
export const ModelHelp = createContext<ModelHelpActions | undefined>(undefined);

/**
 * Opens a project file (a path relative to the project) in the Files panel, at a 1-based line if
 * given: what a file name in a tool line or a diff does. Absent, names are plain text.
 */
export type OpenFileAction = (path: string, line?: number) => void;
export const OpenFile = createContext<OpenFileAction | undefined>(undefined);

/**
 * The opener for `path` as a tool names it (often absolute), or undefined when there is none or
 * the file is outside the project (the Files panel shows only the project).
 */
export function useFileOpener(): (path: string | null | undefined) => ((line?: number) => void) | undefined {
  const open = useContext(OpenFile);
  const projectPath = useProjectPath();
  return (path) => {
    if (!open || !path) return undefined;
    const relative = projectPath(path);
    if (relative === "" || isOutside(relative)) return undefined;
    return (line) => {
      open(relative, line);
    };
  };
}

function isOutside(path: string): boolean {
  return path.startsWith("/") || path.startsWith("../") || path.startsWith("~") || /^[A-Za-z]:[\\/]/.test(path);
}

