// Pure helpers for the Files panel: ordering directory entries, git status marks, turning
// search and language-server answers into project paths and lines, and saying why a call failed.
import type { FileContent, FileNode, Submatch, VcsFileStatus } from "../ipc";

/** Project paths use "/" and no leading "./" or trailing "/", whatever the server sent. */
export function normalizePath(path: string): string {
  let clean = path.replaceAll("\\", "/");
  while (clean.startsWith("./")) clean = clean.slice(2);
  while (clean.endsWith("/")) clean = clean.slice(0, -1);
  return clean;
}

/** The directory holding `path`; `""` (the project root) for a top-level entry. */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The directories above `path`, outermost first: "a/b/c.ts" → ["a", "a/b"]. */
export function ancestorPaths(path: string): string[] {
  const parts = normalizePath(path).split("/");
  const result: string[] = [];
  for (let i = 1; i < parts.length; i++) result.push(parts.slice(0, i).join("/"));
  return result;
}

// Natural order ("file2" before "file10") ignoring case, as file managers sort.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Directories first, then files; each group by name, case-insensitive and number-aware. */
export function sortNodes(nodes: readonly FileNode[]): FileNode[] {
  return [...nodes].sort((a, b) => {
    const aDir = a.type === "directory";
    const bDir = b.type === "directory";
    if (aDir !== bDir) return aDir ? -1 : 1;
    const byName = collator.compare(a.name, b.name);
    if (byName !== 0) return byName;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

export interface FileMark {
  /** One letter shown beside the name: M, A, D, U (or R, C, ? for what git else reports). */
  letter: string;
  /** The word for screen readers and tooltips: "modified", "added"... */
  status: string;
  additions: number;
  deletions: number;
}

const LETTERS: Record<string, string> = {
  modified: "M",
  added: "A",
  deleted: "D",
  untracked: "U",
  renamed: "R",
  copied: "C",
};

export function statusLetter(status: string): string {
  return LETTERS[status.toLowerCase()] ?? (status.charAt(0).toUpperCase() || "?");
}

export interface StatusIndex {
  /** By project path of a changed file. */
  files: ReadonlyMap<string, FileMark>;
  /** Every directory with a changed file somewhere below it. */
  dirs: ReadonlySet<string>;
}

/** Indexes git's changed files once, so each tree row looks its mark up in constant time. */
export function indexStatus(changes: readonly VcsFileStatus[]): StatusIndex {
  const files = new Map<string, FileMark>();
  const dirs = new Set<string>();
  for (const change of changes) {
    const path = normalizePath(change.file);
    if (path === "") continue;
    files.set(path, {
      letter: statusLetter(change.status),
      status: change.status.toLowerCase(),
      additions: change.additions ?? 0,
      deletions: change.deletions ?? 0,
    });
    for (const dir of ancestorPaths(path)) dirs.add(dir);
  }
  return { files, dirs };
}

/** Lines of a text file; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** `path` relative to the project `directory`, or unchanged when it lies outside it. */
export function relativeTo(path: string, directory: string): string {
  const clean = path.replaceAll("\\", "/");
  const root = directory.replaceAll("\\", "/").replace(/\/+$/, "");
  if (root !== "" && clean.startsWith(`${root}/`)) return clean.slice(root.length + 1);
  return clean;
}

/** A language server's `file:///abs/path` as a project path (absolute if outside the project). */
export function uriToPath(uri: string, directory: string): string {
  if (!uri.startsWith("file://")) return relativeTo(uri, directory);
  let path = uri.slice("file://".length);
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: keep the raw text rather than lose the result.
  }
  // file:///C:/x on Windows: the drive letter follows the third slash.
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1);
  return relativeTo(path, directory);
}

/** The 1-based line where an LSP range starts (its lines are 0-based); undefined if absent. */
export function rangeStartLine(range: unknown): number | undefined {
  if (typeof range !== "object" || range === null || !("start" in range)) return undefined;
  const start = range.start;
  if (typeof start !== "object" || start === null || !("line" in start)) return undefined;
  const line = start.line;
  return typeof line === "number" && Number.isFinite(line) && line >= 0 ? line + 1 : undefined;
}

// LSP SymbolKind numbers, as the specification lists them.
const SYMBOL_KINDS = [
  "",
  "file",
  "module",
  "namespace",
  "package",
  "class",
  "method",
  "property",
  "field",
  "constructor",
  "enum",
  "interface",
  "function",
  "variable",
  "constant",
  "string",
  "number",
  "boolean",
  "array",
  "object",
  "key",
  "null",
  "enum member",
  "struct",
  "event",
  "operator",
  "type parameter",
];

export function symbolKindName(kind: number | null): string {
  return (kind !== null && SYMBOL_KINDS[kind]) || "symbol";
}

export interface MatchSegment {
  text: string;
  match: boolean;
}

/** Longest preview of a matching line; minified files have lines of megabytes. */
export const PREVIEW_CHARS = 160;

/**
 * A matching line cut into plain and matched pieces for display. ripgrep counts submatch
 * offsets in UTF-8 bytes, so they are mapped back to characters. Leading indentation is dropped,
 * and a long line is shown from a little before its first match.
 */
export function matchSegments(
  line: string,
  submatches: readonly Submatch[],
  width = PREVIEW_CHARS,
): MatchSegment[] {
  const text = line.replace(/\r?\n$/, "");
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const charAt = (byte: number) =>
    decoder.decode(bytes.subarray(0, Math.max(0, Math.min(byte, bytes.length)))).length;
  const ranges = submatches
    .filter((s) => s.start !== null && s.end !== null)
    .map((s) => [charAt(s.start ?? 0), charAt(s.end ?? 0)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);

  const indent = text.length - text.trimStart().length;
  const firstMatch = Math.min(ranges[0]?.[0] ?? indent, text.length);
  // Some context before the match, but never past the match itself (it may sit in the indent).
  const from = Math.min(firstMatch, Math.max(indent, firstMatch - 40));
  const to = Math.min(text.length, from + width);

  const segments: MatchSegment[] = [];
  const push = (a: number, b: number, match: boolean) => {
    const start = Math.max(a, from);
    const end = Math.min(b, to);
    if (end > start) segments.push({ text: text.slice(start, end), match });
  };
  let cursor = from;
  for (const [a, b] of ranges) {
    if (a < cursor) continue;
    push(cursor, a, false);
    push(a, b, true);
    cursor = b;
  }
  push(cursor, to, false);
  if (from > indent && segments[0]) segments[0] = { ...segments[0], text: `…${segments[0].text}` };
  const last = segments[segments.length - 1];
  if (to < text.length && last) segments[segments.length - 1] = { ...last, text: `${last.text}…` };
  return segments;
}

/** A data: URL for a base64 image the viewer can show, or undefined for any other content. */
export function imageDataUrl(content: FileContent): string | undefined {
  const mime = content.mimeType ?? "";
  if (content.encoding !== "base64" || !/^image\/[\w.+-]+$/.test(mime)) return undefined;
  return `data:${mime};base64,${content.content}`;
}

export interface Failure {
  /** What went wrong, as a sentence. */
  reason: string;
  /** What the user can do about it. */
  hint: string;
}

/** Why a backend call failed and what to do, from the AppError kind the ipc layer attaches. */
export function explainFailure(error: unknown): Failure {
  const kind =
    typeof error === "object" && error !== null && "kind" in error && typeof error.kind === "string"
      ? error.kind
      : undefined;
  switch (kind) {
    case "Unreachable":
      return {
        reason: "The OpenCode server is not answering.",
        hint: "Check the connection in the status bar, then retry.",
      };
    case "NotFound":
      return {
        reason: "It is not there any more (moved or deleted).",
        hint: "Refresh the tree or pick another file.",
      };
    case "Timeout":
      return { reason: "The server took too long to answer.", hint: "Retry in a moment." };
    case "Unauthorized":
      return {
        reason: "The server refused this app's password.",
        hint: "Reconnect to the server, then retry.",
      };
    default: {
      const message = error instanceof Error ? error.message : String(error);
      const reason = message.trim() === "" ? "Something went wrong." : message.trim();
      return {
        reason: /[.!?]$/.test(reason) ? reason : `${reason}.`,
        hint: "Retry; if it keeps failing, check the server.",
      };
    }
  }
}

export interface ViewSlice {
  /** The text to show: whole lines, or a cut one when a single line is over the budget. */
  text: string;
  /** How many lines it holds. */
  lines: number;
  /** Something was left out. */
  truncated: boolean;
}

/**
 * The start of a file to show: at most `maxLines` lines and about `maxChars` characters, so a
 * huge log or a megabyte-long minified line does not freeze the window.
 */
export function viewSlice(lines: readonly string[], maxLines: number, maxChars: number): ViewSlice {
  const kept: string[] = [];
  let chars = 0;
  for (const line of lines) {
    if (kept.length >= maxLines) break;
    if (chars + line.length > maxChars) {
      if (kept.length === 0) kept.push(line.slice(0, maxChars));
      return { text: kept.join("\n"), lines: kept.length, truncated: true };
    }
    kept.push(line);
    chars += line.length + 1;
  }
  return { text: kept.join("\n"), lines: kept.length, truncated: kept.length < lines.length };
}

/** 512 → "512 B", 2048 → "2 KB", 3_500_000 → "3.3 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes) || 0)} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${String(rounded)} ${units[unit] ?? "GB"}`;
}
