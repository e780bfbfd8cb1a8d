import { describe, expect, it } from "vitest";
import type { FileContent, FileNode, VcsFileStatus } from "../ipc";
import { AppError } from "../ipc";
import {
  ancestorPaths,
  explainFailure,
  formatBytes,
  imageDataUrl,
  indexStatus,
  matchSegments,
  normalizePath,
  parentPath,
  rangeStartLine,
  relativeTo,
  sortNodes,
  splitLines,
  statusLetter,
  symbolKindName,
  uriToPath,
  viewSlice,
} from "./files";

const node = (name: string, type: "file" | "directory" = "file"): FileNode => ({
  name,
  path: name,
  absolute: `/p/${name}`,
  type,
  ignored: false,
});

describe("paths", () => {
  it("normalizes separators, ./ and trailing slashes", () => {
    expect(normalizePath("./src\\lib/")).toBe("src/lib");
    expect(normalizePath("a/b.ts")).toBe("a/b.ts");
  });

  it("finds parents and ancestors", () => {
    expect(parentPath("a/b/c.ts")).toBe("a/b");
    expect(parentPath("top.ts")).toBe("");
    expect(ancestorPaths("a/b/c.ts")).toEqual(["a", "a/b"]);
    expect(ancestorPaths("top.ts")).toEqual([]);
  });

  it("makes paths relative to the project and reads file URIs", () => {
    expect(relativeTo("/home/me/p/src/a.ts", "/home/me/p/")).toBe("src/a.ts");
    expect(relativeTo("/elsewhere/a.ts", "/home/me/p")).toBe("/elsewhere/a.ts");
    // A sibling whose name starts like the project is not inside it.
    expect(relativeTo("/home/me/p2/a.ts", "/home/me/p")).toBe("/home/me/p2/a.ts");
    expect(uriToPath("file:///home/me/p/src/my%20file.ts", "/home/me/p")).toBe("src/my file.ts");
    expect(uriToPath("file:///C:/work/p/main.rs", "C:\\work\\p")).toBe("main.rs");
    expect(uriToPath("file:///home/me/p/bad%zz.ts", "/home/me/p")).toBe("bad%zz.ts");
  });
});

describe("sortNodes", () => {
  it("puts folders first, then names in natural, case-insensitive order", () => {
    const sorted = sortNodes([
      node("b.ts"),
      node("src", "directory"),
      node("file10.ts"),
      node("A.ts"),
      node("file2.ts"),
      node(".github", "directory"),
    ]);
    expect(sorted.map((n) => n.name)).toEqual([
      ".github",
      "src",
      "A.ts",
      "b.ts",
      "file2.ts",
      "file10.ts",
    ]);
  });

  it("does not change its input", () => {
    const input = [node("b"), node("a")];
    sortNodes(input);
    expect(input.map((n) => n.name)).toEqual(["b", "a"]);
  });
});

describe("git status", () => {
  it("gives each status a letter", () => {
    expect(statusLetter("modified")).toBe("M");
    expect(statusLetter("added")).toBe("A");
    expect(statusLetter("deleted")).toBe("D");
    expect(statusLetter("untracked")).toBe("U");
    expect(statusLetter("conflicted")).toBe("C");
    expect(statusLetter("")).toBe("?");
  });

  it("indexes changed files and every folder above them", () => {
    const changes: VcsFileStatus[] = [
      { file: "src/lib/a.ts", status: "modified", additions: 3, deletions: 1 },
      { file: "README.md", status: "added", additions: null, deletions: null },
    ];
    const index = indexStatus(changes);
    expect(index.files.get("src/lib/a.ts")).toEqual({
      letter: "M",
      status: "modified",
      additions: 3,
      deletions: 1,
    });
    expect(index.files.get("README.md")?.letter).toBe("A");
    expect([...index.dirs].sort()).toEqual(["src", "src/lib"]);
  });
});

describe("splitLines", () => {
  it("splits on any newline and ignores a final one", () => {
    expect(splitLines("a\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\r\nb")).toEqual(["a", "b"]);
    expect(splitLines("")).toEqual([]);
    expect(splitLines("\n")).toEqual([""]);
  });
});

