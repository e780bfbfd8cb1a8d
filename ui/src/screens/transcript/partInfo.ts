// What PartView shows, worked out from a part's data: pure, so each rule has a unit test. Tool
// input and metadata are `unknown` on the wire (each tool has its own); these helpers read them
// defensively, as OpenCode 1.18.33 fills them:
//   read         input {filePath, offset? (first line, 1-based), limit?}
//   edit         input {filePath, oldString, newString, replaceAll}
//                metadata {diff: unified patch, filediff: {file, patch, additions, deletions}, diagnostics}
//   write        input {filePath, content}; metadata {filepath, exists, diagnostics}
//   apply_patch  input {patchText}; metadata {diff, files: [{filePath, relativePath, type:
//                add|update|delete|move, patch, additions, deletions, movePath?}], diagnostics}
//   bash         input {command, description?, timeout?}; metadata {output (grows while running), exit?}
//   todowrite    input {todos}; metadata {todos}
// Other versions add `before`/`after` to filediff and files: those are used when present.
import { firstChangedLine } from "../../components/DiffView.targets";
import type { Part, Todo } from "../../ipc";

export type ToolPart = Extract<Part, { type: "tool" }>;
export type ToolState = ToolPart["state"];
export type FilePart = Extract<Part, { type: "file" }>;
/** What a file part and a tool's attachment have in common. */
export interface FileLike {
  mime: string;
  url: string;
  filename?: string;
  source?: unknown;
}

type Fields = Record<string, unknown>;

/** `value` as an object to read fields from; `{}` for anything else. */
export function fields(value: unknown): Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function toolInput(state: ToolState): Fields {
  return state.status === "unknown" ? {} : fields(state.input);
}

export function toolMetadata(state: ToolState): Fields {
  return state.status === "running" || state.status === "completed" || state.status === "error"
    ? fields(state.metadata)
    : {};
}

/** Input fields that best say what a call is about, in order of preference. */
const TITLE_FIELDS = ["description", "filePath", "path", "command", "pattern", "url", "query", "name"];

/** The call's title: the server's, or else the most telling input field. */
export function toolTitle(part: ToolPart): string {
  const state = part.state;
  if ((state.status === "running" || state.status === "completed") && state.title) return state.title;
  const input = toolInput(state);
  for (const name of TITLE_FIELDS) {
    const value = text(input[name])?.trim();
    if (value) return firstLine(value);
  }
  return "";
}

function firstLine(value: string): string {
  const newline = value.indexOf("\n");
  return newline < 0 ? value : `${value.slice(0, newline)} …`;
}

export const STATUS_LABEL: Record<string, string> = {
  pending: "Pending",
  running: "Running",
  completed: "Completed",
  error: "Error",
};

export function statusLabel(state: ToolState): string {
  return state.status === "unknown" ? state.kind : (STATUS_LABEL[state.status] ?? state.status);
}

/** How long the call took, in ms; null while it runs or when the server gave no times. */
export function toolDuration(state: ToolState): number | null {
  if (state.status !== "completed" && state.status !== "error") return null;
  const { start, end } = state.time;
  if (typeof start !== "number" || typeof end !== "number" || end < start) return null;
  return end - start;
}

/** 850 → "850 ms", 1_240 → "1.2 s", 42_000 → "42 s", 125_000 → "2 min 5 s", 3_780_000 → "1 h 3 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${String(Math.round(ms))} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${String(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${String(minutes)} min ${String(seconds % 60)} s`;
  return `${String(Math.floor(minutes / 60))} h ${String(minutes % 60)} min`;
}

/** The tool's error text, for a call that failed. */
export function toolError(state: ToolState): string | null {
  return state.status === "error" ? (state.error || "The tool failed.") : null;
}

/** What the tool printed: its output when done; a shell's output so far while it runs. */
export function toolOutput(state: ToolState): string {
  if (state.status === "completed") return state.output;
  if (state.status === "running") return text(fields(state.metadata).output) ?? "";
  return "";
}

/** Tools whose calls are shell commands. */
export function isShell(tool: string): boolean {
  return tool === "bash" || tool === "shell";
}

export function shellCommand(part: ToolPart): string {
  return text(toolInput(part.state).command) ?? "";
}

