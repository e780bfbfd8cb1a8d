import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { FileContent, FileNode } from "../../ipc";
import { quietBackend } from "../../test/backend";
import FilesPanel, { type FilesApi, type OpenRequest } from "./FilesPanel";

afterEach(cleanup);

function entry(path: string, type: "file" | "directory" = "file"): FileNode {
  return { name: path.split("/").pop() ?? path, path, absolute: `/p/${path}`, type, ignored: false };
}

const tree: Record<string, FileNode[]> = {
  "": [entry("src", "directory"), entry("README.md")],
  src: [entry("src/lib", "directory"), entry("src/main.ts")],
  "src/lib": [entry("src/lib/util.ts")],
};

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${String(i + 1)}`).join("\n");
const files: Record<string, FileContent> = {
  "README.md": { type: "text", content: "# Hello\n" },
  "src/main.ts": { type: "text", content: lines(50) },
  "src/lib/util.ts": { type: "text", content: lines(80) },
};

function api(): FilesApi {
  return quietBackend({
    listFiles: (_s, path) => Promise.resolve(tree[path] ?? []),
    readFile: (_s, path) => {
      const file = files[path];
      return file ? Promise.resolve(file) : Promise.reject(new Error(`no ${path}`));
    },
    fileStatus: () => Promise.resolve([]),
    findText: () =>
      Promise.resolve([
        {
          path: { text: "src/lib/util.ts" },
          lines: { text: "line 42\n" },
          line_number: 42,
          absolute_offset: 0,
          submatches: [],
        },
      ]),
    findFiles: () => Promise.resolve(["src/lib/"]),
  }).backend;
}

const markedLine = () => document.querySelector(".files-line-mark")?.getAttribute("data-line");

describe("FilesPanel", () => {
  it("opens a file picked in the tree in the viewer", async () => {
    render(() => <FilesPanel api={api()} serverId="srv" directory="/p" />);
    expect(screen.getByRole("region", { name: "No file open" })).toBeTruthy();
    fireEvent.click(await screen.findByRole("treeitem", { name: /^README\.md/ }));
    expect(await screen.findByRole("heading", { name: "README.md" })).toBeTruthy();
    expect(screen.getByRole("treeitem", { name: /^README\.md/ }).getAttribute("aria-selected")).toBe(
      "true",
    );
  });

  it("opens a search hit at its line and shows it in the tree", async () => {
    render(() => <FilesPanel api={api()} serverId="srv" directory="/p" />);
    await screen.findByRole("tree");
    fireEvent.input(screen.getByRole("combobox"), { target: { value: "line 42" } });
    await screen.findByText("1 match in 1 file");
    fireEvent.keyDown(screen.getByRole("combobox"), { key: "Enter" });
    expect(await screen.findByRole("heading", { name: "src/lib/util.ts" })).toBeTruthy();
    expect(markedLine()).toBe("42");
    const row = await screen.findByRole("treeitem", { name: /^util\.ts/ });
    await waitFor(() => {
      expect(row.getAttribute("aria-selected")).toBe("true");
    });
  });

  it("shows a folder found by name in the tree without opening the viewer", async () => {
    render(() => <FilesPanel api={api()} serverId="srv" directory="/p" />);
    await screen.findByRole("tree");
    fireEvent.click(screen.getByRole("button", { name: "Files" }));
    fireEvent.input(screen.getByRole("combobox"), { target: { value: "lib" } });
    await screen.findByText("1 result");
    fireEvent.keyDown(screen.getByRole("combobox"), { key: "Enter" });
    const folder = await screen.findByRole("treeitem", { name: /^lib/ });
    await waitFor(() => {
      expect(folder.getAttribute("aria-selected")).toBe("true");
    });
    expect(screen.getByRole("region", { name: "No file open" })).toBeTruthy();
  });

  it("opens what the shell asks for, again when asked again", async () => {
    const [request, setRequest] = createSignal<OpenRequest>();
    render(() => (
      <FilesPanel api={api()} serverId="srv" directory="/p" openRequest={request()} />
    ));
    setRequest({ path: "src/main.ts", line: 7 });
    expect(await screen.findByRole("heading", { name: "src/main.ts" })).toBeTruthy();
    expect(markedLine()).toBe("7");
    setRequest({ path: "src/main.ts", line: 30 });
    await waitFor(() => {
      expect(markedLine()).toBe("30");
    });
  });

  it("closes the open file when the project changes", async () => {
    const [server, setServer] = createSignal("srv");
    render(() => (
      <FilesPanel
        api={api()}
        serverId={server()}
        directory="/p"
        openRequest={{ path: "README.md" }}
      />
    ));
    await screen.findByRole("heading", { name: "README.md" });
    setServer("other");
    expect(await screen.findByRole("region", { name: "No file open" })).toBeTruthy();
  });
});
