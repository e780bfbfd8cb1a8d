import { describe, expect, it } from "vitest";
import type { FileNode } from "../../ipc";
import { scrollToRow, treeKeyAction, visibleRows, windowRange, type TreeRow } from "./treeModel";

const dir = (path: string): FileNode => ({
  name: path.split("/").pop() ?? path,
  path,
  absolute: `/p/${path}`,
  type: "directory",
  ignored: false,
});
const file = (path: string): FileNode => ({ ...dir(path), type: "file" });

const children = {
  "": [dir("src"), dir("docs"), file("README.md")],
  src: [dir("src/lib"), file("src/main.ts")],
  "src/lib": [file("src/lib/a.ts")],
};

const paths = (rows: readonly TreeRow[]) => rows.map((r) => `${" ".repeat(r.depth)}${r.node.path}`);

describe("visibleRows", () => {
  it("shows only the top level when nothing is expanded", () => {
    expect(paths(visibleRows(children, new Set()))).toEqual(["src", "docs", "README.md"]);
  });

  it("nests the entries of expanded, loaded folders depth-first", () => {
    const rows = visibleRows(children, new Set(["src", "src/lib", "docs"]));
    expect(paths(rows)).toEqual([
      "src",
      " src/lib",
      "  src/lib/a.ts",
      " src/main.ts",
      "docs", // expanded but not loaded yet: no entries under it
      "README.md",
    ]);
    expect(rows[0]).toMatchObject({ expanded: true, position: 1, siblings: 3 });
    expect(rows[3]).toMatchObject({ expanded: false, position: 2, siblings: 2, depth: 1 });
  });

  it("hides the entries of a collapsed folder even when an inner one is expanded", () => {
    expect(paths(visibleRows(children, new Set(["src/lib"])))).toEqual(["src", "docs", "README.md"]);
  });
});

describe("treeKeyAction", () => {
  const rows = visibleRows(children, new Set(["src"]));
  // rows: 0 src (open), 1 src/lib, 2 src/main.ts, 3 docs, 4 README.md

  it("moves up and down within bounds, and jumps with Home and End", () => {
    expect(treeKeyAction(rows, 0, "ArrowDown")).toEqual({ kind: "focus", index: 1 });
    expect(treeKeyAction(rows, 4, "ArrowDown")).toEqual({ kind: "focus", index: 4 });
    expect(treeKeyAction(rows, 0, "ArrowUp")).toEqual({ kind: "focus", index: 0 });
    expect(treeKeyAction(rows, -1, "ArrowDown")).toEqual({ kind: "focus", index: 0 });
    expect(treeKeyAction(rows, 2, "Home")).toEqual({ kind: "focus", index: 0 });
    expect(treeKeyAction(rows, 2, "End")).toEqual({ kind: "focus", index: 4 });
  });

  it("expands a closed folder on Right, and enters an open one", () => {
    expect(treeKeyAction(rows, 1, "ArrowRight")).toEqual({ kind: "expand", path: "src/lib" });
    expect(treeKeyAction(rows, 0, "ArrowRight")).toEqual({ kind: "focus", index: 1 });
    expect(treeKeyAction(rows, 2, "ArrowRight")).toEqual({ kind: "none" });
  });

  it("collapses an open folder on Left, otherwise goes to the parent", () => {
    expect(treeKeyAction(rows, 0, "ArrowLeft")).toEqual({ kind: "collapse", path: "src" });
    expect(treeKeyAction(rows, 2, "ArrowLeft")).toEqual({ kind: "focus", index: 0 });
    expect(treeKeyAction(rows, 3, "ArrowLeft")).toEqual({ kind: "none" });
  });

  it("opens a file on Enter and toggles a folder", () => {
    expect(treeKeyAction(rows, 2, "Enter")).toEqual({ kind: "open", path: "src/main.ts" });
    expect(treeKeyAction(rows, 0, "Enter")).toEqual({ kind: "collapse", path: "src" });
    expect(treeKeyAction(rows, 3, " ")).toEqual({ kind: "expand", path: "docs" });
  });

  it("ignores other keys and an empty tree", () => {
    expect(treeKeyAction(rows, 0, "a")).toEqual({ kind: "none" });
    expect(treeKeyAction([], -1, "ArrowDown")).toEqual({ kind: "none" });
  });
});

describe("windowing", () => {
  it("draws the rows in view plus some spare", () => {
    expect(windowRange(0, 240, 24, 5000, 10)).toEqual({ start: 0, end: 20 });
    expect(windowRange(2400, 240, 24, 5000, 10)).toEqual({ start: 90, end: 120 });
    expect(windowRange(0, 240, 24, 5, 10)).toEqual({ start: 0, end: 5 });
    // Scrolled past the end (the list just shrank): an empty, valid range near the end.
    const past = windowRange(100_000, 240, 24, 50, 10);
    expect(past.start).toBeLessThanOrEqual(past.end);
    expect(past.end).toBe(50);
  });

  it("scrolls just enough to show a row", () => {
    expect(scrollToRow(0, 240, 24, 3)).toBe(0);
    expect(scrollToRow(0, 240, 24, 10)).toBe(24);
    expect(scrollToRow(480, 240, 24, 5)).toBe(120);
  });
});
