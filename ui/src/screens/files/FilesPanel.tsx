// The Files screen: search and the project tree on the left, the open file on the right. It owns
// which file is open; the shell can open one too (from a diff, a tool card) through `openRequest`.
import { createEffect, createSignal, on } from "solid-js";
import type { Backend } from "../../ipc";
import { normalizePath } from "../../lib/files";
import FileSearch from "./FileSearch";
import FileTree from "./FileTree";
import FileViewer from "./FileViewer";
import "./files.css";

export type FilesApi = Pick<
  Backend,
  "listFiles" | "readFile" | "fileStatus" | "findText" | "findFiles" | "findSymbols"
>;

/** A file to open, at a line if given. Pass a new object each time, even for the same file. */
export interface OpenRequest {
  path: string;
  line?: number;
}

export interface FilesPanelProps {
  api: FilesApi;
  serverId: string;
  /** The project's absolute directory (symbol locations arrive as absolute file URIs). */
  directory: string;
  openRequest?: OpenRequest;
  /** Any new value reloads the tree, the git marks and the open file (e.g. on `file.edited`). */
  refreshToken?: unknown;
}

export default function FilesPanel(props: FilesPanelProps) {
  // equals: false so picking the same hit twice scrolls to its line again.
  const [target, setTarget] = createSignal<OpenRequest | undefined>(undefined, { equals: false });
  const [treeSelection, setTreeSelection] = createSignal<string>();

  const open = (path: string, line?: number) => {
    // A folder (from a file-name search) is shown in the tree, not in the viewer.
    if (path.endsWith("/")) {
      setTreeSelection(normalizePath(path));
      return;
    }
    const clean = normalizePath(path);
    setTreeSelection(clean);
    setTarget({ path: clean, line });
  };

  createEffect(
    on(
      () => props.openRequest,
      (request) => {
        if (request) open(request.path, request.line);
      },
    ),
  );

  // Another project: nothing of the old one stays open.
  createEffect(
    on(
      [() => props.serverId, () => props.directory],
      () => {
        setTarget(undefined);
        setTreeSelection(undefined);
      },
      { defer: true },
    ),
  );

  return (
    <div class="files-panel">
      <div class="files-side">
        <FileSearch
          api={props.api}
          serverId={props.serverId}
          directory={props.directory}
          onOpen={open}
        />
        <FileTree
          api={props.api}
          serverId={props.serverId}
          selectedPath={treeSelection()}
          onOpen={(path) => {
            open(path);
          }}
          refreshToken={props.refreshToken}
        />
      </div>
      <FileViewer
        api={props.api}
        serverId={props.serverId}
        path={target()?.path}
        line={target()?.line}
        refreshToken={props.refreshToken}
      />
    </div>
  );
}