/** One file's change, as DiffView takes it. */
export interface DiffSource {
  file: string | null;
  patch?: string;
  before?: string;
  after?: string;
  additions?: number;
  deletions?: number;
  status?: string;
}

/** Tools that change files, and so are shown as diffs. */
export const EDIT_TOOLS = new Set(["edit", "write", "patch", "apply_patch", "multiedit"]);

const PATCH_FILE_STATUS: Record<string, string> = { add: "added", delete: "deleted", update: "modified", move: "modified" };

/**
 * The changes an editing call made (or, before it has run, the change it asks for): one entry
 * per file. Empty for other tools, or when nothing describes a change yet.
 */
export function toolDiffs(part: ToolPart): DiffSource[] {
  if (!EDIT_TOOLS.has(part.tool)) return [];
  const input = toolInput(part.state);
  const metadata = toolMetadata(part.state);
  const inputPath = text(input.filePath) ?? text(input.path) ?? null;

  // apply_patch: one entry per file it touched.
  if (Array.isArray(metadata.files) && metadata.files.length > 0) {
    const files: DiffSource[] = [];
    for (const item of metadata.files) {
      const file = fields(item);
      const path = text(file.relativePath) ?? text(file.filePath) ?? null;
      const patch = text(file.patch) ?? text(file.diff);
      const before = text(file.before);
      const after = text(file.after);
      if (!patch && before === undefined && after === undefined) continue;
      files.push({
        file: path,
        patch,
        before,
        after,
        additions: count(file.additions),
        deletions: count(file.deletions),
        status: PATCH_FILE_STATUS[text(file.type) ?? ""],
      });
    }
    if (files.length > 0) return files;
  }

  // edit: filediff (one file), or the whole patch.
  const filediff = fields(metadata.filediff);
  const filePatch = text(filediff.patch);
  const fileBefore = text(filediff.before);
  const fileAfter = text(filediff.after);
  if (filePatch || fileBefore !== undefined || fileAfter !== undefined) {
    return [
      {
        file: text(filediff.file) ?? inputPath,
        patch: filePatch,
        before: fileBefore,
        after: fileAfter,
        additions: count(filediff.additions),
        deletions: count(filediff.deletions),
      },
    ];
  }
  const diff = text(metadata.diff);
  if (diff) return [{ file: part.tool === "apply_patch" ? null : inputPath, patch: diff }];

  // Not run yet (pending, waiting for permission) or failed: the change the input asks for.
  const oldString = text(input.oldString);
  const newString = text(input.newString);
  if (oldString !== undefined && newString !== undefined) {
    return [{ file: inputPath, before: oldString, after: newString }];
  }
  const content = text(input.content);
  if (part.tool === "write" && content !== undefined && metadata.exists !== true) {
    return [{ file: inputPath, before: "", after: content, status: "added" }];
  }
  return [];
}

/** Tools about one file, named by `filePath`: its name in the tool line opens it. */
const FILE_TOOLS = new Set(["read", "edit", "write", "multiedit"]);

/** The file a read, edit or write call is about (as the tool names it, often absolute). */
export function toolFilePath(part: ToolPart): string | null {
  if (!FILE_TOOLS.has(part.tool)) return null;
  const input = toolInput(part.state);
  return text(input.filePath) ?? text(input.path) ?? null;
}

/**
 * Where to open that file: a read's first line (`offset`, 1-based in OpenCode 1.18), an edit's
 * first changed line (from its patch); undefined when the call says none.
 */
export function toolFileLine(part: ToolPart): number | undefined {
  if (part.tool === "read") {
    const offset = count(toolInput(part.state).offset);
    return offset !== undefined && offset >= 1 ? Math.floor(offset) : undefined;
  }
  return firstChangedLine(toolDiffs(part)[0]?.patch);
}

/** A write over an existing file, whose old text the server does not send: show the new one. */
export function writtenContent(part: ToolPart): { file: string; content: string } | null {
  if (part.tool !== "write") return null;
  const input = toolInput(part.state);
  const content = text(input.content);
  if (content === undefined) return null;
  return { file: text(input.filePath) ?? "", content };
}

