// The other half of the store's one writer: what the UI fetched or did itself, as actions applied
// to a ProjectState in place (the workspace wraps them in Solid's `produce`; tests pass a plain
// object), beside `applyEvents` for what the server said. Each action replaces exactly what its
// fetch covers, reconciled by id, so a fetch after a gap in the event stream removes what was
// deleted meanwhile instead of keeping it. The workspace writes the store only through these and
// the reducer.
import type { MessageWithParts, Pending, Session, SessionStatus, SnapshotFileDiff, Todo } from "../ipc";
import { upsertSorted } from "../lib/sorted";
import { drop, removeSession, upsertMessage, upsertPart } from "./reducer";
import type { ProjectState } from "./store";

const byId = (item: { id: string }) => item.id;

export type Snapshot =
  /** The session list, what waits for the user and what runs, all as the server has them now. */
  | {
      type: "sessions.fetched";
      sessions: readonly Session[];
      pending: Pending;
      statuses: Record<string, SessionStatus>;
      /** Sessions saved here since the list was asked for: the list may predate them. */
      keep?: readonly string[];
    }
  /** The tail of the session being opened: only its messages stay loaded. */
  | { type: "page.opened"; sessionId: string; messages: readonly MessageWithParts[] }
  /** A page of older messages of the open session. */
  | { type: "page.older"; messages: readonly MessageWithParts[] }
  /** Everything of `sessionId` before message `oldest` is let go. */
  | { type: "pages.trimmed"; sessionId: string; oldest: string }
  /** A session as the server answered an action on it (created, renamed, forked, shared...). */
  | { type: "session.saved"; session: Session }
  | { type: "session.removed"; sessionId: string }
  | { type: "extras.loaded"; sessionId: string; todos: Todo[]; diffs: SnapshotFileDiff[] }
  /** Another server or project: nothing of the last one stays. */
  | { type: "cleared" };

export function applySnapshot(state: ProjectState, snapshot: Snapshot): void {
  switch (snapshot.type) {
    case "sessions.fetched":
      sessionsFetched(state, snapshot);
      return;
    case "page.opened":
      // Only the open session's messages stay loaded. Every page of every session visited stayed
      // before, and the web process grew by hundreds of MB (scripts/bench-app.sh); a session
      // opened again costs the server's last page, about 20 ms.
      state.messages = { [snapshot.sessionId]: [] };
      state.messageInfo = {};
      state.parts = {};
      addPage(state, snapshot.messages);
      return;
    case "page.older":
      addPage(state, snapshot.messages);
      return;
    case "pages.trimmed": {
      const ids = state.messages[snapshot.sessionId] ?? [];
      // Ids sort by time: everything before the oldest kept message goes.
      const cut = ids.findIndex((id) => id >= snapshot.oldest);
      const gone = ids.splice(0, cut < 0 ? ids.length : cut);
      for (const id of gone) {
        drop(state.messageInfo, id);
        drop(state.parts, id);
      }
      return;
    }
    case "session.saved":
      state.sessions[snapshot.session.id] = snapshot.session;
      return;
    case "session.removed":
      removeSession(state, snapshot.sessionId);
      return;
    case "extras.loaded":
      state.todos[snapshot.sessionId] = snapshot.todos;
      state.diffs[snapshot.sessionId] = snapshot.diffs;
      return;
    case "cleared":
      state.sessions = {};
      state.status = {};
      state.messages = {};
      state.messageInfo = {};
      state.parts = {};
      state.permissions = {};
      state.questions = {};
      state.todos = {};
      state.diffs = {};
      state.fileChanges = 0;
      return;
    default: {
      const unhandled: never = snapshot;
      return unhandled;
    }
  }
}

/** Adds a page of messages with their parts (ids keep everything in order). */
function addPage(state: ProjectState, messages: readonly MessageWithParts[]): void {
  for (const { info: message, parts } of messages) {
    upsertMessage(state, message);
    state.parts[message.id] = [];
    for (const part of parts) upsertPart(state, part);
  }
}

function sessionsFetched(
  state: ProjectState,
  fetched: Extract<Snapshot, { type: "sessions.fetched" }>,
): void {
  const listed = new Set([...fetched.sessions.map((session) => session.id), ...(fetched.keep ?? [])]);
  // Deleted while no events arrived: the list is the server's word.
  for (const id of Object.keys(state.sessions)) if (!listed.has(id)) removeSession(state, id);
  for (const session of fetched.sessions) state.sessions[session.id] = session;
  state.permissions = {};
  state.questions = {};
  // Sorted by id, as the reducer's binary-search upserts expect.
  for (const request of fetched.pending.permissions) {
    upsertSorted((state.permissions[request.sessionID] ??= []), request, byId);
  }
  for (const request of fetched.pending.questions) {
    upsertSorted((state.questions[request.sessionID] ??= []), request, byId);
  }
  // Absent means idle: a busy badge from before a drop must not outlive the reply.
  state.status = { ...fetched.statuses };
}
