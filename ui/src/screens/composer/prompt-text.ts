// What the composer reads in its text: the `/command` or `@path` being typed at the caret, a
// `/name args` to run, and the files mentioned as `@path`. Pure string work, run on each keypress,
// so it only looks at the word around the caret.
import type { Command } from "../../ipc";

/** The word being completed: `/query` at the very start of the text, or `@query` anywhere. */
export interface Completion {
  kind: "command" | "file";
  query: string;
  /** Where the word starts (its `/` or `@`) and ends (the next whitespace or the end). */
  start: number;
  end: number;
}

const SPACE = /\s/;

function wordEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !SPACE.test(text.charAt(end))) end++;
  return end;
}

export function completionAt(text: string, caret: number): Completion | null {
  let start = caret;
  while (start > 0 && !SPACE.test(text.charAt(start - 1))) start--;
  if (start === caret) return null;
  const sigil = text.charAt(start);
  const end = wordEnd(text, caret);
  const query = text.slice(start + 1, caret);
  if (sigil === "/" && start === 0) return { kind: "command", query, start, end };
  if (sigil === "@") return { kind: "file", query, start, end };
  return null;
}

/** Puts `word` (e.g. `/review` or `@src/app.ts`) in place of the completed word, then one space. */
export function applyCompletion(
  text: string,
  completion: Completion,
  word: string,
): { text: string; caret: number } {
  const before = text.slice(0, completion.start) + word + " ";
  const rest = text.slice(completion.end).replace(/^ /, "");
  return { text: before + rest, caret: before.length };
}

/** The commands matching `query`: names starting with it first, then names containing it. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const needle = query.toLowerCase();
  const starts: Command[] = [];
  const contains: Command[] = [];
  for (const command of commands) {
    const name = command.name.toLowerCase();
    if (name.startsWith(needle)) starts.push(command);
    else if (name.includes(needle)) contains.push(command);
  }
  return [...starts, ...contains];
}

/** `/name args` when `name` is one of the server's commands; anything else is a plain prompt. */
export function parseCommand(
  text: string,
  known: readonly Command[],
): { name: string; args: string } | null {
  const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return null;
  const name = match[1] ?? "";
  if (!known.some((command) => command.name === name)) return null;
  return { name, args: (match[2] ?? "").trim() };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Which of `paths` still appear in `text` as an `@path` word (after a space or at the start, and
 * followed by a space, the end, or punctuation closing a sentence).
 */
export function mentionedPaths(text: string, paths: Iterable<string>): string[] {
  const found: string[] = [];
  for (const path of new Set(paths)) {
    const word = new RegExp(`(^|\\s)@${escapeRegExp(path)}(?=$|[\\s.,;:!?)\\]])`);
    if (word.test(text)) found.push(path);
  }
  return found;
}

/** A `file://` URL for an absolute path, with the characters a URL cannot carry escaped. */
export function fileUrl(absolutePath: string): string {
  const slashed = absolutePath.replace(/\\/g, "/");
  const rooted = slashed.startsWith("/") ? slashed : `/${slashed}`;
  return `file://${encodeURI(rooted).replace(/[?#]/g, encodeURIComponent)}`;
}

/**
 * The file part that sends a mentioned project path the way OpenCode's own clients do: the server
 * reads a `text/plain` file:// part as the file's content, and lists an `application/x-directory`
 * one (the find API marks directories with a trailing slash). The text keeps the `@path`.
 */
export function mentionPart(
  directory: string,
  path: string,
): { mime: string; url: string; filename: string } {
  const absolute = path.startsWith("/") ? path : `${directory.replace(/[/\\]+$/, "")}/${path}`;
  return {
    mime: path.endsWith("/") ? "application/x-directory" : "text/plain",
    url: fileUrl(absolute),
    filename: path,
  };
}
