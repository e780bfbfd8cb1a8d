// Diffs → lines to display. Two sources: a unified patch as the server sends it (the edit tool's
// `metadata.diff`, a session's `SnapshotFileDiff.patch`, apply_patch's per-file `patch`), or the
// text before and after a change (the edit tool's input while no patch exists yet). Pure, and
// total: a malformed patch shows what could be read, never throws.
import { structuredPatch } from "diff";

export type DiffLineKind = "add" | "del" | "context" | "hunk" | "note";

export interface DiffLine {
  kind: DiffLineKind;
  /** The line without its +/−/space prefix; a hunk's `@@ … @@` header; or a note's text. */
  text: string;
  /** Line number in the old file, for removed and context lines. */
  oldNo: number | null;
  /** Line number in the new file, for added and context lines. */
  newNo: number | null;
}

export interface DiffFile {
  /** Old path, or null for a file the change creates. */
  oldName: string | null;
  /** New path, or null for a file the change deletes. */
  newName: string | null;
  lines: DiffLine[];
  additions: number;
  deletions: number;
}

/** The name to show for a file: the new path, or the old one for a deletion. */
export function fileName(file: DiffFile): string {
  return file.newName ?? file.oldName ?? "";
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** `a/src/x.ts\t2024-…` → `src/x.ts`; `/dev/null` → null. */
function pathOf(header: string, prefix: "a/" | "b/"): string | null {
  const path = header.split("\t")[0]?.trim() ?? "";
  if (path === "/dev/null" || path === "") return null;
  return path.startsWith(prefix) ? path.slice(2) : path;
}

function newFile(): DiffFile {
  return { oldName: null, newName: null, lines: [], additions: 0, deletions: 0 };
}

/**
 * The files of a unified patch (git's or jsdiff's format, one or many files), each with its lines
 * numbered. Lines outside hunks that matter to a reader (binary files, renames) become notes.
 */
export function parseUnifiedPatch(patch: string): DiffFile[] {
  const files: DiffFile[] = [];
  // Lines still expected in the current hunk, from its header (a count left out means 1).
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  const inHunk = () => oldLeft > 0 || newLeft > 0;
  const startFile = (): DiffFile => {
    const file = newFile();
    files.push(file);
    return file;
  };
  const current = (): DiffFile => files.at(-1) ?? startFile();

  const rows = patch.split("\n");
  // A patch ends with a newline: the empty string after it is no line.
  if (rows.at(-1) === "") rows.pop();
  for (let i = 0; i < rows.length; i++) {
    const row = (rows[i] ?? "").replace(/\r$/, "");
    if (inHunk()) {
      const sign = row[0];
      if (sign === "+") {
        const target = current();
        target.lines.push({ kind: "add", text: row.slice(1), oldNo: null, newNo: newNo++ });
        target.additions++;
        newLeft--;
        continue;
      }
      if (sign === "-") {
        const target = current();
        target.lines.push({ kind: "del", text: row.slice(1), oldNo: oldNo++, newNo: null });
        target.deletions++;
        oldLeft--;
        continue;
      }
      // Some tools strip the space of an empty context line.
      if (sign === " " || row === "") {
        current().lines.push({ kind: "context", text: row.slice(1), oldNo: oldNo++, newNo: newNo++ });
        oldLeft--;
        newLeft--;
        continue;
      }
      if (sign === "\\") {
        current().lines.push({ kind: "note", text: row.slice(1).trim(), oldNo: null, newNo: null });
        continue;
      }
      // Anything else ends a hunk whose header miscounted.
      oldLeft = 0;
      newLeft = 0;
    }
    if (row.startsWith("\\")) {
      // "\ No newline at end of file" right after a hunk's last line.
      current().lines.push({ kind: "note", text: row.slice(1).trim(), oldNo: null, newNo: null });
      continue;
    }
    const hunk = HUNK.exec(row);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[3]);
      oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      current().lines.push({ kind: "hunk", text: row, oldNo: null, newNo: null });
      continue;
    }
    if (row.startsWith("diff --git ") || row.startsWith("Index: ")) {
      const file = startFile();
      // Names for a file with no ---/+++ lines (binary, rename only); those lines win if present.
      const git = /^diff --git a\/(.+) b\/(.+)$/.exec(row);
      if (git) {
        file.oldName = git[1] ?? null;
        file.newName = git[2] ?? null;
      } else if (row.startsWith("Index: ")) {
        file.newName = row.slice(7).trim() || null;
      }
      continue;
    }
    if (row.startsWith("--- ") && rows[i + 1]?.startsWith("+++ ")) {
      // A file header opens a new file unless a "diff --git"/"Index:" line just did.
      const last = files.at(-1);
      const target = last && last.lines.length === 0 ? last : startFile();
      target.oldName = pathOf(row.slice(4), "a/");
      target.newName = pathOf((rows[i + 1] ?? "").slice(4), "b/");
      i++;
      continue;
    }
    if (row.startsWith("Binary files ") || row.startsWith("rename ") || row.startsWith("GIT binary patch")) {
      current().lines.push({ kind: "note", text: row, oldNo: null, newNo: null });
    }
    // Other header lines (index, mode, "====") say nothing a reader needs here.
  }
  return files;
}

/** Beyond this many changed lines jsdiff gives up and the whole old text is shown replaced. */
const MAX_EDIT_LENGTH = 1000;

/** The lines of the change from `before` to `after` (one file), with `context` lines around each change. */
export function diffTexts(before: string, after: string, name: string | null = null, context = 3): DiffFile {
  const file: DiffFile = { ...newFile(), oldName: name, newName: name };
  const patch = structuredPatch("", "", before, after, undefined, undefined, {
    context,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (!patch) {
    // Too different to diff cheaply: all of the old out, all of the new in.
    const oldLines = splitLines(before);
    const newLines = splitLines(after);
    file.lines.push({
      kind: "hunk",
      text: `@@ -1,${oldLines.length} +1,${newLines.length} @@`,
      oldNo: null,
      newNo: null,
    });
    oldLines.forEach((text, i) => file.lines.push({ kind: "del", text, oldNo: i + 1, newNo: null }));
    newLines.forEach((text, i) => file.lines.push({ kind: "add", text, oldNo: null, newNo: i + 1 }));
    file.deletions = oldLines.length;
    file.additions = newLines.length;
    return file;
  }
  for (const hunk of patch.hunks) {
    let oldNo = hunk.oldStart;
    let newNo = hunk.newStart;
    file.lines.push({
      kind: "hunk",
      text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
      oldNo: null,
      newNo: null,
    });
    for (const row of hunk.lines) {
      const text = row.slice(1);
      if (row.startsWith("+")) {
        file.lines.push({ kind: "add", text, oldNo: null, newNo: newNo++ });
        file.additions++;
      } else if (row.startsWith("-")) {
        file.lines.push({ kind: "del", text, oldNo: oldNo++, newNo: null });
        file.deletions++;
      } else if (row.startsWith("\\")) {
        file.lines.push({ kind: "note", text: text.trim(), oldNo: null, newNo: null });
      } else {
        file.lines.push({ kind: "context", text, oldNo: oldNo++, newNo: newNo++ });
      }
    }
  }
  return file;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
