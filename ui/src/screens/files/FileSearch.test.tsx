import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type FindMatch, type Symbol as CodeSymbol } from "../../ipc";
import FileSearch, { type FileSearchApi } from "./FileSearch";

afterEach(cleanup);

const match = (path: string, line: number, text: string, word: string): FindMatch => {
  const start = text.indexOf(word);
  return {
    path: { text: path },
    lines: { text: `${text}\n` },
    line_number: line,
    absolute_offset: 0,
    submatches: [{ match: { text: word }, start, end: start + word.length }],
  };
};

function fakeApi(overrides: Partial<FileSearchApi> = {}): FileSearchApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    findText: (_s, pattern) => {
      calls.push(`text:${pattern}`);
      return Promise.resolve(
        pattern === "zzz"
          ? []
          : [match("src/a.ts", 3, "  const needle = 1;", "needle"), match("b.ts", 9, "needle()", "needle")],
      );
    },
    findFiles: (_s, query) => {
      calls.push(`files:${query}`);
      return Promise.resolve(["src/", "src/main.ts"]);
    },
    findSymbols: (_s, query) => {
      calls.push(`symbols:${query}`);
      const symbol: CodeSymbol = {
        name: "startServer",
        kind: 12,
        location: {
          uri: "file:///home/me/p/src/server.ts",
          range: { start: { line: 41, character: 0 }, end: { line: 41, character: 11 } },
        },
      };
      return Promise.resolve([symbol]);
    },
    ...overrides,
  };
}

function setup(api: FileSearchApi) {
  const opened: [string, number | undefined][] = [];
  render(() => (
    <FileSearch
      api={api}
      serverId="srv"
      directory="/home/me/p"
      onOpen={(path, line) => opened.push([path, line])}
    />
  ));
  return { opened };
}

const box = () => screen.getByRole("combobox");
const type = (text: string) => fireEvent.input(box(), { target: { value: text } });
const options = () => screen.queryAllByRole("option");

describe("FileSearch", () => {
  it("searches text after a pause and lists matching lines with the match marked", async () => {
    const api = fakeApi();
    setup(api);
    expect(box().getAttribute("aria-label")).toBe("Search text in files");
    type("needle");
    expect(api.calls).toEqual([]);
    expect(await screen.findByText("2 matches in 2 files")).toBeTruthy();
    expect(api.calls).toEqual(["text:needle"]);
    const first = options()[0];
    expect(first?.textContent).toContain("src/a.ts:3");
    expect(first?.querySelector("mark")?.textContent).toBe("needle");
    expect(first?.getAttribute("aria-selected")).toBe("true");
    expect(box().getAttribute("aria-activedescendant")).toBe(first?.id);
  });

  it("asks once for a burst of typing", async () => {
    const api = fakeApi();
    setup(api);
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    type("n");
    await pause(60);
    type("ne");
    await pause(60);
    expect(api.calls).toEqual([]);
    type("nee");
    await screen.findByText("2 matches in 2 files");
    expect(api.calls).toEqual(["text:nee"]);
  });

  it("opens results from the keyboard at their line", async () => {
    const { opened } = setup(fakeApi());
    type("needle");
    await screen.findByText("2 matches in 2 files");
    fireEvent.keyDown(box(), { key: "Enter" });
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    expect(options()[1]?.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    fireEvent.keyDown(box(), { key: "Enter" });
    fireEvent.keyDown(box(), { key: "ArrowUp" });
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(opened).toEqual([
      ["src/a.ts", 3],
      ["b.ts", 9],
      ["src/a.ts", 3],
    ]);
  });

  it("opens a result on click", async () => {
    const { opened } = setup(fakeApi());
    type("needle");
    await screen.findByText("2 matches in 2 files");
    const second = options()[1];
    if (second) fireEvent.click(second);
    expect(opened).toEqual([["b.ts", 9]]);
  });

  it("finds files by name, folders included", async () => {
    const api = fakeApi();
    const { opened } = setup(api);
    const filesMode = screen.getByRole("button", { name: "Files" });
    fireEvent.click(filesMode);
    expect(filesMode.getAttribute("aria-pressed")).toBe("true");
    expect(box().getAttribute("aria-label")).toBe("Find files by name");
    type("main");
    expect(await screen.findByText("2 results")).toBeTruthy();
    expect(options().map((o) => o.textContent)).toEqual(["src/ folder", "src/main.ts"]);
    fireEvent.keyDown(box(), { key: "Enter" });
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(opened).toEqual([
      ["src/", undefined],
      ["src/main.ts", undefined],
    ]);
  });

  it("finds symbols and opens them in the project at their line", async () => {
    const { opened } = setup(fakeApi());
    type("start");
    await screen.findByText("2 matches in 2 files");
    // Switching mode searches the same words again at once.
    fireEvent.click(screen.getByRole("button", { name: "Symbols" }));
    expect(await screen.findByText("1 symbol")).toBeTruthy();
    expect(options()[0]?.textContent).toContain("startServer function");
    expect(options()[0]?.textContent).toContain("src/server.ts:42");
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(opened).toEqual([["src/server.ts", 42]]);
  });

  it("says when nothing matches", async () => {
    setup(fakeApi());
    type("zzz");
    expect(await screen.findByText("No matches for “zzz”.")).toBeTruthy();
    expect(options()).toHaveLength(0);
  });

  it("shows a failed search plainly and retries", async () => {
    let fail = true;
    const api = fakeApi({
      findText: () =>
        fail
          ? Promise.reject(new AppError("InvalidInput", "regex parse error: unclosed group"))
          : Promise.resolve([]),
    });
    setup(api);
    type("foo(");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Search failed. regex parse error: unclosed group.");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("No matches for “foo(”.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows results only for the latest query when answers arrive out of order", async () => {
    let releaseFirst: (matches: FindMatch[]) => void = () => undefined;
    const calls: string[] = [];
    const api = fakeApi({
      findText: (_s, pattern) => {
        calls.push(pattern);
        if (pattern === "old") {
          return new Promise<FindMatch[]>((resolve) => {
            releaseFirst = resolve;
          });
        }
        return Promise.resolve([match("new.ts", 1, "new", "new")]);
      },
    });
    setup(api);
    type("old");
    await waitFor(() => {
      expect(calls).toEqual(["old"]);
    });
    expect(screen.getByRole("status").textContent).toBe("Searching…");
    type("new");
    await screen.findByText("1 match in 1 file");
    releaseFirst([match("old.ts", 1, "old", "old")]);
    await Promise.resolve();
    await Promise.resolve();
    expect(options().map((o) => o.textContent)).toEqual(["new.ts:1new"]);
  });

  it("clears the query and results on Escape", async () => {
    setup(fakeApi());
    type("needle");
    await screen.findByText("2 matches in 2 files");
    fireEvent.keyDown(box(), { key: "Escape" });
    expect((box() as HTMLInputElement).value).toBe("");
    expect(options()).toHaveLength(0);
    expect(screen.queryByRole("status")).toBeNull();
  });
});