describe("viewSlice", () => {
  it("keeps everything that fits", () => {
    expect(viewSlice(["a", "b"], 10, 100)).toEqual({ text: "a\nb", lines: 2, truncated: false });
  });

  it("stops at the line limit", () => {
    expect(viewSlice(["a", "b", "c"], 2, 100)).toEqual({ text: "a\nb", lines: 2, truncated: true });
  });

  it("stops at the character budget, cutting a single huge line", () => {
    expect(viewSlice(["aaaa", "bbbb"], 10, 6)).toEqual({ text: "aaaa", lines: 1, truncated: true });
    expect(viewSlice(["x".repeat(50)], 10, 8)).toEqual({
      text: "xxxxxxxx",
      lines: 1,
      truncated: true,
    });
  });
});

describe("LSP symbols", () => {
  it("reads the 1-based start line of a range", () => {
    expect(rangeStartLine({ start: { line: 9, character: 2 }, end: { line: 9, character: 5 } })).toBe(
      10,
    );
    expect(rangeStartLine({ start: { line: -1 } })).toBeUndefined();
    expect(rangeStartLine(null)).toBeUndefined();
    expect(rangeStartLine({ start: "x" })).toBeUndefined();
  });

  it("names symbol kinds", () => {
    expect(symbolKindName(12)).toBe("function");
    expect(symbolKindName(5)).toBe("class");
    expect(symbolKindName(99)).toBe("symbol");
    expect(symbolKindName(null)).toBe("symbol");
  });
});

describe("matchSegments", () => {
  const sub = (text: string, start: number, end: number) => ({ match: { text }, start, end });

  it("cuts a line into plain and matched pieces, without indentation or newline", () => {
    expect(matchSegments("    let foo = foo();\n", [sub("foo", 8, 11), sub("foo", 14, 17)])).toEqual([
      { text: "let ", match: false },
      { text: "foo", match: true },
      { text: " = ", match: false },
      { text: "foo", match: true },
      { text: "();", match: false },
    ]);
  });

  it("maps ripgrep's byte offsets to characters", () => {
    // "é" is two bytes in UTF-8: "needle" starts at byte 6, character 5.
    expect(matchSegments("café needle", [sub("needle", 6, 12)])).toEqual([
      { text: "café ", match: false },
      { text: "needle", match: true },
    ]);
  });

  it("shows a long line from shortly before its match", () => {
    const line = `${"x".repeat(1000)}HIT${"y".repeat(1000)}`;
    const segments = matchSegments(line, [sub("HIT", 1000, 1003)], 100);
    expect(segments[0]?.text.startsWith("…")).toBe(true);
    expect(segments[1]).toEqual({ text: "HIT", match: true });
    expect(segments[2]?.text.endsWith("…")).toBe(true);
    expect(segments.map((s) => s.text).join("").length).toBeLessThanOrEqual(102);
  });
});

describe("imageDataUrl", () => {
  it("makes a data URL only for base64 images", () => {
    const png: FileContent = { type: "binary", content: "AAAA", encoding: "base64", mimeType: "image/png" };
    expect(imageDataUrl(png)).toBe("data:image/png;base64,AAAA");
    expect(imageDataUrl({ ...png, mimeType: "application/zip" })).toBeUndefined();
    expect(imageDataUrl({ ...png, encoding: undefined })).toBeUndefined();
    expect(imageDataUrl({ ...png, mimeType: 'image/png";x' })).toBeUndefined();
  });
});

describe("formatBytes", () => {
  it("picks a readable unit", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(3_500_000)).toBe("3.3 MB");
    expect(formatBytes(Number.NaN)).toBe("0 B");
  });
});

describe("explainFailure", () => {
  it("says what to do for each kind of failure", () => {
    expect(explainFailure(new AppError("Unreachable", "x")).reason).toMatch(/not answering/);
    expect(explainFailure(new AppError("NotFound", "x")).reason).toMatch(/moved or deleted/);
    expect(explainFailure(new AppError("Timeout", "x")).reason).toMatch(/too long/);
    expect(explainFailure(new AppError("Unauthorized", "x")).hint).toMatch(/Reconnect/);
  });

  it("keeps any other message as a sentence", () => {
    expect(explainFailure(new Error("regex parse error"))).toEqual({
      reason: "regex parse error.",
      hint: "Retry; if it keeps failing, check the server.",
    });
    expect(explainFailure("boom!").reason).toBe("boom!");
    expect(explainFailure(new Error("")).reason).toBe("Something went wrong.");
  });
});
