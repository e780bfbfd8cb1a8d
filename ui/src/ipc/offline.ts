// The offline copies of sessions through the door: what Rust kept of the sessions the user
// opened, readable while their server is down (list, one copy, search), the write it is asked to
// redo when a reply ends, and the settings' size and Clear. Results unwrapped; a failure thrown as
// an AppError with the backend's sentence.
import {
  commands,
  type CommandError,
  type CopiesSize,
  type CopyHit_Serialize,
  type CopySummary_Serialize,
  type SessionCopyView_Serialize,
} from "../bindings";
import { toAppError } from "./index";

export type { CopiesSize };
export type CopySummary = CopySummary_Serialize;
export type CopyHit = CopyHit_Serialize;
export type SessionCopy = SessionCopyView_Serialize;

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** The kept sessions of a project, the most recently updated first. */
export async function listOfflineCopies(serverId: string, directory: string): Promise<CopySummary[]> {
  return unwrap(await commands.listOfflineCopies(serverId, directory));
}

/** One kept session with its messages, oldest first; null when none is kept. */
export async function offlineCopy(serverId: string, sessionId: string): Promise<SessionCopy | null> {
  return unwrap(await commands.offlineCopy(serverId, sessionId));
}

export async function searchOfflineCopies(
  serverId: string,
  directory: string,
  query: string,
): Promise<CopyHit[]> {
  return unwrap(await commands.searchOfflineCopies(serverId, directory, query));
}

/** Asks Rust to re-read a session's last messages into its copy; returns at once. */
export async function refreshOfflineCopy(serverId: string, sessionId: string): Promise<void> {
  unwrap(await commands.refreshOfflineCopy(serverId, sessionId));
}

export async function offlineCopiesSize(): Promise<CopiesSize> {
  return unwrap(await commands.offlineCopiesSize());
}

export async function clearOfflineCopies(): Promise<CopiesSize> {
  return unwrap(await commands.clearOfflineCopies());
}

/** The whole door, as screens and tests take it. */
export interface OfflineApi {
  listOfflineCopies: typeof listOfflineCopies;
  offlineCopy: typeof offlineCopy;
  searchOfflineCopies: typeof searchOfflineCopies;
  refreshOfflineCopy: typeof refreshOfflineCopy;
  offlineCopiesSize: typeof offlineCopiesSize;
  clearOfflineCopies: typeof clearOfflineCopies;
}
