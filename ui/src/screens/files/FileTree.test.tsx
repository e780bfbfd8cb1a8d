import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type FileNode, type VcsFileStatus } from "../../ipc";
import FileTree, { type FileTreeApi } from "./FileTree";

afterEach(cleanup);

function entry(path: string, type: "file" | "directory" = "file", ignored = false): FileNode {
  return { name: path.split("/").pop() ?? path, path, absolute: `/p/${path}`, type, ignored };
}

const project: Record<string, FileNode[]> = {
  "": [
    entry("README.md"),
    entry("src", "directory"),
    entry("node_modules", "directory", true),
    entry(".env", "file", true),
    entry("docs", "directory"),
  ],
  src: [entry("src/main.ts"), entry("src/lib", "directory")],
  "src/lib": [entry("src/lib/a.ts")],
  docs: [],
};

function fakeApi(
  tree: Record<string, FileNode[]> = project,
  status: VcsFileStatus[] = [],
): FileTreeApi & { listed: string[] } {
  const listed: string[] = [];
  return {
    listed,
    listFiles: (_server, path) => {
      listed.push(path);
      const nodes = tree[path];
      return nodes
        ? Promise.resolve(nodes)
        : Promise.reject(new AppError("NotFound", `no such folder ${path}`));
    },
    fileStatus: () => Promise.resolve(status),
  };
}

const names = () => screen.queryAllByRole("treeitem").map((row) => row.querySelector(".files-name")?.textContent);
const row = (name: string) => screen.getByRole("treeitem", { name: new RegExp(`^${name}\\b`) });
const active = () => {
  const tree = screen.getByRole("tree");
  const id = tree.getAttribute("aria-activedescendant");
  return id ? document.getElementById(id)?.querySelector(".files-name")?.textContent : undefined;
};

