import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type FileContent } from "../../ipc";
import FileViewer, { MAX_LINES, type FileViewerApi } from "./FileViewer";

afterEach(cleanup);

const text = (content: string, diff?: string): FileContent => ({ type: "text", content, diff });
const numbered = (count: number) =>
  Array.from({ length: count }, (_, i) => `const line${String(i + 1)} = ${String(i)};`).join("\n");

function apiOf(files: Record<string, FileContent>): FileViewerApi & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (_server, path) => {
      reads.push(path);
      const file = files[path];
      return file
        ? Promise.resolve(file)
        : Promise.reject(new AppError("NotFound", `${path}: no such file`));
    },
  };
}

const gutterLines = () =>
  (document.querySelector(".files-gutter")?.textContent ?? "").split("\n").filter((n) => n !== "");
const code = () => document.querySelector(".files-source code");

describe("FileViewer", () => {
  it("says what to do when no file is open", () => {
    render(() => <FileViewer api={apiOf({})} serverId="srv" />);
    expect(screen.getByRole("region", { name: "No file open" }).textContent).toContain(
      "Pick a file in the tree",
    );
  });

  it("shows a text file highlighted, with line numbers", async () => {
    const api = apiOf({ "src/a.ts": text("const a = 1;\nexport { a };\n") });
    render(() => <FileViewer api={api} serverId="srv" path="src/a.ts" />);
    await screen.findByRole("heading", { name: "src/a.ts" });
    expect(gutterLines()).toEqual(["1", "2"]);
    expect(code()?.innerHTML).toContain('<span class="hljs-keyword">const</span>');
    // The shared theme (components/hljs.css) keeps its colours on the .hljs element.
    expect(code()?.classList.contains("hljs")).toBe(true);
    expect(screen.getByText("2 lines")).toBeTruthy();
    expect(screen.getByRole("region", { name: "Contents of src/a.ts" })).toBeTruthy();
  });

  it("shows markup in a file as text, never as elements", async () => {
    const api = apiOf({ "notes.txt": text('<img src=x onerror="alert(1)"><script>x</script>') });
    render(() => <FileViewer api={api} serverId="srv" path="notes.txt" />);
    await screen.findByRole("heading", { name: "notes.txt" });
    expect(code()?.querySelector("img, script")).toBeNull();
    expect(code()?.textContent).toBe('<img src=x onerror="alert(1)"><script>x</script>');
  });

  it("scrolls to and marks the line asked for", async () => {
    const api = apiOf({ "big.ts": text(numbered(200)) });
    render(() => <FileViewer api={api} serverId="srv" path="big.ts" line={120} />);
    await screen.findByRole("heading", { name: "big.ts" });
    const mark = document.querySelector(".files-line-mark");
    expect(mark?.getAttribute("data-line")).toBe("120");
    expect(screen.getByText("Line 120")).toBeTruthy();
    const body = screen.getByRole("region", { name: "Contents of big.ts" });
    await waitFor(() => {
      expect(body.scrollTop).toBeGreaterThan(0);
    });
  });

  it("shows the first 5,000 lines of a huge file until asked for all", async () => {
    const api = apiOf({ "huge.log": text(numbered(MAX_LINES + 1000)) });
    render(() => <FileViewer api={api} serverId="srv" path="huge.log" />);
    await screen.findByRole("heading", { name: "huge.log" });
    expect(gutterLines()).toHaveLength(MAX_LINES);
    expect(screen.getByText(/Showing the first 5,000 of 6,000 lines/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show all" }));
    expect(gutterLines()).toHaveLength(MAX_LINES + 1000);
    expect(screen.queryByRole("button", { name: "Show all" })).toBeNull();
  });

  it("shows a hit beyond the usual cut", async () => {
    const api = apiOf({ "huge.log": text(numbered(MAX_LINES + 1000)) });
    render(() => <FileViewer api={api} serverId="srv" path="huge.log" line={MAX_LINES + 500} />);
    await screen.findByRole("heading", { name: "huge.log" });
    expect(gutterLines().length).toBeGreaterThanOrEqual(MAX_LINES + 500);
    expect(document.querySelector(".files-line-mark")?.getAttribute("data-line")).toBe("5500");
  });

  it("shows a base64 image and describes other binary files", async () => {
    const api = apiOf({
      "logo.png": { type: "binary", content: "iVBORw0KGgo=", encoding: "base64", mimeType: "image/png" },
      "app.zip": { type: "binary", content: "A".repeat(4096), encoding: "base64", mimeType: "application/zip" },
    });
    const [path, setPath] = createSignal("logo.png");
    render(() => <FileViewer api={api} serverId="srv" path={path()} />);
    const image = await screen.findByRole<HTMLImageElement>("img", { name: "Image logo.png" });
    expect(image.getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
    setPath("app.zip");
    expect(await screen.findByText(/app\.zip is a binary file \(application\/zip\) of about 3 KB/)).toBeTruthy();
    expect(document.querySelector(".files-source")).toBeNull();
  });

  it("toggles the file's uncommitted changes as coloured diff lines", async () => {
    const diff = "--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-const a = 0;\n+const a = 1;\n";
    const api = apiOf({ "a.ts": text("const a = 1;\n", diff), "b.ts": text("b\n") });
    const [path, setPath] = createSignal("a.ts");
    render(() => <FileViewer api={api} serverId="srv" path={path()} />);
    const toggle = await screen.findByRole("button", { name: "Changes" });
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    const changes = screen.getByRole("region", { name: "Uncommitted changes to a.ts" });
    // The shared diff view, without its own file header (the viewer's names the file).
    expect(changes.querySelector(".diff-header")).toBeNull();
    expect(changes.querySelector('.diff-line[data-kind="add"] ins')?.textContent).toBe("const a = 1;");
    expect(changes.querySelector('.diff-line[data-kind="del"] del')?.textContent).toBe("const a = 0;");
    expect(changes.querySelector('.diff-line[data-kind="hunk"]')?.textContent).toBe("@@ -1 +1 @@");
    expect(within(changes).getByRole("region", { name: "Changes to a.ts" })).toBeTruthy();
    fireEvent.click(toggle);
    expect(screen.getByRole("region", { name: "Contents of a.ts" })).toBeTruthy();
    // A file without changes has no toggle.
    setPath("b.ts");
    await screen.findByRole("heading", { name: "b.ts" });
    expect(screen.queryByRole("button", { name: "Changes" })).toBeNull();
  });

  it("shows the file at a line whose number is clicked in its changes, until the shell asks for another", async () => {
    const diff = "--- a/a.ts\n+++ b/a.ts\n@@ -2,2 +2,2 @@\n two\n-three\n+THREE\n";
    const api = apiOf({ "a.ts": text("one\ntwo\nTHREE\nfour\n", diff) });
    const [line, setLine] = createSignal<number>();
    render(() => <FileViewer api={api} serverId="srv" path="a.ts" line={line()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Changes" }));
    const changes = screen.getByRole("region", { name: "Uncommitted changes to a.ts" });
    fireEvent.click(changes.querySelectorAll('.diff-line[data-kind="add"] .diff-no')[1] as Element);
    expect(screen.getByRole("region", { name: "Contents of a.ts" })).toBeTruthy();
    expect(document.querySelector(".files-line-mark")?.getAttribute("data-line")).toBe("3");
    setLine(1);
    expect(document.querySelector(".files-line-mark")?.getAttribute("data-line")).toBe("1");
  });

  it("says when a file is gone, and retries", async () => {
    const files: Record<string, FileContent> = {};
    const api = apiOf(files);
    render(() => <FileViewer api={api} serverId="srv" path="src/gone.ts" />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not open src/gone.ts.");
    expect(alert.textContent).toContain("moved or deleted");
    files["src/gone.ts"] = text("back\n");
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByRole("heading", { name: "src/gone.ts" });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows loading while the file is on its way", () => {
    const api: FileViewerApi = { readFile: () => new Promise<FileContent>(() => undefined) };
    render(() => <FileViewer api={api} serverId="srv" path="slow.ts" />);
    expect(screen.getByRole("status").textContent).toBe("Loading slow.ts…");
  });

  it("ignores the late answer for a file no longer asked for", async () => {
    let releaseOld: (file: FileContent) => void = () => undefined;
    const api: FileViewerApi = {
      readFile: (_server, path) =>
        path === "old.ts"
          ? new Promise<FileContent>((resolve) => {
              releaseOld = resolve;
            })
          : Promise.resolve(text("new content\n")),
    };
    const [path, setPath] = createSignal("old.ts");
    render(() => <FileViewer api={api} serverId="srv" path={path()} />);
    setPath("new.ts");
    await screen.findByRole("heading", { name: "new.ts" });
    releaseOld(text("old content\n"));
    await Promise.resolve();
    await Promise.resolve();
    expect(code()?.textContent).toBe("new content");
  });

  it("reloads on a new refresh token without blanking the view", async () => {
    const files = { "a.ts": text("one\n") };
    const api = apiOf(files);
    const [token, setToken] = createSignal(0);
    render(() => <FileViewer api={api} serverId="srv" path="a.ts" refreshToken={token()} />);
    await screen.findByRole("heading", { name: "a.ts" });
    files["a.ts"] = text("two\n");
    setToken(1);
    expect(screen.queryByRole("status")).toBeNull();
    expect(code()?.textContent).toBe("one");
    await waitFor(() => {
      expect(code()?.textContent).toBe("two");
    });
    expect(api.reads).toEqual(["a.ts", "a.ts"]);
  });
});
