import { createTwoFilesPatch } from "diff";
import { describe, expect, it } from "vitest";
import { type DiffLine, diffTexts, fileName, parseUnifiedPatch } from "./diff";

const kinds = (lines: DiffLine[]) => lines.map((line) => line.kind);

describe("parseUnifiedPatch", () => {
  it("reads the patch the edit tool sends (jsdiff's format), numbering old and new lines", () => {
    // What OpenCode 1.18.33 puts in the edit tool's metadata.diff.
    const patch = createTwoFilesPatch("/p/a.ts", "/p/a.ts", "a\nb\nc\n", "a\nB\nc\nd");
    const [file, ...rest] = parseUnifiedPatch(patch);
    expect(rest).toEqual([]);
    expect(file && fileName(file)).toBe("/p/a.ts");
    expect(file?.additions).toBe(2);
    expect(file?.deletions).toBe(1);
    expect(file?.lines).toEqual([
      { kind: "hunk", text: "@@ -1,3 +1,4 @@", oldNo: null, newNo: null },
      { kind: "context", text: "a", oldNo: 1, newNo: 1 },
      { kind: "del", text: "b", oldNo: 2, newNo: null },
      { kind: "add", text: "B", oldNo: null, newNo: 2 },
      { kind: "context", text: "c", oldNo: 3, newNo: 3 },
      { kind: "add", text: "d", oldNo: null, newNo: 4 },
      { kind: "note", text: "No newline at end of file", oldNo: null, newNo: null },
    ]);
  });

  it("splits a git patch into files, with created and deleted files named once", () => {
    const patch = [
      "diff --git a/src/new.rs b/src/new.rs",
      "new file mode 100644",
      "index 0000000..e69de29",
      "--- /dev/null",
      "+++ b/src/new.rs",
      "@@ -0,0 +1,2 @@",
      "+fn a() {}",
      "+fn b() {}",
      "diff --git a/old.txt b/old.txt",
      "deleted file mode 100644",
      "--- a/old.txt",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-gone",
      "",
    ].join("\n");
    const files = parseUnifiedPatch(patch);
    expect(files.map((file) => [file.oldName, file.newName, file.additions, file.deletions])).toEqual([
      [null, "src/new.rs", 2, 0],
      ["old.txt", null, 0, 1],
    ]);
    expect(files.map(fileName)).toEqual(["src/new.rs", "old.txt"]);
    expect(files[0]?.lines[2]).toEqual({ kind: "add", text: "fn b() {}", oldNo: null, newNo: 2 });
  });

  it("takes a removed line that looks like a file header as a removed line inside a hunk", () => {
    const patch = ["--- a/x.sql", "+++ b/x.sql", "@@ -1,2 +1,1 @@", "--- comment", "++ kept", ""].join("\n");
    const [file] = parseUnifiedPatch(patch);
    expect(file ? kinds(file.lines) : []).toEqual(["hunk", "del", "add"]);
    expect(file?.lines[1]?.text).toBe("-- comment");
  });

  it("reads a file's working-tree diff (the Files viewer's): one file, header lines not shown", () => {
    // Moved from the viewer's own classifier: "diff --git" then ---/+++ is one file, a "---" line
    // inside a hunk is a removal, and the no-newline marker is a note.
    const patch = [
      "diff --git a/x b/x",
      "index 1111111..2222222 100644",
      "--- a/x",
      "+++ b/x",
      "@@ -1,3 +1,2 @@",
      " same",
      "-old",
      "--- removed dashes",
      "+new",
      "\\ No newline at end of file",
    ].join("\n");
    const files = parseUnifiedPatch(patch);
    expect(files.map((file) => [file.oldName, file.newName, file.additions, file.deletions])).toEqual([
      ["x", "x", 1, 2],
    ]);
    expect(files[0]?.lines.map((line) => [line.kind, line.text])).toEqual([
      ["hunk", "@@ -1,3 +1,2 @@"],
      ["context", "same"],
      ["del", "old"],
      ["del", "-- removed dashes"],
      ["add", "new"],
      ["note", "No newline at end of file"],
    ]);
  });

  it("survives miscounted hunks, stripped context spaces, CRLF and binary files", () => {
    const patch = [
      "--- a/f",
      "+++ b/f",
      "@@ -1,9 +1,9 @@",
      " one\r",
      "",
      "-two",
      "+TWO",
      "diff --git a/img.png b/img.png",
      "Binary files a/img.png and b/img.png differ",
    ].join("\n");
    const files = parseUnifiedPatch(patch);
    expect(files).toHaveLength(2);
    expect(files[0]?.lines.map((line) => [line.kind, line.text])).toEqual([
      ["hunk", "@@ -1,9 +1,9 @@"],
      ["context", "one"],
      ["context", ""],
      ["del", "two"],
      ["add", "TWO"],
    ]);
    expect(files[1] && fileName(files[1])).toBe("img.png");
    expect(files[1]?.lines[0]?.kind).toBe("note");
  });

  it("gives nothing for an empty or meaningless patch, and never throws", () => {
    expect(parseUnifiedPatch("")).toEqual([]);
    expect(() => parseUnifiedPatch("@@ garbage @@\n+++\n---\n\\")).not.toThrow();
  });
});

describe("diffTexts", () => {
  it("diffs before and after with context around the change", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    const after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    const file = diffTexts(before, after, "n.txt", 2);
    expect(fileName(file)).toBe("n.txt");
    expect(file.additions).toBe(1);
    expect(file.deletions).toBe(1);
    expect(file.lines.map((line) => [line.kind, line.text, line.oldNo, line.newNo])).toEqual([
      ["hunk", "@@ -3,5 +3,5 @@", null, null],
      ["context", "3", 3, 3],
      ["context", "4", 4, 4],
      ["del", "5", 5, null],
      ["add", "five", null, 5],
      ["context", "6", 6, 6],
      ["context", "7", 7, 7],
    ]);
  });

  it("shows a new file as all added, and identical texts as no lines", () => {
    const created = diffTexts("", "a\nb\n");
    expect(kinds(created.lines)).toEqual(["hunk", "add", "add"]);
    expect(diffTexts("same\n", "same\n").lines).toEqual([]);
  });

  it("gives up on huge unrelated texts cheaply: all old lines out, all new in", () => {
    const before = Array.from({ length: 6000 }, (_, i) => `old ${i}`).join("\n");
    const after = Array.from({ length: 6000 }, (_, i) => `new ${i}`).join("\n");
    const started = performance.now();
    const file = diffTexts(before, after);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(file.deletions).toBe(6000);
    expect(file.additions).toBe(6000);
    expect(file.lines[6001]).toEqual({ kind: "add", text: "new 0", oldNo: null, newNo: 1 });
  });
});
