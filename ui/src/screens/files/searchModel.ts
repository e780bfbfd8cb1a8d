// Search answers (ripgrep lines, file names, language-server symbols) as one list of hits that
// each name a project path and, where known, a line; and the sentence that counts them.
import type { FindMatch, Symbol as CodeSymbol } from "../../ipc";
import {
  matchSegments,
  normalizePath,
  rangeStartLine,
  symbolKindName,
  uriToPath,
  type MatchSegment,
} from "../../lib/files";

export type SearchMode = "text" | "files" | "symbols";

/** Most hits listed: a search for "e" must not build 100,000 rows. */
export const MAX_HITS = 500;

export type SearchHit =
  | { kind: "text"; path: string; line?: number; segments: MatchSegment[] }
  | { kind: "file"; path: string; directory: boolean }
  | { kind: "symbol"; path: string; line?: number; name: string; symbolKind: string };

export function textHits(matches: readonly FindMatch[]): SearchHit[] {
  return matches.slice(0, MAX_HITS).map((match) => ({
    kind: "text",
    path: normalizePath(match.path.text),
    line: match.line_number ?? undefined,
    segments: matchSegments(match.lines.text, match.submatches),
  }));
}

export function fileHits(paths: readonly string[]): SearchHit[] {
  return paths.slice(0, MAX_HITS).map((path) => ({
    kind: "file",
    // The server lists folders with a trailing slash.
    directory: path.endsWith("/") || path.endsWith("\\"),
    path: normalizePath(path),
  }));
}

export function symbolHits(symbols: readonly CodeSymbol[], directory: string): SearchHit[] {
  return symbols.slice(0, MAX_HITS).map((symbol) => ({
    kind: "symbol",
    path: uriToPath(symbol.location.uri, directory),
    line: rangeStartLine(symbol.location.range),
    name: symbol.name,
    symbolKind: symbolKindName(symbol.kind),
  }));
}

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "12 matches in 3 files", "1 file", "Showing 500 of 2,000 matches in 40 files". */
export function summarize(mode: SearchMode, hits: readonly SearchHit[], total: number): string {
  const shown = hits.length < total ? `Showing ${hits.length.toLocaleString("en-US")} of ` : "";
  switch (mode) {
    case "text": {
      const files = new Set(hits.map((hit) => hit.path)).size;
      const matches = count(total, "match", "matches");
      return `${shown}${matches} in ${count(files, "file", "files")}`;
    }
    case "files":
      return `${shown}${count(total, "result", "results")}`;
    case "symbols":
      return `${shown}${count(total, "symbol", "symbols")}`;
  }
}
