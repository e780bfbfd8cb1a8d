// A session's own requests and its sub-agents' (sessions whose parentID chain leads to it): a
// sub-agent's permission or question waits in a session the user never opened, so it shows in
// the session they started, as the tray and notifications place it too.
import type { Session } from "../../ipc";

/** Sub-agents can start sub-agents; a chain longer than this is not followed (as in Rust). */
const MAX_DEPTH = 8;

/** Whether session `sessionId` is `openId` or one of its sub-agents' sessions. Pure. */
export function isWithin(
  sessions: Record<string, Session | undefined>,
  sessionId: string,
  openId: string,
): boolean {
  let id: string | undefined = sessionId;
  for (let depth = 0; id !== undefined && depth <= MAX_DEPTH; depth++) {
    if (id === openId) return true;
    id = sessions[id]?.parentID ?? undefined;
  }
  return false;
}

/** The requests of session `openId`, then its sub-agents', from requests by session id. Pure. */
export function requestsWithin<T>(
  bySession: Record<string, readonly T[] | undefined>,
  sessions: Record<string, Session | undefined>,
  openId: string,
): T[] {
  const own = bySession[openId] ?? [];
  const theirs = Object.entries(bySession).flatMap(([id, requests]) =>
    id !== openId && requests && isWithin(sessions, id, openId) ? requests : [],
  );
  return [...own, ...theirs];
}
