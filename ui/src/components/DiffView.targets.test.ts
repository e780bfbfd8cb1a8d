import { createTwoFilesPatch } from "diff";
import { describe, expect, it } from "vitest";
import { parseUnifiedPatch } from "../lib/diff";
import { firstChangedLine, lineTargets } from "./DiffView.targets";

const lines = (before: string, after: string, context = 3) =>
  parseUnifiedPatch(createTwoFilesPatch("a.ts", "a.ts", before, after, "", "", { context }))[0]?.lines ?? [];

describe("where a diff line opens its file", () => {
  it("kept and added lines at their new number; a removal and a hunk header at the next line there now", () => {
    const shown = lines("a\nb\nc\n", "a\nB\nc\n");
    // @@, a, -b, +B, c
    expect(shown.map((l) => l.kind)).toEqual(["hunk", "context", "del", "add", "context"]);
    expect(lineTargets(shown)).toEqual([1, 1, 2, 2, 3]);
  });

  it("a removal that ends its hunk is at the line before it, never in the next hunk", () => {
    const before = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"].join("\n") + "\n";
    const after = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"].join("\n") + "\n";
    const shown = lines(before, after, 1);
    expect(shown.map((l) => l.kind)).toEqual(["hunk", "context", "del"]);
    expect(lineTargets(shown)).toEqual([11, 11, 11]);
  });

  it("a deleted file's lines open nowhere", () => {
    const shown = parseUnifiedPatch(createTwoFilesPatch("gone.ts", "/dev/null", "x\ny\n", ""))[0]?.lines ?? [];
    expect(lineTargets(shown).every((target) => target === undefined)).toBe(true);
  });

  it("the first change of a patch, for opening a file where it changed", () => {
    const patch = createTwoFilesPatch("a.ts", "a.ts", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\n5\n6\nseven\n8\n");
    expect(firstChangedLine(patch)).toBe(7);
    expect(firstChangedLine("")).toBeUndefined();
    expect(firstChangedLine(undefined)).toBeUndefined();
  });
});