describe("FileTree", () => {
  it("lists the top level with folders first, alphabetically, ignored entries dimmed", async () => {
    render(() => <FileTree api={fakeApi()} serverId="srv" onOpen={() => undefined} />);
    await screen.findByRole("tree", { name: "Project files" });
    expect(names()).toEqual(["docs", "node_modules", "src", ".env", "README.md"]);
    expect(row("node_modules").classList.contains("files-ignored")).toBe(true);
    expect(row("src").classList.contains("files-ignored")).toBe(false);
    expect(row("src").getAttribute("aria-expanded")).toBe("false");
    expect(row("README.md").hasAttribute("aria-expanded")).toBe(false);
    expect(row("src").getAttribute("aria-level")).toBe("1");
  });

  it("marks changed files with a letter and folders holding changes with a dot", async () => {
    const status: VcsFileStatus[] = [
      { file: "src/lib/a.ts", status: "modified", additions: 1, deletions: 0 },
      { file: "README.md", status: "added", additions: 3, deletions: 0 },
    ];
    render(() => <FileTree api={fakeApi(project, status)} serverId="srv" onOpen={() => undefined} />);
    await waitFor(() => {
      expect(row("README.md").querySelector(".files-mark")?.textContent).toBe("A");
    });
    expect(row("README.md").textContent).toContain(", added");
    expect(row("src").querySelector(".files-dot")).not.toBeNull();
    expect(row("src").textContent).toContain("has changes");
    expect(row("docs").querySelector(".files-dot")).toBeNull();
    fireEvent.click(row("src"));
    fireEvent.click(await screen.findByRole("treeitem", { name: /^lib\b/ }));
    const changed = await screen.findByRole("treeitem", { name: /^a\.ts/ });
    expect(changed.querySelector(".files-mark")?.textContent).toBe("M");
    expect(row("main.ts").querySelector(".files-mark")).toBeNull();
  });

  it("loads a folder only when it is opened, and opens files on click", async () => {
    const api = fakeApi();
    const opened: string[] = [];
    render(() => <FileTree api={api} serverId="srv" onOpen={(path) => opened.push(path)} />);
    await screen.findByRole("tree");
    expect(api.listed).toEqual([""]);
    fireEvent.click(row("src"));
    expect(await screen.findByRole("treeitem", { name: /^main\.ts/ })).toBeTruthy();
    expect(api.listed).toEqual(["", "src"]);
    expect(row("src").getAttribute("aria-expanded")).toBe("true");
    expect(row("lib").getAttribute("aria-level")).toBe("2");
    fireEvent.click(row("main.ts"));
    expect(opened).toEqual(["src/main.ts"]);
    // Closing hides the entries; opening again does not ask the server again.
    fireEvent.click(row("src"));
    expect(screen.queryByRole("treeitem", { name: /^main\.ts/ })).toBeNull();
    fireEvent.click(row("src"));
    expect(row("main.ts")).toBeTruthy();
    expect(api.listed).toEqual(["", "src"]);
  });

  it("is driven by the keyboard: arrows move, Right opens and enters, Left closes and climbs, Enter opens", async () => {
    const opened: string[] = [];
    render(() => <FileTree api={fakeApi()} serverId="srv" onOpen={(path) => opened.push(path)} />);
    const tree = await screen.findByRole("tree");
    tree.focus();
    expect(active()).toBe("docs");
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    expect(active()).toBe("src");
    fireEvent.keyDown(tree, { key: "ArrowRight" });
    await screen.findByRole("treeitem", { name: /^main\.ts/ });
    expect(row("src").getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(tree, { key: "ArrowRight" });
    expect(active()).toBe("lib");
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    expect(active()).toBe("main.ts");
    fireEvent.keyDown(tree, { key: "Enter" });
    expect(opened).toEqual(["src/main.ts"]);
    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    expect(active()).toBe("src");
    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    expect(row("src").getAttribute("aria-expanded")).toBe("false");
    expect(names()).not.toContain("main.ts");
    fireEvent.keyDown(tree, { key: "End" });
    expect(active()).toBe("README.md");
    fireEvent.keyDown(tree, { key: "Home" });
    expect(active()).toBe("docs");
  });

  it("draws only the rows in view for a folder of thousands of entries", async () => {
    const many = Array.from({ length: 5000 }, (_, i) => entry(`file${String(i).padStart(4, "0")}.txt`));
    render(() => <FileTree api={fakeApi({ "": many })} serverId="srv" onOpen={() => undefined} />);
    const tree = await screen.findByRole("tree");
    const drawn = screen.getAllByRole("treeitem");
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(200);
    expect(drawn[0]?.getAttribute("aria-setsize")).toBe("5000");
    // End jumps to the last entry, which is then drawn and active.
    tree.focus();
    fireEvent.keyDown(tree, { key: "End" });
    expect(active()).toBe("file4999.txt");
    expect(screen.getAllByRole("treeitem").length).toBeLessThan(200);
    // Scrolling back to the top draws the first rows again.
    tree.scrollTop = 0;
    fireEvent.scroll(tree);
    expect(names()[0]).toBe("file0000.txt");
  });

  it("says when the project cannot be listed and retries on request", async () => {
    let fail = true;
    const api: FileTreeApi = {
      listFiles: () =>
        fail
          ? Promise.reject(new AppError("Unreachable", "connection refused"))
          : Promise.resolve([entry("a.ts")]),
      fileStatus: () => Promise.resolve([]),
    };
    render(() => <FileTree api={api} serverId="srv" onOpen={() => undefined} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not list the project's files.");
    expect(alert.textContent).toContain("not answering");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("treeitem", { name: /^a\.ts/ })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says when a folder cannot be opened and leaves it closed", async () => {
    const tree = { ...project, "": [entry("gone", "directory")] };
    render(() => <FileTree api={fakeApi(tree)} serverId="srv" onOpen={() => undefined} />);
    fireEvent.click(await screen.findByRole("treeitem", { name: /^gone/ }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not open the folder gone.");
    expect(alert.textContent).toContain("moved or deleted");
    expect(row("gone").getAttribute("aria-expanded")).toBe("false");
  });

  it("says when the project is empty", async () => {
    render(() => <FileTree api={fakeApi({ "": [] })} serverId="srv" onOpen={() => undefined} />);
    expect(await screen.findByText("This project has no files yet.")).toBeTruthy();
    expect(screen.queryByRole("tree")).toBeNull();
  });

  it("shows loading until the first listing arrives", () => {
    const api: FileTreeApi = {
      listFiles: () => new Promise<FileNode[]>(() => undefined),
      fileStatus: () => Promise.resolve([]),
    };
    render(() => <FileTree api={api} serverId="srv" onOpen={() => undefined} />);
    expect(screen.getByRole("status").textContent).toBe("Loading files…");
  });

  it("reveals the selected file: opens its folders and marks it", async () => {
    const api = fakeApi();
    render(() => (
      <FileTree api={api} serverId="srv" selectedPath="src/lib/a.ts" onOpen={() => undefined} />
    ));
    const file = await screen.findByRole("treeitem", { name: /^a\.ts/ });
    expect(file.getAttribute("aria-selected")).toBe("true");
    expect(file.getAttribute("aria-level")).toBe("3");
    expect(api.listed).toEqual(["", "src", "src/lib"]);
    await waitFor(() => {
      expect(active()).toBe("a.ts");
    });
  });

  it("reloads open folders and marks when the refresh token changes", async () => {
    const tree: Record<string, FileNode[]> = { ...project };
    const api = fakeApi(tree);
    const [token, setToken] = createSignal(0);
    render(() => (
      <FileTree api={api} serverId="srv" refreshToken={token()} onOpen={() => undefined} />
    ));
    fireEvent.click(await screen.findByRole("treeitem", { name: /^src/ }));
    await screen.findByRole("treeitem", { name: /^main\.ts/ });
    tree.src = [...(tree.src ?? []), entry("src/new.ts")];
    setToken(1);
    expect(await screen.findByRole("treeitem", { name: /^new\.ts/ })).toBeTruthy();
    expect(api.listed.filter((dir) => dir === "src")).toHaveLength(2);
  });

  it("drops a late answer from the previous server", async () => {
    let releaseOld: (nodes: FileNode[]) => void = () => undefined;
    const api: FileTreeApi = {
      listFiles: (server) =>
        server === "old"
          ? new Promise<FileNode[]>((resolve) => {
              releaseOld = resolve;
            })
          : Promise.resolve([entry("new-project.ts")]),
      fileStatus: () => Promise.resolve([]),
    };
    const [server, setServer] = createSignal("old");
    render(() => <FileTree api={api} serverId={server()} onOpen={() => undefined} />);
    setServer("new");
    await screen.findByRole("treeitem", { name: /^new-project\.ts/ });
    releaseOld([entry("old-project.ts")]);
    await Promise.resolve();
    await Promise.resolve();
    expect(names()).toEqual(["new-project.ts"]);
  });
});
