// The terminal panel's rules, pure: what a PTY's messages make of its tab's state, what the
// status line says, which PTYs are left over, which shell is the default, which links may open.
import type { Pty, PtyEvent, PtyShell, PtySize } from "../../ipc/pty";

export type { PtyEvent };

/** Where a tab's PTY stands, as its attachment last said. */
export type TabStatus =
  | { kind: "connecting" }
  | { kind: "live" }
  | { kind: "reconnecting"; reason: string }
  | { kind: "exited"; code: number | null }
  | { kind: "closed"; reason: string };

/**
 * The tab's state after `event`. "closed" is the last word; an exited shell stays exited through
 * the socket coming and going (there is nothing left to reconnect to but its output).
 */
export function applyEvent(status: TabStatus, event: PtyEvent): TabStatus {
  if (status.kind === "closed") return status;
  switch (event.type) {
    case "closed":
      return { kind: "closed", reason: event.reason };
    case "exited":
      return { kind: "exited", code: event.exitCode ?? null };
    case "connected":
      return status.kind === "exited" ? status : { kind: "live" };
    case "reconnecting":
      return status.kind === "exited" ? status : { kind: "reconnecting", reason: event.reason };
  }
}

/** The tab's state for a PTY found on the server (a leftover shown again). */
export function statusOf(pty: Pty): TabStatus {
  return pty.status === "exited" ? { kind: "exited", code: pty.exitCode ?? null } : { kind: "connecting" };
}

/** The line under the tabs for this state; `undefined` while the terminal is live. */
export function statusLine(status: TabStatus): string | undefined {
  switch (status.kind) {
    case "connecting":
    case "live":
      return undefined;
    case "reconnecting":
      return status.reason ? `Reconnecting… (${status.reason})` : "Reconnecting…";
    case "exited":
      return status.code === null ? "Process exited" : `Process exited (code ${status.code})`;
    case "closed":
      return status.reason ? `Terminal closed (${status.reason})` : "Terminal closed";
  }
}

/** Whether keys may still reach the PTY. */
export const acceptsInput = (status: TabStatus): boolean =>
  status.kind !== "exited" && status.kind !== "closed";

/** The server's PTYs that no tab shows. */
export function leftoversOf(listed: readonly Pty[], shown: ReadonlySet<string>): Pty[] {
  return listed.filter((pty) => !shown.has(pty.id));
}

/** "2 terminals from an earlier run". */
export function leftoverSentence(count: number): string {
  return count === 1 ? "1 terminal from an earlier run" : `${count} terminals from an earlier run`;
}

/**
 * The shells that may be started, in the server's order, one per name: the server lists a shell
 * once per directory it sits in (/bin/bash and /usr/bin/bash), which is one choice to a person.
 */
export function acceptableShells(shells: readonly PtyShell[]): PtyShell[] {
  const seen = new Set<string>();
  return shells.filter((shell) => shell.acceptable && !seen.has(shell.name) && Boolean(seen.add(shell.name)));
}

/**
 * The shell a new terminal starts: the one chosen when it is still acceptable, else `null`: the
 * server's default, the user's own login shell (the server's list starts with plain sh, which no
 * one wants by default).
 */
export function shellFor(shells: readonly PtyShell[], chosen: string | undefined): string | null {
  return acceptableShells(shells).find((shell) => shell.path === chosen)?.path ?? null;
}

/** A tab's title: the server's, else the shell's name from its command. */
export function titleOf(pty: Pty): string {
  if (pty.title.trim() !== "") return pty.title;
  return pty.command.split(/[\\/]/).pop() || "Terminal";
}

/** Only web addresses leave the terminal for the browser (not file:, javascript:, custom schemes). */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

export const sameSize = (a: PtySize | null | undefined, b: PtySize | null | undefined): boolean =>
  a != null && b != null && a.rows === b.rows && a.cols === b.cols;

/** A terminal's size before its screen has measured itself. */
export const DEFAULT_SIZE: PtySize = { rows: 24, cols: 80 };