/** The todo list a todowrite (or todoread) call carries. */
export function toolTodos(part: ToolPart): Todo[] | null {
  if (part.tool !== "todowrite" && part.tool !== "todoread") return null;
  const list = toolMetadata(part.state).todos ?? toolInput(part.state).todos;
  if (!Array.isArray(list)) return null;
  return list.flatMap((item) => {
    const todo = fields(item);
    const content = text(todo.content);
    return content === undefined
      ? []
      : [{ content, status: text(todo.status) ?? "pending", priority: text(todo.priority) ?? "medium" }];
  });
}

/** The input as text to show: pretty JSON; the raw text streamed so far for a pending call. */
export function inputText(state: ToolState): string {
  const input = toolInput(state);
  if (Object.keys(input).length === 0) return state.status === "pending" ? state.raw : "";
  return JSON.stringify(input, null, 2);
}

/** How many +/− lines the call changed, when the server says. */
export function diffStat(diffs: DiffSource[]): { additions: number; deletions: number } | null {
  let additions = 0;
  let deletions = 0;
  let known = false;
  for (const diff of diffs) {
    if (diff.additions !== undefined || diff.deletions !== undefined) known = true;
    additions += diff.additions ?? 0;
    deletions += diff.deletions ?? 0;
  }
  return known ? { additions, deletions } : null;
}

/** Why an assistant message failed, as a sentence; `muted` for a stop the user asked for. */
export function messageErrorText(error: { name: string; data?: unknown }): { text: string; muted: boolean } {
  const data = fields(error.data);
  const message = text(data.message)?.trim();
  switch (error.name) {
    case "MessageAbortedError":
      return { text: "Stopped.", muted: true };
    case "MessageOutputLengthError":
      return { text: "The reply was cut off: it reached the model's output limit.", muted: false };
    case "ProviderAuthError":
      return {
        text: `Could not sign in to ${text(data.providerID) ?? "the provider"}${message ? `: ${message}` : "."}`,
        muted: false,
      };
    case "ContextOverflowError":
      return {
        text: `The conversation no longer fits the model's context${message ? `: ${message}` : "."} Compact the session to go on.`,
        muted: false,
      };
    case "APIError": {
      const status = count(data.statusCode);
      const base = message ?? "The model's provider returned an error.";
      return { text: status ? `${base} (HTTP ${String(status)})` : base, muted: false };
    }
    default:
      return { text: message ?? error.name, muted: false };
  }
}

/** The retry part's line: which attempt, and why. */
export function retryText(part: Extract<Part, { type: "retry" }>): string {
  const error = fields(part.error);
  const message = text(fields(error.data).message) ?? text(error.message) ?? text(error.name);
  const attempt = count(part.attempt);
  return `Retrying${attempt ? ` (attempt ${String(attempt)})` : ""}${message ? `: ${message}` : "…"}`;
}

/** A file part's name: its file name, its source path, or the last part of its URL (never a data: URL). */
export function fileLabel(part: FileLike): string {
  if (part.filename) return part.filename;
  const path = text(fields(part.source).path);
  if (path) return path;
  if (part.url.startsWith("data:")) return part.mime || "attachment";
  const tail = part.url.split(/[?#]/)[0]?.split("/").filter(Boolean).pop();
  return tail ? decodeURIComponentSafe(tail) : part.url;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** An image the web view can show inline: an image type in a data: URL (file:// URLs it cannot load). */
export function isInlineImage(part: FileLike): boolean {
  return part.mime.startsWith("image/") && part.url.startsWith("data:image/");
}

/** Whether a text or reasoning part is still being written. */
export function isStreaming(part: { time?: { start: number | null; end?: number | null } }): boolean {
  return part.time != null && typeof part.time.start === "number" && part.time.end == null;
}

/** Changed lines up to which a finished edit shows its diff without a click. */
export const INLINE_DIFF_LINES = 60;

/**
 * Whether a tool card starts open: a finished edit small enough to read at a glance shows its diff
 * in the transcript, as a reviewer expects; everything else stays one line until asked.
 */
export function opensByDefault(part: ToolPart): boolean {
  if (part.state.status !== "completed") return false;
  const stat = diffStat(toolDiffs(part));
  if (!stat) return false;
  const changed = stat.additions + stat.deletions;
  return changed > 0 && changed <= INLINE_DIFF_LINES;
}
