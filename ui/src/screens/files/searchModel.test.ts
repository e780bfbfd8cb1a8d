import { describe, expect, it } from "vitest";
import type { FindMatch, Symbol as CodeSymbol } from "../../ipc";
import { fileHits, MAX_HITS, summarize, symbolHits, textHits } from "./searchModel";

const match = (path: string, line: number, text: string): FindMatch => ({
  path: { text: path },
  lines: { text: `${text}\n` },
  line_number: line,
  absolute_offset: 0,
  submatches: [],
});

describe("search hits", () => {
  it("turns ripgrep lines into paths and lines", () => {
    expect(textHits([match("./src/a.ts", 4, "hello")])).toEqual([
      { kind: "text", path: "src/a.ts", line: 4, segments: [{ text: "hello", match: false }] },
    ]);
  });

  it("caps the number of hits", () => {
    const many = Array.from({ length: MAX_HITS + 10 }, (_, i) => `f${String(i)}.ts`);
    expect(fileHits(many)).toHaveLength(MAX_HITS);
  });

  it("marks folders among file-name results", () => {
    expect(fileHits(["src/", "src/a.ts"])).toEqual([
      { kind: "file", path: "src", directory: true },
      { kind: "file", path: "src/a.ts", directory: false },
    ]);
  });

  it("places symbols in the project at their 1-based line", () => {
    const symbol: CodeSymbol = {
      name: "main",
      kind: 12,
      location: {
        uri: "file:///home/me/p/src/main.rs",
        range: { start: { line: 0, character: 3 }, end: { line: 0, character: 7 } },
      },
    };
    expect(symbolHits([symbol], "/home/me/p")).toEqual([
      { kind: "symbol", path: "src/main.rs", line: 1, name: "main", symbolKind: "function" },
    ]);
  });
});

describe("summarize", () => {
  it("counts matches and the files they are in", () => {
    const hits = textHits([match("a.ts", 1, "x"), match("a.ts", 2, "x"), match("b.ts", 1, "x")]);
    expect(summarize("text", hits, 3)).toBe("3 matches in 2 files");
    expect(summarize("text", hits.slice(0, 1), 1)).toBe("1 match in 1 file");
  });

  it("says when only some are listed", () => {
    const hits = fileHits(["a", "b"]);
    expect(summarize("files", hits, 1200)).toBe("Showing 2 of 1,200 results");
    expect(summarize("symbols", [], 0)).toBe("0 symbols");
  });
});
