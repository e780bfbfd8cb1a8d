// The only writer of server data: applies the server's events to a ProjectState in place (the
// app wraps a batch in Solid's `produce`; tests pass a plain object). Every case is an idempotent
// upsert or removal by id, except text deltas, which append, and news of changed files, which is
// counted. Unknown (but the file watcher's) and malformed events are ignored explicitly; a new
// known kind without a case fails to compile.
import type { Message, Part, ServerEvent } from "../ipc";
import { removeSorted, upsertSorted } from "../lib/sorted";
import type { ProjectState } from "./store";

const FILE_WATCHER = "file.watcher.updated";
const byId = (item: { id: string }) => item.id;
const self = (id: string) => id;

export function applyEvents(state: ProjectState, events: readonly ServerEvent[]): void {
  for (const event of events) applyEvent(state, event);
}

export function applyEvent(state: ProjectState, event: ServerEvent): void {
  switch (event.type) {
    case "session.created":
    case "session.updated":
      state.sessions[event.properties.info.id] = event.properties.info;
      return;
    case "session.deleted":
      removeSession(state, event.properties.info.id);
      return;
    case "session.status":
      state.status[event.properties.sessionID] = event.properties.status;
      return;
    case "session.idle":
      state.status[event.properties.sessionID] = { type: "idle" };
      return;
    case "session.diff":
      state.diffs[event.properties.sessionID] = event.properties.diff;
      return;
    case "todo.updated":
      state.todos[event.properties.sessionID] = event.properties.todos;
      return;
    case "message.updated":
      upsertMessage(state, event.properties.info);
      return;
    case "message.removed":
      removeMessage(state, event.properties.sessionID, event.properties.messageID);
      return;
    case "message.part.updated":
      upsertPart(state, event.properties.part);
      return;
    case "message.part.removed": {
      const parts = state.parts[event.properties.messageID];
      if (parts) removeSorted(parts, event.properties.partID, byId);
      return;
    }
    case "message.part.delta":
      appendDelta(state, event.properties);
      return;
    case "permission.asked":
      upsertSorted((state.permissions[event.properties.sessionID] ??= []), event.properties, byId);
      return;
    case "permission.replied": {
      const pending = state.permissions[event.properties.sessionID];
      if (pending) removeSorted(pending, event.properties.requestID, byId);
      return;
    }
    case "question.asked":
      upsertSorted((state.questions[event.properties.sessionID] ??= []), event.properties, byId);
      return;
    case "question.replied":
    case "question.rejected": {
      const pending = state.questions[event.properties.sessionID];
      if (pending) removeSorted(pending, event.properties.requestID, byId);
      return;
    }
    // The project's files or branch changed; a new connection may have missed such news (the
    // server does not replay). Only counted: views of the working tree refetch when it moves.
    case "server.connected":
    case "file.edited":
    case "vcs.branch.updated":
      state.fileChanges++;
      return;
    // The file watcher's news is a kind the client does not model (its properties vary).
    case "unknown":
      if (event.properties.kind === FILE_WATCHER) state.fileChanges++;
      return;
    // Facts the store does not keep, and what the client could not decode: ignored on purpose.
    // TUI control is decided in Rust (tui_control.rs) and arrives as TuiControlRequested.
    case "server.heartbeat":
    case "server.instance.disposed":
    case "session.error":
    case "session.compacted":
    case "tui.prompt.append":
    case "tui.command.execute":
    case "tui.toast.show":
    case "tui.session.select":
    case "malformed":
      return;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function messageSession(message: Message): string {
  return message.sessionID;
}

export function upsertMessage(state: ProjectState, message: Message): void {
  state.messageInfo[message.id] = message;
  upsertSorted((state.messages[messageSession(message)] ??= []), message.id, self);
}

export function upsertPart(state: ProjectState, part: Part): void {
  upsertSorted((state.parts[part.messageID] ??= []), part, byId);
}

function appendDelta(
  state: ProjectState,
  delta: { messageID: string; partID: string; field: string; delta: string },
): void {
  const parts = state.parts[delta.messageID];
  const part = parts?.find((p) => p.id === delta.partID);
  // A delta for a part not seen yet is dropped: the whole-part update that follows carries it.
  if (!part) return;
  const fields = part as unknown as Record<string, unknown>;
  const current = fields[delta.field];
  if (typeof current === "string") fields[delta.field] = current + delta.delta;
  else if (current === undefined) fields[delta.field] = delta.delta;
}

function removeMessage(state: ProjectState, sessionId: string, messageId: string): void {
  const ids = state.messages[sessionId];
  if (ids) removeSorted(ids, messageId, self);
  drop(state.messageInfo, messageId);
  drop(state.parts, messageId);
}

export function removeSession(state: ProjectState, sessionId: string): void {
  for (const messageId of state.messages[sessionId] ?? []) {
    drop(state.messageInfo, messageId);
    drop(state.parts, messageId);
  }
  drop(state.sessions, sessionId);
  drop(state.messages, sessionId);
  drop(state.status, sessionId);
  drop(state.permissions, sessionId);
  drop(state.questions, sessionId);
  drop(state.todos, sessionId);
  drop(state.diffs, sessionId);
}

/** Removes a key from a keyed map (the store's maps are keyed by server ids). */
export function drop(record: Record<string, unknown>, key: string): void {
  Reflect.deleteProperty(record, key);
}
