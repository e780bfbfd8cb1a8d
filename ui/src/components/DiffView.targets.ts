// Where a diff opens its file: the line each diff line stands for in the file as it is now. An
// added or kept line is its new line number; a removed line, or a hunk's `@@` header, the next
// line that exists now (the place of the removal), else the one before it. Pure, for DiffView
// and for the tool lines that open the file at its first change.
import { type DiffLine, parseUnifiedPatch } from "../lib/diff";

/** The line in the current file for each of `lines` (undefined: none, e.g. a deleted file). */
export function lineTargets(lines: readonly DiffLine[]): (number | undefined)[] {
  const targets = new Array<number | undefined>(lines.length);
  // Backward: the next line that exists now, within the hunk (a header takes its first line).
  let next: number | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line?.newNo != null) next = line.newNo;
    targets[i] = line?.newNo ?? next;
    if (line?.kind === "hunk") next = undefined;
  }
  // Forward: removals that end a hunk are at the line before them.
  let previous: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line?.kind === "hunk") previous = undefined;
    if (line?.newNo != null) previous = line.newNo;
    targets[i] ??= previous;
  }
  return targets;
}

/** The first changed line of a unified patch's first file, in the file as it is now. */
export function firstChangedLine(patch: string | null | undefined): number | undefined {
  if (!patch) return undefined;
  const lines = parseUnifiedPatch(patch)[0]?.lines ?? [];
  const at = lines.findIndex((line) => line.kind === "add" || line.kind === "del");
  if (at < 0) return undefined;
  return lineTargets(lines)[at];
}
