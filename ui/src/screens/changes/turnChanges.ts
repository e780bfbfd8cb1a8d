// What each turn of a session changed. OpenCode 1.18 leaves the session-wide diff
// (GET /session/{id}/diff, the `session.diff` event) empty, but records on each user message the
// files its turn changed (`summary.diffs`), updated as the reply's steps finish. Patches of
// different turns cannot be merged into one, so the panel shows them turn by turn.
import type { Message, Part, SnapshotFileDiff } from "../../ipc";

export interface TurnChanges {
  /** The user message that started the turn. */
  messageId: string;
  /** The first line of what the user asked, to recognise the turn by. */
  prompt: string;
  /** When the user sent it (ms since the epoch). */
  at: number;
  diffs: readonly SnapshotFileDiff[];
}

/** The turns among `ids` (oldest first) that changed files, newest first. */
export function turnChanges(
  ids: readonly string[],
  info: Readonly<Record<string, Message>>,
  parts: Readonly<Record<string, readonly Part[]>>,
): TurnChanges[] {
  const turns: TurnChanges[] = [];
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i] ?? "";
    const message = info[id];
    if (message?.role !== "user") continue;
    const diffs = message.summary?.diffs ?? [];
    if (diffs.length === 0) continue;
    turns.push({ messageId: id, prompt: promptLine(parts[id] ?? []), at: message.time.created ?? 0, diffs });
  }
  return turns;
}

/** The first non-empty line of the message's own text (not text the server added). */
function promptLine(parts: readonly Part[]): string {
  for (const part of parts) {
    if (part.type !== "text" || part.synthetic === true) continue;
    const line = part.text.split("\n").find((l) => l.trim() !== "");
    if (line) return line.trim();
  }
  return "(no text)";
}
